# Helpers shared by the recipe scripts in examples/. Dot-sourced by them; not meant to be run on its own.
# Everything here talks to the engine through DockerPS cmdlets only. Helpers that ask before they change something,
# or that stop the script, take the script's own $PSCmdlet as -Cmdlet: -WhatIf and -Confirm (with its "Yes to All")
# are then the script's, and so is the error a user sees.

Set-StrictMode -Version 3.0

function New-RecipeErrorRecord {
    # An error record with a stable id, a specific category and the user's input as its target, so that scripts can
    # tell failures apart with $_.FullyQualifiedErrorId.
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)] [string] $Message,
        [Parameter(Mandatory)] [string] $ErrorId,
        [Parameter(Mandatory)] [System.Management.Automation.ErrorCategory] $Category,
        [AllowNull()] [object] $TargetObject,
        [System.Exception] $InnerException
    )
    $exception = if ($InnerException) {
        [System.InvalidOperationException]::new($Message, $InnerException)
    }
    else {
        [System.InvalidOperationException]::new($Message)
    }
    [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $TargetObject)
}

function Get-RecipeEngineParameter {
    # The -DockerHost/-Context pair to splat onto every DockerPS cmdlet, with only what the caller gave.
    [CmdletBinding()]
    [OutputType([hashtable])]
    param([string] $DockerHost, [string] $Context)
    $engine = @{}
    if ($DockerHost) { $engine.DockerHost = $DockerHost }
    if ($Context) { $engine.Context = $Context }
    $engine
}

function Assert-RecipeEngine {
    # Returns the engine's version object. When the engine cannot be reached (or DockerPS is not loaded), stops the
    # calling script with one clear error of its own (-Cmdlet: the script's $PSCmdlet).
    [CmdletBinding()]
    param([Parameter(Mandatory)] [hashtable] $Engine, [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet)
    if (-not (Get-Command Get-DockerVersion -ErrorAction Ignore)) {
        $Cmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'DockerPSNotLoaded' -Category NotInstalled -TargetObject 'DockerPS' `
                    -Message 'The DockerPS module is not loaded: run Import-Module DockerPS (or the path of the built module, out/DockerPS) first.'))
    }
    try {
        Get-DockerVersion @Engine -ErrorAction Stop
    }
    catch {
        $where = if ($Engine.DockerHost) { $Engine.DockerHost } elseif ($Engine.Context) { "context $($Engine.Context)" } elseif ($env:DOCKER_HOST) { $env:DOCKER_HOST } else { 'the default engine' }
        $Cmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'EngineUnreachable' -Category ConnectionError -TargetObject $where -InnerException $_.Exception `
                    -Message "Cannot reach the Docker engine ($where): $($_.Exception.Message) Start the engine, or choose another one with -DockerHost or -Context."))
    }
}

function Get-RecipeHostName {
    # The host name that clients use to reach published ports of the engine given by its endpoint URI.
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $Endpoint)
    $uri = $null
    if ($Endpoint -and [uri]::TryCreate($Endpoint, [System.UriKind]::Absolute, [ref] $uri) -and $uri.Scheme -in 'tcp', 'ssh', 'http', 'https' -and $uri.Host) {
        return $uri.Host
    }
    'localhost'
}

function Get-RecipeClientHost {
    # The host name that the URLs a recipe writes should use: -HostAddress when the ports are published on one
    # address, else the engine's host (Get-RecipeHostName).
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $HostAddress, [string] $Endpoint)
    if ($HostAddress -and $HostAddress -notin '0.0.0.0', '::') { return $HostAddress }
    Get-RecipeHostName -Endpoint $Endpoint
}

function Get-RecipePublishPrefix {
    # What goes before 'hostPort:containerPort' in -Publish to publish on -HostAddress only ('' for every address).
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $HostAddress)
    if (-not $HostAddress) { return '' }
    if ($HostAddress.Contains(':')) { return "[$HostAddress]:" }
    "${HostAddress}:"
}

