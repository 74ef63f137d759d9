#Requires -Version 5.1

<#
.SYNOPSIS
    Runs a light XFCE remote desktop in a container, reachable from a browser (noVNC) and from Remote Desktop
    clients (RDP). Running it again finds and reuses what is there.

.DESCRIPTION
    The PowerShell form of SEEDS.md section 5:

        docker container run -d --name rdp --hostname rdp -p 33899:3389 -p 60811:6081 \
            -v /dhv/xfce/toor:/home/toor -e VNC_GEOMETRY=1440x900 mcchae/xfce

    The image is built from recipes/desktop (Invoke-DockerBuild) when the engine does not have it. One desktop
    session runs in the container, on a VNC server of -Geometry; a browser at http://<host>:<NoVncPort>/ shows it
    through noVNC, and a Remote Desktop client at <host>:<RdpPort> reaches the same session through xrdp.

    The desktop user is -Credential's user name, made at the container's first start with -Credential's password;
    there is no default password. The password is handed to the container by docker exec into a memory-only folder
    (tmpfs) that the container reads once at its first start: it is not in the container's configuration
    (docker inspect), not on a disk and not on a command line. VNC's own authentication, which both noVNC and
    xrdp use, only looks at the first 8 characters of the password; the account inside (sudo) uses all of it.

    The home folder is kept outside the container: in the named volume -HomeVolume (mounted at /home), or in a
    folder of this computer given with -HomeFolder (mounted at /home/<user>), so it outlives the container.

    The script is idempotent. On a second run it finds the container by name, starts it if it is stopped and checks
    that -Credential's password is the desktop user's (else ErrorId WrongPassword; -ResetPassword sets it instead).
    Before anything is created it checks that the engine answers (EngineUnreachable), that the host ports are free
    (PortInUse) and that a container already called -Name is a desktop of this recipe for the same user and ports
    (ContainerNameTaken, ContainerMismatch). If a step fails after that, the container and volume that this run
    created are removed again.

.PARAMETER Credential
    The desktop user (lower-case letters, digits, '_' and '-', starting with a letter or '_') and their password (at
    least 8 characters, no ':').

.PARAMETER Name
    The container's name, also its host name unless -Hostname is given. Default: desktop.

.PARAMETER Hostname
    The container's host name, as the desktop shows it. Default: -Name.

.PARAMETER RdpPort
    The host port for RDP (container port 3389). Default: 33899, as in the seed.

.PARAMETER NoVncPort
    The host port for noVNC (container port 6081). Default: 60811, as in the seed.

.PARAMETER HostAddress
    The host address to publish the ports on, such as 127.0.0.1. Default: every address.

.PARAMETER Geometry
    The desktop's size in pixels, WIDTHxHEIGHT (VNC_GEOMETRY). Default: 1440x900.

.PARAMETER TimeZone
    The desktop's time zone, an IANA name such as Asia/Seoul (TZ). Default: this computer's time zone when it has an
    IANA name, else Etc/UTC.

.PARAMETER HomeVolume
    The named volume for /home. Default: desktop-home.

.PARAMETER HomeFolder
    A folder of this computer to use as the user's home folder instead of a volume. Relative paths are taken from
    the current location.

.PARAMETER Image
    The image to run. Default: dockerps/desktop:latest, built from -RecipePath when missing.

.PARAMETER RecipePath
    The folder with the image's Dockerfile. Default: recipes/desktop in this repository.

.PARAMETER ResetPassword
    On a desktop that exists already, sets the user's password to -Credential's instead of checking it.

