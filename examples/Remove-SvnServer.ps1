#Requires -Version 5.1

<#
.SYNOPSIS
    Removes the Subversion server that Deploy-SvnServer.ps1 made: its container and, unless -KeepVolume, the volume
    with the repositories and users.

.DESCRIPTION
    Stops and removes the container -Name, then removes the volume it kept its repositories in (found from the
    container, or -VolumeName when the container is already gone). With -KeepVolume the repositories and users stay,
    and running Deploy-SvnServer.ps1 again serves them from a new container.

    Only a container of the SVN recipe is removed (one whose image carries the label dockerps.recipe=svn-server);
    another container with that name is left alone with an error (ErrorId ContainerNameTaken), unless -Force.
    Removing deletes data, so it asks for confirmation (ConfirmImpact High); -Confirm:$false or -Force skip the
    questions. -WhatIf shows what would be removed.

    Nothing that is already gone is an error: running it twice is harmless. What was removed is written to the
    pipeline (one object per container and volume, with Kind, Name and Removed).

.PARAMETER Name
    The container's name. Default: svn-server.

.PARAMETER VolumeName
    The volume to remove when the container no longer exists to say which. Default: svn-root.

.PARAMETER KeepVolume
    Keeps the volume, and so the repositories and users.

.PARAMETER Force
    Removes a container of that name even when it is not an SVN server of this recipe, and does not ask before
    removing the volume.

.PARAMETER DockerHost
    The engine to use, as DOCKER_HOST takes it. Default: as the docker CLI.

.PARAMETER Context
    The docker context whose engine to use.

.EXAMPLE
    PS> ./examples/Remove-SvnServer.ps1 -KeepVolume

    Kind      Name       Removed
    ----      ----       -------
    Container svn-server    True

    Removes the container only; the repositories stay in svn-root for the next Deploy-SvnServer.ps1.

.EXAMPLE
    PS> ./examples/Remove-SvnServer.ps1 -Name team-svn -Confirm:$false

    Removes the container team-svn and its volume without asking.

.OUTPUTS
    DockerPS.Recipes.RemovedResource
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
[OutputType('DockerPS.Recipes.RemovedResource')]
param(
    [Parameter(ValueFromPipelineByPropertyName)]
    [ValidatePattern('^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')]
    [string] $Name = 'svn-server',

    [Parameter(ValueFromPipelineByPropertyName)]
    [Alias('Volume')]
    [ValidatePattern('^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')]
    [string] $VolumeName = 'svn-root',

    [switch] $KeepVolume,

    [switch] $Force,

    [string] $DockerHost,

    [string] $Context
)

begin {
    . (Join-Path $PSScriptRoot 'Private/RecipeCommon.ps1')
    if ($Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
    $engine = Get-RecipeEngineParameter -DockerHost $DockerHost -Context $Context
    $null = Assert-RecipeEngine -Engine $engine -Cmdlet $PSCmdlet
}

process {
    $volume = $VolumeName
    $found = Find-RecipeContainer -Name $Name -Engine $engine -Recipe 'svn-server'
    if ($found) {
        if (-not $found.IsRecipe -and -not $Force) {
            $PSCmdlet.WriteError((New-RecipeErrorRecord -ErrorId 'ContainerNameTaken' -Category InvalidOperation -TargetObject $Name `
                        -Message "The container '$Name' is not an SVN server of this recipe (its image is $($found.Container.Image)); it was left alone. Use -Force to remove it anyway."))
            return
        }
        $mount = $found.Details.Mounts | Where-Object Destination -EQ '/home/svn'
        if ($mount -and $mount.Name) { $volume = $mount.Name }
        Remove-RecipeContainer -Container $found.Container -Engine $engine -Cmdlet $PSCmdlet -Action 'Remove the SVN server container'
    }
    else {
        Write-Verbose "There is no container named $Name."
    }

    if ($KeepVolume) { return }
    Remove-RecipeVolume -Name $volume -Engine $engine -Cmdlet $PSCmdlet -Action 'Remove the volume and every repository and user in it'
}