function Test-RecipeLocalEngine {
    # True when the engine runs on this computer, so that a port can be probed here.
    [CmdletBinding()]
    [OutputType([bool])]
    param([string] $Endpoint)
    if (-not $Endpoint) { return $true }
    $uri = $null
    if (-not [uri]::TryCreate($Endpoint, [System.UriKind]::Absolute, [ref] $uri)) { return $false }
    if ($uri.Scheme -in 'unix', 'npipe') { return $true }
    $uri.Host -in 'localhost', '127.0.0.1', '::1', '[::1]'
}

function Get-RecipePortConflict {
    # For each host port that cannot be published, a message saying who has it: a container of the engine
    # (running or only created with that port), or, for a local engine, another program listening on it.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [int[]] $Port,
        [Parameter(Mandatory)] [hashtable] $Engine,
        [string] $Endpoint,
        [string] $HostAddress
    )
    $claimed = @{}
    foreach ($container in @(Get-DockerContainer @Engine -Status created, running, restarting, paused -Inspect)) {
        foreach ($binding in @($container.HostConfig.PortBindings)) {
            if ($binding.PublicPort) { $claimed[[int] $binding.PublicPort] = $container.Name }
        }
    }
    foreach ($p in $Port) {
        if ($claimed.ContainsKey($p)) {
            "host port $p is already published by container '$($claimed[$p])'"
            continue
        }
        if (-not (Test-RecipeLocalEngine -Endpoint $Endpoint)) { continue }
        $address = [System.Net.IPAddress]::Any
        if ($HostAddress) { $address = [System.Net.IPAddress]::Parse($HostAddress) }
        $listener = [System.Net.Sockets.TcpListener]::new($address, $p)
        try {
            $listener.Start()
        }
        catch [System.Net.Sockets.SocketException] {
            # Only "in use" counts: a port below 1024 that we may not bind ourselves can still be free for the engine.
            if ($_.Exception.SocketErrorCode -eq [System.Net.Sockets.SocketError]::AddressAlreadyInUse) {
                "host port $p is already in use by another program on this computer"
            }
        }
        finally {
            $listener.Stop()
        }
    }
}