.PARAMETER DockerHost
    The engine to use, as DOCKER_HOST takes it (unix://, npipe://, tcp://, ssh://). Default: as the docker CLI.

.PARAMETER Context
    The docker context whose engine to use.

.EXAMPLE
    PS> ./examples/Deploy-RemoteDesktop.ps1 -Credential (Get-Credential toor) -TimeZone Asia/Seoul

    Name       : desktop
    Status     : Created
    Image      : dockerps/desktop:latest
    User       : toor
    Home       : desktop-home
    Geometry   : 1440x900
    TimeZone   : Asia/Seoul
    NoVncUrl   : http://localhost:60811/vnc.html?autoconnect=true
    RdpAddress : localhost:33899

    Open the noVNC address in a browser and give the password, or connect a Remote Desktop client to localhost:33899.

.EXAMPLE
    PS> ./examples/Deploy-RemoteDesktop.ps1 -Credential $toor -Name rdp -HomeFolder ~/dhv/toor -Geometry 1920x1080 -RdpPort 33900 -NoVncPort 60812

    A second desktop, with its home in a folder of this computer and a larger screen.

.EXAMPLE
    PS> ./examples/Deploy-RemoteDesktop.ps1 -Credential $toor -WhatIf

    Shows what would be built, created and started.

.OUTPUTS
    DockerPS.Recipes.RemoteDesktop

.NOTES
    Remove it with ./examples/Remove-RemoteDesktop.ps1 (-KeepHome keeps the home volume).
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', DefaultParameterSetName = 'Volume')]
[OutputType('DockerPS.Recipes.RemoteDesktop')]
param(
    [Parameter(Mandatory)]
    [ValidateNotNull()]
    [System.Management.Automation.PSCredential] $Credential,

    [ValidatePattern('^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')]
    [string] $Name = 'desktop',

    [ValidatePattern('^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$')]
    [string] $Hostname,

    [ValidateRange(1, 65535)]
    [int] $RdpPort = 33899,

    [ValidateRange(1, 65535)]
    [int] $NoVncPort = 60811,

    [ValidateScript({ [System.Net.IPAddress]::TryParse($_, [ref] $null) })]
    [string] $HostAddress,

    [ValidatePattern('^\d{3,5}x\d{3,5}$')]
    [string] $Geometry = '1440x900',

    [ValidatePattern('^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$')]
    [string] $TimeZone,

    [Parameter(ParameterSetName = 'Volume')]
    [ValidatePattern('^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')]
    [string] $HomeVolume = 'desktop-home',

    [Parameter(Mandatory, ParameterSetName = 'Folder')]
    [ValidateNotNullOrEmpty()]
    [string] $HomeFolder,

    [ValidateNotNullOrEmpty()]
    [string] $Image = 'dockerps/desktop:latest',

    [ValidateNotNullOrEmpty()]
    [string] $RecipePath = (Join-Path $PSScriptRoot '../recipes/desktop'),

    [switch] $ResetPassword,

    [string] $DockerHost,

    [string] $Context
)

. (Join-Path $PSScriptRoot 'Private/RecipeCommon.ps1')

$user = $Credential.UserName
if ($user -cnotmatch '^[a-z_][a-z0-9_-]{0,31}$' -or $user -eq 'root') {
    $PSCmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'InvalidUserName' -Category InvalidArgument -TargetObject $user `
                -Message "'$user' is not a valid desktop user name: lower-case letters, digits, '_' and '-', starting with a letter or '_', at most 32, and not root."))
}
$password = $Credential.GetNetworkCredential().Password
if ($password.Length -lt 8 -or $password.Contains(':') -or $password -match '[\r\n]') {
    $PSCmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'InvalidPassword' -Category InvalidArgument -TargetObject $user `
                -Message "The password for '$user' must have at least 8 characters (VNC uses the first 8), and no ':' or line breaks."))
}
if ($RdpPort -eq $NoVncPort) {
    $PSCmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'SamePorts' -Category InvalidArgument -TargetObject $RdpPort `
                -Message "-RdpPort and -NoVncPort are both $RdpPort; give two different ports."))
}
$width, $height = $Geometry -split 'x' | ForEach-Object { [int] $_ }
if ($width -lt 640 -or $height -lt 480 -or $width -gt 8192 -or $height -gt 8192) {
    $PSCmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'InvalidGeometry' -Category InvalidArgument -TargetObject $Geometry `
                -Message "-Geometry $Geometry is out of range: from 640x480 to 8192x8192."))
}
if (-not $TimeZone) {
    $TimeZone = 'Etc/UTC'
    $local = [System.TimeZoneInfo]::Local.Id
    $iana = $null
    if ($local -match '^[A-Za-z_]+/[A-Za-z0-9_+/-]+$' -or $local -eq 'UTC') { $TimeZone = $local }
    elseif ([System.TimeZoneInfo].GetMethod('TryConvertWindowsIdToIanaId', [type[]] @([string], [string].MakeByRefType())) -and
        [System.TimeZoneInfo]::TryConvertWindowsIdToIanaId($local, [ref] $iana)) { $TimeZone = $iana }
}
if (-not $Hostname) { $Hostname = ($Name -replace '[^a-zA-Z0-9-]', '-').Trim('-') }

