# Helpers shared by the recipe scripts in examples/. Dot-sourced by them; not meant to be run on its own.
# Everything here talks to the engine through DockerPS cmdlets only.

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
    # Fails with one clear message when the engine cannot be reached; returns its version object otherwise.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [hashtable] $Engine)
    if (-not (Get-Command Get-DockerVersion -ErrorAction Ignore)) {
        throw (New-RecipeErrorRecord -ErrorId 'DockerPSNotLoaded' -Category NotInstalled -TargetObject 'DockerPS' `
                -Message 'The DockerPS module is not loaded: run Import-Module DockerPS (or the path of the built module, out/DockerPS) first.')
    }
    try {
        Get-DockerVersion @Engine -ErrorAction Stop
    }
    catch {
        $where = if ($Engine.DockerHost) { $Engine.DockerHost } elseif ($Engine.Context) { "context $($Engine.Context)" } elseif ($env:DOCKER_HOST) { $env:DOCKER_HOST } else { 'the default engine' }
        throw (New-RecipeErrorRecord -ErrorId 'EngineUnreachable' -Category ConnectionError -TargetObject $where -InnerException $_.Exception `
                -Message "Cannot reach the Docker engine ($where): $($_.Exception.Message) Start the engine, or choose another one with -DockerHost or -Context.")
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

function Get-RecipeVolume {
    # The volume with exactly this name, or nothing.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [hashtable] $Engine)
    Get-DockerVolume @Engine -Filter @{ name = $Name } | Where-Object Name -CEQ $Name
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

function Invoke-RecipeImageBuild {
    # Builds the recipe's image from its folder with Invoke-DockerBuild; a clear error when this DockerPS has none.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Reference,
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [hashtable] $Engine
    )
    if (-not (Test-Path -LiteralPath (Join-Path $Path 'Dockerfile'))) {
        throw (New-RecipeErrorRecord -ErrorId 'RecipeNotFound' -Category ObjectNotFound -TargetObject $Path `
                -Message "The image $Reference is not on the engine, and there is no Dockerfile in '$Path' to build it from. Give the recipe folder with -RecipePath.")
    }
    if (-not (Get-Command Invoke-DockerBuild -ErrorAction Ignore)) {
        throw (New-RecipeErrorRecord -ErrorId 'BuildUnavailable' -Category NotImplemented -TargetObject $Reference `
                -Message "The image $Reference is not on the engine and this version of DockerPS has no Invoke-DockerBuild. Build it once with: docker build -t $Reference '$Path'")
    }
    Invoke-DockerBuild @Engine -Path $Path -Tag $Reference -ErrorAction Stop
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
    if ($ContainerName) {
        Remove-DockerContainer @Engine -Name $ContainerName -Force -Volumes -Confirm:$false -WhatIf:$false -ErrorAction SilentlyContinue
    }
    if ($VolumeName) {
        Remove-DockerVolume @Engine -Name $VolumeName -Force -Confirm:$false -WhatIf:$false -ErrorAction SilentlyContinue
    }
}