function Assert-RecipePortFree {
    # Throws PortInUse, naming who has each port, unless every host port can be published.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [int[]] $Port,
        [Parameter(Mandatory)] [hashtable] $Engine,
        [string] $Endpoint,
        [string] $HostAddress,
        # What the ports are for and how to choose others, for the message.
        [Parameter(Mandatory)] [string] $Subject,
        [Parameter(Mandatory)] [string] $Remedy
    )
    $conflicts = @(Get-RecipePortConflict -Port $Port -Engine $Engine -Endpoint $Endpoint -HostAddress $HostAddress)
    if ($conflicts) {
        $target = if ($Port.Count -eq 1) { $Port[0] } else { $Port -join ',' }
        throw (New-RecipeErrorRecord -ErrorId 'PortInUse' -Category ResourceUnavailable -TargetObject $target `
                -Message "Cannot publish ${Subject}: $($conflicts -join '; '). $Remedy")
    }
}

function Get-RecipeLabel {
    # A label's value, or $null when the object has no such label.
    [CmdletBinding()]
    [OutputType([string])]
    param([AllowNull()] [System.Collections.Generic.IReadOnlyDictionary[string, string]] $Labels, [Parameter(Mandatory)] [string] $Key)
    $value = $null
    if ($null -ne $Labels -and $Labels.TryGetValue($Key, [ref] $value)) { return $value }
    $null
}

function Get-RecipeContainer {
    # The container with exactly this name, running or not, or nothing.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [hashtable] $Engine)
    Get-DockerContainer @Engine -All -Filter @{ name = '^/?' + [regex]::Escape($Name) + '$' } |
        Where-Object Name -EQ $Name
}

function Find-RecipeContainer {
    # The container with exactly this name, or nothing: Container (its list entry), Details (its description, as
    # docker inspect gives it) and IsRecipe (whether it carries the label dockerps.recipe=<Recipe>, so that it is
    # one that this recipe made). A container that is removed between the list and the inspect counts as not there.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [hashtable] $Engine, [Parameter(Mandatory)] [string] $Recipe)
    $container = Get-RecipeContainer -Name $Name -Engine $Engine
    if (-not $container) { return }
    try {
        $details = Get-DockerContainer @Engine -Id $container.Id -Inspect -ErrorAction Stop
    }
    catch {
        # Removed by another session between the list and the inspect: there is no such container any more.
        if ("$($_.FullyQualifiedErrorId)" -like 'ContainerNotFound,*') { return }
        throw
    }
    [pscustomobject]@{
        Container = $container
        Details   = $details
        IsRecipe  = (Get-RecipeLabel $details.Config.Labels 'dockerps.recipe') -eq $Recipe
    }
}

function Assert-RecipePublishedPort {
    # Throws ContainerMismatch unless the container publishes each -ContainerPort on the -HostPort at the same place.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Details,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [int[]] $ContainerPort,
        [Parameter(Mandatory)] [int[]] $HostPort,
        # What is served on each container port (HTTP, svn, ...), for the message.
        [Parameter(Mandatory)] [string[]] $Service,
        # Who the container is ("The container 'x'") and the script that removes it keeping its data, for the message.
        [Parameter(Mandatory)] [string] $Subject,
        [Parameter(Mandatory)] [string] $RemoveCommand
    )
    $published = @{}
    foreach ($b in $Details.HostConfig.PortBindings) { $published[$b.PrivatePort] = $b.PublicPort }
    $same = $true
    for ($i = 0; $i -lt $ContainerPort.Count; $i++) { if ($published[$ContainerPort[$i]] -ne $HostPort[$i]) { $same = $false } }
    if ($same) { return }
    $has = for ($i = 0; $i -lt $ContainerPort.Count; $i++) { "$($Service[$i]) on $($published[$ContainerPort[$i]])" }
    throw (New-RecipeErrorRecord -ErrorId 'ContainerMismatch' -Category InvalidArgument -TargetObject $Name `
            -Message "$Subject publishes $($has -join ' and '), not $($HostPort -join ' and '). Give the same ports, or remove it first ($RemoveCommand) to change them.")
}

function Start-RecipeContainer {
    # Starts a container that was found stopped (asking the calling script's -Cmdlet first).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Container,
        [Parameter(Mandatory)] [hashtable] $Engine,
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [string] $Action
    )
    if ($Container.State -ne 'running' -and $Cmdlet.ShouldProcess($Container.Name, $Action)) {
        Start-DockerContainer @Engine -Id $Container.Id -Confirm:$false -ErrorAction Stop
    }
}

function Remove-RecipeContainer {
    # Removes a container of a recipe, running or not (asking the calling script's -Cmdlet first), and writes what
    # was removed.
    [CmdletBinding()]
    [OutputType('DockerPS.Recipes.RemovedResource')]
    param(
        [Parameter(Mandatory)] [object] $Container,
        [Parameter(Mandatory)] [hashtable] $Engine,
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [string] $Action,
        # Also its anonymous volumes (docker rm -v).
        [switch] $Volumes
    )
    if ($Cmdlet.ShouldProcess($Container.Name, $Action)) {
        Remove-DockerContainer @Engine -Id $Container.Id -Force -Volumes:$Volumes -Confirm:$false -ErrorAction Stop
        [pscustomobject]@{ PSTypeName = 'DockerPS.Recipes.RemovedResource'; Kind = 'Container'; Name = $Container.Name; Removed = $true }
    }
}

function Get-RecipeVolume {
    # The volume with exactly this name, or nothing.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [hashtable] $Engine)
    Get-DockerVolume @Engine -Filter @{ name = $Name } | Where-Object Name -CEQ $Name
}

