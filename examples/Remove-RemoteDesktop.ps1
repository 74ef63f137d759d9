#Requires -Version 5.1

<#
.SYNOPSIS
    Removes a remote desktop that Deploy-RemoteDesktop.ps1 made: its container and, unless -KeepHome, the volume
    with the home folders.

.DESCRIPTION
    Stops and removes the container -Name, then the named volume it kept /home in (found from the container, or
    -HomeVolume when the container is already gone). A home folder of this computer (Deploy-RemoteDesktop.ps1
    -HomeFolder) is never deleted. With -KeepHome the volume stays, and the next Deploy-RemoteDesktop.ps1 finds the
    user's files, settings and desktop as they were.

    Only a container of the desktop recipe is removed (label dockerps.recipe=desktop); another container with that
    name is left alone with an error (ErrorId ContainerNameTaken), unless -Force. Removing deletes data, so it asks
    for confirmation (ConfirmImpact High); -Confirm:$false or -Force skip the questions. -WhatIf shows what would be
    removed. Running it when everything is already gone is harmless.

.PARAMETER Name
    The container's name. Default: desktop.

.PARAMETER HomeVolume
    The volume to remove when the container no longer exists to say which. Default: desktop-home.

.PARAMETER KeepHome
    Keeps the home volume.

.PARAMETER Force
    Removes a container of that name even when it is not a desktop of this recipe, and does not ask.

.PARAMETER DockerHost
    The engine to use, as DOCKER_HOST takes it. Default: as the docker CLI.

.PARAMETER Context
    The docker context whose engine to use.

.EXAMPLE
    PS> ./examples/Remove-RemoteDesktop.ps1 -KeepHome -Confirm:$false

    Kind      Name    Removed
    ----      ----    -------
    Container desktop    True

.EXAMPLE
    PS> ./examples/Deploy-RemoteDesktop.ps1 -Credential $toor | ./examples/Remove-RemoteDesktop.ps1 -WhatIf

    The desktop object that Deploy-RemoteDesktop.ps1 writes names the container and its home, so it can be piped.

.OUTPUTS
    DockerPS.Recipes.RemovedResource
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
[OutputType('DockerPS.Recipes.RemovedResource')]
param(
    [Parameter(ValueFromPipelineByPropertyName)]
    [ValidatePattern('^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')]
    [string] $Name = 'desktop',

    [ValidatePattern('^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')]
    [string] $HomeVolume = 'desktop-home',

    [switch] $KeepHome,

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
    $volume = $HomeVolume
    $found = Find-RecipeContainer -Name $Name -Engine $engine -Recipe 'desktop'
    if ($found) {
        if (-not $found.IsRecipe -and -not $Force) {
            $PSCmdlet.WriteError((New-RecipeErrorRecord -ErrorId 'ContainerNameTaken' -Category InvalidOperation -TargetObject $Name `
                        -Message "The container '$Name' is not a desktop of this recipe (its image is $($found.Container.Image)); it was left alone. Use -Force to remove it anyway."))
            return
        }
        # The volume at /home, if any; a host folder is never removed.
        $volume = $null
        $mount = $found.Details.Mounts | Where-Object { $_.Destination -eq '/home' -and $_.Type -eq 'volume' }
        $label = Get-RecipeLabel $found.Details.Config.Labels 'dockerps.recipe.home'
        if ($mount -and $mount.Name -eq $label) { $volume = $mount.Name }
        # -Volumes: the anonymous volume a home folder bind leaves at /home goes with the container.
        Remove-RecipeContainer -Container $found.Container -Engine $engine -Cmdlet $PSCmdlet -Action 'Remove the desktop container' -Volumes
    }
    else {
        Write-Verbose "There is no container named $Name."
    }

    if ($KeepHome -or -not $volume) { return }
    Remove-RecipeVolume -Name $volume -Engine $engine -Cmdlet $PSCmdlet -Action 'Remove the volume and every home folder in it'
}
