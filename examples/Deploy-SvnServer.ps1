#Requires -Version 5.1

<#
.SYNOPSIS
    Runs a Subversion server in a container: svnserve (svn://) and Apache with mod_dav_svn (http://), repositories in
    a named volume. Running it again finds and reuses what is there.

.DESCRIPTION
    The PowerShell form of recipe B of SEEDS.md section 4:

        docker volume create svn-root
        docker run -dit --name svn-server -v svn-root:/home/svn -p 7443:80 -p 3690:3690 -w /home/svn <image>
        docker exec -t svn-server htpasswd -b /etc/subversion/passwd svnadmin <password>
        docker exec -it svn-server svnadmin create test-repo

    The image is built from recipes/svn-server (Invoke-DockerBuild) when the engine does not have it. The
    repositories live in the volume -VolumeName, mounted at /home/svn (the container's working directory), so they
    outlive the container. Users are kept in one file on that volume by the image's svn-user command, and both
    protocols accept the same users and passwords.

    The script is idempotent. On a second run it finds the volume and the container (by name), starts the container
    if it is stopped, creates only the repositories that are missing, and adds only the users that are missing.
    For a user who already exists, the password given must be the one the server has (else the run fails with
    ErrorId WrongPassword), unless -ResetPassword is given, which sets it.

    Before anything is created it checks: that the engine answers (EngineUnreachable), that the host ports are free
    (PortInUse), and that a container already called -Name is an SVN server made from the recipe's image, using the
    same volume and ports (ContainerNameTaken, ContainerMismatch). If a step fails after that, the container and the
    volume that this run created are removed again; what existed before the run is left alone.

    Passwords are taken as PSCredential objects and handed to the container in the environment of a single
    docker exec process, never on a command line, in the container's configuration or in a file on this computer.

.PARAMETER Credential
    The Subversion users to add, one PSCredential each (Get-Credential). User names are letters, digits, '.', '_'
    and '-'. There is no default user and no default password.

.PARAMETER Repository
    The repositories to create under /home/svn when they do not exist yet. Default: test-repo.

.PARAMETER Name
    The container's name. Default: svn-server.

.PARAMETER VolumeName
    The named volume that keeps the repositories and the users. Default: svn-root.

.PARAMETER HttpPort
    The host port for Apache (container port 80): http://<host>:<HttpPort>/svn/<repository>. Default: 7443, as in
    the seed.

.PARAMETER SvnPort
    The host port for svnserve (container port 3690): svn://<host>:<SvnPort>/<repository>. Default: 3690.

.PARAMETER HostAddress
    The host address to publish the ports on, such as 127.0.0.1 to keep the server to this computer. Default: every
    address.

.PARAMETER Realm
    The authentication realm that clients show. Default: Subversion.

.PARAMETER Image
    The image to run. Default: dockerps/svn-server:latest, built from -RecipePath when missing.

.PARAMETER RecipePath
    The folder with the image's Dockerfile. Default: recipes/svn-server in this repository.

.PARAMETER ResetPassword
    Sets the password of users that already exist to the one given, instead of checking it.

.PARAMETER DockerHost
    The engine to use, as DOCKER_HOST takes it (unix://, npipe://, tcp://, ssh://). Default: as the docker CLI.

.PARAMETER Context
    The docker context whose engine to use.

.EXAMPLE
    PS> $alice = Get-Credential alice
    PS> ./examples/Deploy-SvnServer.ps1 -Credential $alice

    Name         : svn-server
    Status       : Created
    Image        : dockerps/svn-server:latest
    Volume       : svn-root
    Repositories : {test-repo}
    Users        : {alice}
    SvnUrl       : {svn://localhost:3690/test-repo}
    HttpUrl      : {http://localhost:7443/svn/test-repo}

    Builds the image if needed, creates the volume and the container, adds alice and creates test-repo. Then
    `svn checkout svn://localhost:3690/test-repo --username alice` works, and so does the http URL.

.EXAMPLE
    PS> ./examples/Deploy-SvnServer.ps1 -Credential $alice -Repository test-repo, docs -HostAddress 127.0.0.1

    Run again with one more repository: the container and volume are reused (Status: Reused), docs is created,
    test-repo and alice are left as they are.

.EXAMPLE
    PS> ./examples/Deploy-SvnServer.ps1 -Credential $alice -WhatIf

    Says what would be built, created, started and added, and changes nothing.

.EXAMPLE
    PS> Import-Csv users.csv | ForEach-Object {
    >>     [pscredential]::new($_.Name, (Read-Host "Password for $($_.Name)" -AsSecureString))
    >> } | ./examples/Deploy-SvnServer.ps1 -Name team-svn -VolumeName team-svn-root -SvnPort 3691 -HttpPort 8081

    Credentials can be piped in; all of them are added in one run.

.INPUTS
    System.Management.Automation.PSCredential

.OUTPUTS
    DockerPS.Recipes.SvnServer: the container's name, whether it was created or reused, the image, volume,
    repositories, users and the URLs to check out from.

.NOTES
    Remove it all with ./examples/Remove-SvnServer.ps1 (-KeepVolume keeps the repositories).
    svnserve's own password check (CRAM-MD5) needs the passwords themselves, so the users file on the volume
    (/home/svn/.svn-users) holds them as written; only www-data in the container can read it. Apache gets bcrypt
    hashes made from it.
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
[OutputType('DockerPS.Recipes.SvnServer')]
param(
    [Parameter(Mandatory, ValueFromPipeline)]
    [ValidateNotNull()]
    [System.Management.Automation.PSCredential[]] $Credential,

    [ValidatePattern('^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$')]
    [string[]] $Repository = @('test-repo'),

    [ValidatePattern('^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')]
    [string] $Name = 'svn-server',

    [ValidatePattern('^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')]
    [string] $VolumeName = 'svn-root',

    [ValidateRange(1, 65535)]
    [int] $HttpPort = 7443,

    [ValidateRange(1, 65535)]
    [int] $SvnPort = 3690,

    [ValidateScript({ [System.Net.IPAddress]::TryParse($_, [ref] $null) })]
    [string] $HostAddress,

    [ValidatePattern('^[A-Za-z0-9][A-Za-z0-9 ._@()-]{0,99}$')]
    [string] $Realm = 'Subversion',

    [ValidateNotNullOrEmpty()]
    [string] $Image = 'dockerps/svn-server:latest',

    [ValidateNotNullOrEmpty()]
    [string] $RecipePath = (Join-Path $PSScriptRoot '../recipes/svn-server'),

    [switch] $ResetPassword,

    [string] $DockerHost,

    [string] $Context
)

begin {
    . (Join-Path $PSScriptRoot 'Private/RecipeCommon.ps1')
    $users = [System.Collections.Generic.List[System.Management.Automation.PSCredential]]::new()
}

process {
    foreach ($c in $Credential) {
        if ($c.UserName -notmatch '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') {
            $PSCmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'InvalidUserName' -Category InvalidArgument -TargetObject $c.UserName `
                        -Message "'$($c.UserName)' is not a valid Subversion user name: use letters, digits, '.', '_' and '-' (at most 64)."))
        }
        $password = $c.GetNetworkCredential().Password
        if ([string]::IsNullOrEmpty($password) -or $password -match '[\x00-\x1f\x7f]' -or $password -ne $password.Trim()) {
            $PSCmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'InvalidPassword' -Category InvalidArgument -TargetObject $c.UserName `
                        -Message "The password for '$($c.UserName)' must not be empty, begin or end with white space, or contain control characters."))
        }
        $users.Add($c)
    }
}

end {
    if ($HttpPort -eq $SvnPort) {
        $PSCmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'SamePorts' -Category InvalidArgument -TargetObject $HttpPort `
                    -Message "-HttpPort and -SvnPort are both $HttpPort; give two different ports."))
    }
    $engine = Get-RecipeEngineParameter -DockerHost $DockerHost -Context $Context
    $version = Assert-RecipeEngine -Engine $engine -Cmdlet $PSCmdlet
    $reference = Resolve-RecipeImageReference $Image
    $clientHost = Get-RecipeClientHost -HostAddress $HostAddress -Endpoint $version.Engine
    $prefix = Get-RecipePublishPrefix -HostAddress $HostAddress

    $createdContainer = $null
    $createdVolume = $null
    $status = 'Reused'
    try {
        # --- the container, found or checked before anything is made ---------------------------------------------
        $found = Find-RecipeContainer -Name $Name -Engine $engine -Recipe 'svn-server'
        if ($found) {
            $container = $found.Container
            if (-not $found.IsRecipe) {
                throw (New-RecipeErrorRecord -ErrorId 'ContainerNameTaken' -Category ResourceExists -TargetObject $Name `
                        -Message "A container named '$Name' already exists and is not an SVN server of this recipe (its image is $($container.Image)). Choose another -Name, or remove that container.")
            }
            $mount = $found.Details.Mounts | Where-Object Destination -EQ '/home/svn'
            if (-not $mount -or $mount.Name -ne $VolumeName) {
                $has = if ($mount) { "'$($mount.Name)$($mount.Source)'" } else { 'no volume' }
                throw (New-RecipeErrorRecord -ErrorId 'ContainerMismatch' -Category InvalidArgument -TargetObject $Name `
                        -Message "The container '$Name' keeps its repositories in $has, not in the volume '$VolumeName'. Give -VolumeName of the existing server, or remove it first (Remove-SvnServer.ps1 -KeepVolume).")
            }
            Assert-RecipePublishedPort -Details $found.Details -Name $Name -ContainerPort 80, 3690 -HostPort $HttpPort, $SvnPort -Service HTTP, svn `
                -Subject "The container '$Name'" -RemoveCommand 'Remove-SvnServer.ps1 -KeepVolume'
            Write-Verbose "Reusing the container $Name ($($container.ShortId), $($container.State))."
            Start-RecipeContainer -Container $container -Engine $engine -Cmdlet $PSCmdlet -Action 'Start the SVN server container'
        }
        else {
            Assert-RecipePortFree -Port $HttpPort, $SvnPort -Engine $engine -Endpoint $version.Engine -HostAddress $HostAddress `
                -Subject "the SVN server's ports" -Remedy 'Choose others with -HttpPort and -SvnPort.'

            # --- the image and the volume, built or created when missing ---------------------------------------------
            Install-RecipeImage -Reference $reference -Path $RecipePath -Engine $engine -Cmdlet $PSCmdlet
            $createdVolume = New-RecipeVolume -Name $VolumeName -Engine $engine -Cmdlet $PSCmdlet -Recipe 'svn-server' -Contents 'the repositories'

            # --- the container --------------------------------------------------------------------------------------
            if ($PSCmdlet.ShouldProcess($Name, "Create and start the SVN server container (HTTP on $HttpPort, svn on $SvnPort)")) {
                $createdContainer = $Name
                $null = New-DockerContainer @engine -Name $Name -Image $reference -Volume "${VolumeName}:/home/svn" `
                    -Publish "$prefix${HttpPort}:80", "$prefix${SvnPort}:3690" -WorkingDirectory /home/svn `
                    -Environment @{ SVN_REALM = $Realm } -RestartPolicy unless-stopped `
                    -Label @{ 'dockerps.recipe' = 'svn-server'; 'dockerps.recipe.volume' = $VolumeName } -Confirm:$false -ErrorAction Stop
                Start-DockerContainer @engine -Name $Name -Confirm:$false -ErrorAction Stop
                $status = 'Created'
            }
        }

        if ($WhatIfPreference -and -not (Get-RecipeContainer -Name $Name -Engine $engine | Where-Object State -EQ 'running')) {
            foreach ($u in $users) { $null = $PSCmdlet.ShouldProcess("$($u.UserName) on $Name", 'Add the Subversion user') }
            foreach ($r in $Repository) { $null = $PSCmdlet.ShouldProcess("$r in $VolumeName", 'Create the repository') }
            return
        }
        Wait-RecipeContainerReady -Name $Name -Engine $engine -Check bash, '-c', 'exec 3<>/dev/tcp/127.0.0.1/80 && exec 4<>/dev/tcp/127.0.0.1/3690'

        # --- users: added, checked, or reset ---------------------------------------------------------------------
        $existing = @(Invoke-RecipeExec -Name $Name -Engine $engine -Command svn-user, list)
        foreach ($u in $users) {
            $secret = @{ SVN_PASSWORD = $u.GetNetworkCredential().Password }
            if ($existing -contains $u.UserName -and -not $ResetPassword) {
                $null = Invoke-RecipeExec -Name $Name -Engine $engine -Environment $secret -Command svn-user, check, $u.UserName -AllowFailure
                if ($LASTEXITCODE -eq 4) {
                    throw (New-RecipeErrorRecord -ErrorId 'WrongPassword' -Category AuthenticationError -TargetObject $u.UserName `
                            -Message "The password given for '$($u.UserName)' is not the one the server '$Name' has. Give the right one, or -ResetPassword to change it.")
                }
                if ($LASTEXITCODE -ne 0) { throw "svn-user check $($u.UserName) failed in $Name (exit code $LASTEXITCODE)." }
                Write-Verbose "The user $($u.UserName) exists; password checked."
            }
            elseif ($PSCmdlet.ShouldProcess("$($u.UserName) on $Name", $(if ($existing -contains $u.UserName) { 'Set the password of the Subversion user' } else { 'Add the Subversion user' }))) {
                $said = Invoke-RecipeExec -Name $Name -Engine $engine -Environment $secret -Command svn-user, add, $u.UserName
                Write-Verbose "$said"
            }
        }

        # --- repositories ------------------------------------------------------------------------------------------
        foreach ($r in $Repository) {
            if (Test-RecipeExec -Name $Name -Engine $engine -Command test, '-f', "/home/svn/$r/format") {
                Write-Verbose "The repository $r exists."
            }
            elseif ($PSCmdlet.ShouldProcess("$r in $VolumeName", 'Create the repository')) {
                # As www-data, the user both servers run as, in the working directory /home/svn.
                $null = Invoke-RecipeExec -Name $Name -Engine $engine -User www-data -Command svnadmin, create, $r
            }
        }
    }
    catch {
        Remove-RecipeLeftover -Engine $engine -ContainerName $createdContainer -VolumeName $createdVolume
        $PSCmdlet.ThrowTerminatingError($_)
    }

    $repositories = @(Invoke-RecipeExec -Name $Name -Engine $engine -Command find, /home/svn, '-mindepth', 2, '-maxdepth', 2, '-name', format, '-type', f |
            ForEach-Object { ($_ -split '/')[3] } | Sort-Object)
    [pscustomobject]@{
        PSTypeName   = 'DockerPS.Recipes.SvnServer'
        Name         = $Name
        Status       = $status
        Image        = $reference
        Volume       = $VolumeName
        Repositories = $repositories
        Users        = @(Invoke-RecipeExec -Name $Name -Engine $engine -Command svn-user, list)
        SvnUrl       = @($repositories | ForEach-Object { "svn://${clientHost}:$SvnPort/$_" })
        HttpUrl      = @($repositories | ForEach-Object { "http://${clientHost}:$HttpPort/svn/$_" })
        Engine       = $version.Engine
    }
}