function New-RecipeVolume {
    # Creates the named volume of a recipe (asking the calling script's -Cmdlet first) and returns its name; returns
    # nothing when the volume is there already (it is reused) or when the answer was no.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [hashtable] $Engine,
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [string] $Recipe,
        # What the volume keeps ('the repositories'), for the messages.
        [Parameter(Mandatory)] [string] $Contents
    )
    if (Get-RecipeVolume -Name $Name -Engine $Engine) {
        Write-Verbose "Reusing the volume $Name and $Contents in it."
        return
    }
    if ($Cmdlet.ShouldProcess($Name, "Create the volume for $Contents")) {
        $null = New-DockerVolume @Engine -Name $Name -Label @{ 'dockerps.recipe' = $Recipe } -Confirm:$false -ErrorAction Stop
        $Name
    }
}

function Remove-RecipeVolume {
    # Removes the named volume (asking the calling script's -Cmdlet first) and writes what was removed; a volume
    # that is not there is no error.
    [CmdletBinding()]
    [OutputType('DockerPS.Recipes.RemovedResource')]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [hashtable] $Engine,
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [string] $Action
    )
    if (-not (Get-RecipeVolume -Name $Name -Engine $Engine)) {
        Write-Verbose "There is no volume named $Name."
        return
    }
    if ($Cmdlet.ShouldProcess($Name, $Action)) {
        Remove-DockerVolume @Engine -Name $Name -Confirm:$false -ErrorAction Stop
        [pscustomobject]@{ PSTypeName = 'DockerPS.Recipes.RemovedResource'; Kind = 'Volume'; Name = $Name; Removed = $true }
    }
}

function Resolve-RecipeImageReference {
    # 'name' -> 'name:latest'; references with a tag or digest stay as they are.
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Image)
    if ($Image -match '@sha256:' -or $Image -match ':[^/:]+$') { return $Image }
    "${Image}:latest"
}

function Find-RecipeImage {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Reference, [Parameter(Mandatory)] [hashtable] $Engine)
    Get-DockerImage @Engine | Where-Object { $_.RepoTags -contains $Reference } | Select-Object -First 1
}

function Install-RecipeImage {
    # Makes sure the engine has the recipe's image: when it has no image of that reference, builds it from the
    # recipe's folder with Invoke-DockerBuild (asking the calling script's -Cmdlet first); a clear error when this
    # DockerPS has no Invoke-DockerBuild.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Reference,
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [hashtable] $Engine,
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet
    )
    if (Find-RecipeImage -Reference $Reference -Engine $Engine) { return }
    if (-not $Cmdlet.ShouldProcess($Reference, "Build the image from $Path")) { return }
    if (-not (Test-Path -LiteralPath (Join-Path $Path 'Dockerfile'))) {
        throw (New-RecipeErrorRecord -ErrorId 'RecipeNotFound' -Category ObjectNotFound -TargetObject $Path `
                -Message "The image $Reference is not on the engine, and there is no Dockerfile in '$Path' to build it from. Give the recipe folder with -RecipePath.")
    }
    if (-not (Get-Command Invoke-DockerBuild -ErrorAction Ignore)) {
        throw (New-RecipeErrorRecord -ErrorId 'BuildUnavailable' -Category NotImplemented -TargetObject $Reference `
                -Message "The image $Reference is not on the engine and this version of DockerPS has no Invoke-DockerBuild. Build it once with: docker build -t $Reference '$Path'")
    }
    $null = Invoke-DockerBuild @Engine -Path $Path -Tag $Reference -ErrorAction Stop
}