$engine = Get-RecipeEngineParameter -DockerHost $DockerHost -Context $Context
$version = Assert-RecipeEngine -Engine $engine -Cmdlet $PSCmdlet
$reference = Resolve-RecipeImageReference $Image
$clientHost = Get-RecipeClientHost -HostAddress $HostAddress -Endpoint $version.Engine
$prefix = Get-RecipePublishPrefix -HostAddress $HostAddress
$secretFolder = '/run/desktop-secret'
$secret = @{ DESKTOP_PASSWORD = $password }
$homeName = if ($PSCmdlet.ParameterSetName -eq 'Folder') { $HomeFolder } else { $HomeVolume }
$ready = 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/6081 && exec 4<>/dev/tcp/127.0.0.1/6080 && exec 5<>/dev/tcp/127.0.0.1/3389 && pgrep -x xfdesktop >/dev/null'

$createdContainer = $null
$createdVolume = $null
$status = 'Reused'
$container = $null
try {
    $found = Find-RecipeContainer -Name $Name -Engine $engine -Recipe 'desktop'
    if ($found) {
        $container = $found.Container
        $environment = $found.Details.Config.Environment
        if (-not $found.IsRecipe) {
            throw (New-RecipeErrorRecord -ErrorId 'ContainerNameTaken' -Category ResourceExists -TargetObject $Name `
                    -Message "A container named '$Name' already exists and is not a desktop of this recipe (its image is $($container.Image)). Choose another -Name, or remove that container.")
        }
        if ($environment -notcontains "DESKTOP_USER=$user") {
            $has = @($environment | Where-Object { $_ -like 'DESKTOP_USER=*' }) -replace '^DESKTOP_USER=', ''
            throw (New-RecipeErrorRecord -ErrorId 'ContainerMismatch' -Category InvalidArgument -TargetObject $Name `
                    -Message "The desktop '$Name' is for the user '$($has -join '')', not '$user'. Give that user's credential, or remove the desktop first (Remove-RemoteDesktop.ps1 -KeepHome).")
        }
        Assert-RecipePublishedPort -Details $found.Details -Name $Name -ContainerPort 3389, 6081 -HostPort $RdpPort, $NoVncPort -Service RDP, noVNC `
            -Subject "The desktop '$Name'" -RemoveCommand 'Remove-RemoteDesktop.ps1 -KeepHome'
        Start-RecipeContainer -Container $container -Engine $engine -Cmdlet $PSCmdlet -Action 'Start the desktop container'
        if (-not $WhatIfPreference -or $container.State -eq 'running') {
            Wait-RecipeContainerReady -Name $Name -Engine $engine -Check $ready -TimeoutSeconds 120
            if ($ResetPassword) {
                if ($PSCmdlet.ShouldProcess("$user on $Name", 'Set the desktop password')) {
                    $null = Invoke-RecipeExec -Name $Name -Engine $engine -Environment $secret -Command desktop-password, set, $user
                }
            }
            else {
                $null = Invoke-RecipeExec -Name $Name -Engine $engine -Environment $secret -Command desktop-password, check, $user -AllowFailure
                if ($LASTEXITCODE -eq 4) {
                    throw (New-RecipeErrorRecord -ErrorId 'WrongPassword' -Category AuthenticationError -TargetObject $user `
                            -Message "The password given for '$user' is not the one the desktop '$Name' has. Give the right one, or -ResetPassword to change it.")
                }
                if ($LASTEXITCODE -ne 0) { throw "desktop-password check $user failed in $Name (exit code $LASTEXITCODE)." }
            }
        }
    }
    else {
        Assert-RecipePortFree -Port $RdpPort, $NoVncPort -Engine $engine -Endpoint $version.Engine -HostAddress $HostAddress `
            -Subject "the desktop's ports" -Remedy 'Choose others with -RdpPort and -NoVncPort.'
        Install-RecipeImage -Reference $reference -Path $RecipePath -Engine $engine -Cmdlet $PSCmdlet
        if ($PSCmdlet.ParameterSetName -eq 'Folder') {
            $homeMount = "${HomeFolder}:/home/$user"
        }
        else {
            $homeMount = "${HomeVolume}:/home"
            $createdVolume = New-RecipeVolume -Name $HomeVolume -Engine $engine -Cmdlet $PSCmdlet -Recipe 'desktop' -Contents 'the home folders'
        }
        if ($PSCmdlet.ShouldProcess($Name, "Create and start the desktop container (RDP on $RdpPort, noVNC on $NoVncPort, $Geometry)")) {
            $createdContainer = $Name
            $null = New-DockerContainer @engine -Name $Name -Hostname $Hostname -Image $reference -Volume $homeMount `
                -Mount "type=tmpfs,target=$secretFolder,tmpfs-size=64k,tmpfs-mode=0700" `
                -Publish "$prefix${RdpPort}:3389", "$prefix${NoVncPort}:6081" -RestartPolicy unless-stopped `
                -Environment @{
                    DESKTOP_USER          = $user
                    DESKTOP_PASSWORD_FILE = "$secretFolder/password"
                    DESKTOP_PASSWORD_WAIT = 120
                    VNC_GEOMETRY          = $Geometry
                    TZ                    = $TimeZone
                } `
                -Label @{ 'dockerps.recipe' = 'desktop'; 'dockerps.recipe.home' = $homeName } -Confirm:$false -ErrorAction Stop
            Start-DockerContainer @engine -Name $Name -Confirm:$false -ErrorAction Stop
            # The first start waits for the password in the tmpfs; it reads it once, and it is removed once ready.
            $write = 'umask 077 && printf ''%s\n'' "$DESKTOP_PASSWORD" > "$1.new" && mv "$1.new" "$1"'
            $null = Invoke-RecipeExec -Name $Name -Engine $engine -Environment $secret -Command sh, '-c', $write, sh, "$secretFolder/password"
            Wait-RecipeContainerReady -Name $Name -Engine $engine -Check $ready -TimeoutSeconds 120
            $null = Invoke-RecipeExec -Name $Name -Engine $engine -Command rm, '-f', "$secretFolder/password"
            $status = 'Created'
        }
    }
}
catch {
    Remove-RecipeLeftover -Engine $engine -ContainerName $createdContainer -VolumeName $createdVolume
    $PSCmdlet.ThrowTerminatingError($_)
}
if ($WhatIfPreference -and $status -ne 'Created' -and -not $container) { return }

[pscustomobject]@{
    PSTypeName = 'DockerPS.Recipes.RemoteDesktop'
    Name       = $Name
    Status     = $status
    Image      = $reference
    User       = $user
    Home       = $homeName
    Geometry   = $Geometry
    TimeZone   = $TimeZone
    NoVncUrl   = "http://${clientHost}:$NoVncPort/vnc.html?autoconnect=true"
    RdpAddress = "${clientHost}:$RdpPort"
    Engine     = $version.Engine
}