function Invoke-RecipeExec {
    # Invoke-DockerExec for the recipes: returns the command's output lines and leaves its exit code in
    # $LASTEXITCODE. A command that fails is a terminating error carrying what it wrote to standard error, unless
    # -AllowFailure (for checks, which look at $LASTEXITCODE themselves).
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [hashtable] $Engine,
        [Parameter(Mandatory)] [string[]] $Command,
        [hashtable] $Environment,
        [string] $User,
        [switch] $Detach,
        [switch] $AllowFailure
    )
    $exec = @{ Name = $Name; Command = $Command; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'execErrors' }
    if ($Environment) { $exec.Environment = $Environment }
    if ($User) { $exec.User = $User }
    if ($Detach) { $exec.Detach = $true }
    # The cmdlet sets $LASTEXITCODE only when the command ran (and not with -Detach): a command that could not be
    # started at all, say in a container that has stopped, counts as failed (-1).
    $global:LASTEXITCODE = $null
    $output = Invoke-DockerExec @Engine @exec 2>$null
    $code = $global:LASTEXITCODE
    if ($null -eq $code) {
        $code = if ($Detach -and -not $execErrors) { 0 } else { -1 }
        $global:LASTEXITCODE = $code
    }
    if (-not $AllowFailure -and $code -ne 0) {
        $stderr = @($execErrors | Where-Object { "$($_.FullyQualifiedErrorId)" -notlike 'ContainerExitedWithError*' } | ForEach-Object { "$($_.Exception.Message)" }) -join [Environment]::NewLine
        throw (New-RecipeErrorRecord -ErrorId 'ContainerCommandFailed' -Category InvalidResult -TargetObject $Name `
                -Message "'$($Command[0])' failed in the container $Name (exit code $code). $stderr".TrimEnd())
    }
    $output
}

function Test-RecipeExec {
    # True when the command exits with 0 in the container.
    [CmdletBinding()]
    [OutputType([bool])]
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [hashtable] $Engine, [Parameter(Mandatory)] [string[]] $Command)
    $null = Invoke-RecipeExec -Name $Name -Engine $Engine -Command $Command -AllowFailure
    $global:LASTEXITCODE -eq 0
}

function Wait-RecipeContainerReady {
    # Polls a check command in the container until it succeeds; on time-out or when the container stops, fails with
    # the tail of the container's log.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string[]] $Check,
        [Parameter(Mandatory)] [hashtable] $Engine,
        [int] $TimeoutSeconds = 60
    )
    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
    $restarts = $null
    do {
        $container = Get-RecipeContainer -Name $Name -Engine $Engine
        if (-not $container) { break }
        # A main process that has exited, even if the restart policy brought it back, will not become ready.
        $details = Get-DockerContainer @Engine -Id $container.Id -Inspect
        if ($null -eq $restarts) { $restarts = $details.RestartCount }
        if (-not $details.State.Running -or $details.State.Restarting -or $details.RestartCount -gt $restarts) { break }
        if (Test-RecipeExec -Name $Name -Engine $Engine -Command $Check) { return }
        Start-Sleep -Milliseconds 500
    } while ([datetime]::UtcNow -lt $deadline)
    $log = @(Get-DockerContainerLog @Engine -Name $Name -Tail 15 -ErrorAction SilentlyContinue | ForEach-Object Text) -join [Environment]::NewLine
    $state = if (-not $container) { 'gone' } elseif ($details.RestartCount -gt $restarts) { "$($container.State), its main process exited and was restarted" } else { $container.State }
    throw (New-RecipeErrorRecord -ErrorId 'ContainerNotReady' -Category OperationTimeout -TargetObject $Name `
            -Message "The container $Name did not become ready (state: $state). Its last log lines:$([Environment]::NewLine)$log")
}

function Remove-RecipeLeftover {
    # Removes what a failed run created, and only that; never fails itself.
    [CmdletBinding()]
    param([hashtable] $Engine, [string] $ContainerName, [string] $VolumeName)
    $made = @($ContainerName, $VolumeName) | Where-Object { $_ }
    if (-not $made) { return }
    Write-Verbose "Removing what this run created: $($made -join ', ')"
    if ($ContainerName) {
        Remove-DockerContainer @Engine -Name $ContainerName -Force -Volumes -Confirm:$false -WhatIf:$false -ErrorAction SilentlyContinue
    }
    if ($VolumeName) {
        Remove-DockerVolume @Engine -Name $VolumeName -Force -Confirm:$false -WhatIf:$false -ErrorAction SilentlyContinue
    }
}
