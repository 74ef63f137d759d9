#Requires -Version 5.1

<#
.SYNOPSIS
    Serves one Subversion repository with svnserve, started by docker exec in a container of a general-purpose image.

.DESCRIPTION
    The PowerShell form of recipe A of SEEDS.md section 4, where svnserve is not the container's own process but is
    started inside a long-running general-purpose container:

        docker create -i -t --name centos -p 3690:3690 asfaltica/centos-java-svn
        docker start centos
        docker exec centos svnadmin create /home/svn/test_repo
        docker exec -d centos svnserve -d -r /home/svn/test_repo --listen-port 3690

    The container runs the image's shell with a terminal and open input (New-DockerContainer -Interactive -Tty), so
    it stays up; svnserve is started with Invoke-DockerExec -Detach, so it keeps running when this script ends. When
    the image has no svnserve, Debian's subversion package is installed into the container with apt-get (images
    without apt-get need svnserve already). The repository is made under /home/svn in the container's own file
    system, and its users are written to the repository's conf/passwd: exactly the users given, every run.

    Running the script again reuses the container (starting it if it stopped), and starts svnserve only if it is not
    running, for example after the container was restarted: a server started with docker exec does not come back by
    itself. For a server that does, and repositories that outlive the container, use Deploy-SvnServer.ps1.

.PARAMETER Credential
    The users allowed to read and write the repository. There is no default user or password.

.PARAMETER Repository
    The repository's name, under /home/svn. Default: test_repo, as in the seed.

.PARAMETER Name
    The container's name. Default: svnserve.

.PARAMETER Port
    The host port for svnserve (container port 3690). Default: 3690.

.PARAMETER HostAddress
    The host address to publish the port on, such as 127.0.0.1. Default: every address.

.PARAMETER Image
    A general-purpose image with a shell: Debian or Ubuntu (subversion is installed when missing), or an image that
    has svnserve already. Default: debian:bookworm.

.PARAMETER ShareFolder
    A folder of this computer to mount at /share.host in the container, as the seed's
    -v C:/tools.docker/share:/share.host does. Relative paths are taken from the current location.

.PARAMETER DockerHost
    The engine to use, as DOCKER_HOST takes it. Default: as the docker CLI.

.PARAMETER Context
    The docker context whose engine to use.

.EXAMPLE
    PS> ./examples/Start-SvnServe.ps1 -Credential (Get-Credential svnadmin) -Port 3690

    Name       : svnserve
    Image      : debian:bookworm
    Repository : test_repo
    Users      : {svnadmin}
    SvnUrl     : svn://localhost:3690/

    Then `svn info svn://localhost:3690/ --username svnadmin` shows the repository (svnserve serves the repository
    itself at the root, as -r /home/svn/test_repo says).

.EXAMPLE
    PS> ./examples/Start-SvnServe.ps1 -Credential $cred -ShareFolder C:/tools.docker/share -WhatIf

    Shows what would be created and started.

.EXAMPLE
    PS> Remove-DockerContainer svnserve -Force

    Removes the container, and the repository with it.

.OUTPUTS
    DockerPS.Recipes.Svnserve
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
[OutputType('DockerPS.Recipes.Svnserve')]
param(
    [Parameter(Mandatory)]
    [ValidateNotNull()]
    [System.Management.Automation.PSCredential[]] $Credential,

    [ValidatePattern('^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$')]
    [string] $Repository = 'test_repo',

    [ValidatePattern('^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')]
    [string] $Name = 'svnserve',

    [ValidateRange(1, 65535)]
    [int] $Port = 3690,

    [ValidateScript({ [System.Net.IPAddress]::TryParse($_, [ref] $null) })]
    [string] $HostAddress,

    [ValidateNotNullOrEmpty()]
    [string] $Image = 'debian:bookworm',

    [ValidateNotNullOrEmpty()]
    [string] $ShareFolder,

    [string] $DockerHost,

    [string] $Context
)

. (Join-Path $PSScriptRoot 'Private/RecipeCommon.ps1')

foreach ($c in $Credential) {
    $password = $c.GetNetworkCredential().Password
    if ($c.UserName -notmatch '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') {
        $PSCmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'InvalidUserName' -Category InvalidArgument -TargetObject $c.UserName `
                    -Message "'$($c.UserName)' is not a valid Subversion user name: use letters, digits, '.', '_' and '-'."))
    }
    if ([string]::IsNullOrEmpty($password) -or $password -match '[\x00-\x1f\x7f]' -or $password -ne $password.Trim()) {
        $PSCmdlet.ThrowTerminatingError((New-RecipeErrorRecord -ErrorId 'InvalidPassword' -Category InvalidArgument -TargetObject $c.UserName `
                    -Message "The password for '$($c.UserName)' must not be empty, begin or end with white space, or contain control characters."))
    }
}

$engine = Get-RecipeEngineParameter -DockerHost $DockerHost -Context $Context
$version = Assert-RecipeEngine -Engine $engine -Cmdlet $PSCmdlet
$clientHost = Get-RecipeClientHost -HostAddress $HostAddress -Endpoint $version.Engine
$prefix = Get-RecipePublishPrefix -HostAddress $HostAddress
$repositoryPath = "/home/svn/$Repository"

$created = $null
try {
    $found = Find-RecipeContainer -Name $Name -Engine $engine -Recipe 'svnserve-exec'
    if ($found) {
        if (-not $found.IsRecipe) {
            throw (New-RecipeErrorRecord -ErrorId 'ContainerNameTaken' -Category ResourceExists -TargetObject $Name `
                    -Message "A container named '$Name' already exists and was not made by this script (its image is $($found.Container.Image)). Choose another -Name.")
        }
        Start-RecipeContainer -Container $found.Container -Engine $engine -Cmdlet $PSCmdlet -Action 'Start the container'
    }
    else {
        Assert-RecipePortFree -Port $Port -Engine $engine -Endpoint $version.Engine -HostAddress $HostAddress `
            -Subject "svnserve's port" -Remedy 'Choose another with -Port.'
        $options = @{
            Name        = $Name
            Image       = $Image
            Interactive = $true
            Tty         = $true
            Publish     = "$prefix${Port}:3690"
            Label       = @{ 'dockerps.recipe' = 'svnserve-exec' }
        }
        if ($ShareFolder) { $options.Volume = "${ShareFolder}:/share.host" }
        if ($PSCmdlet.ShouldProcess($Name, "Create and start a $Image container publishing port $Port")) {
            $created = $Name
            $null = New-DockerContainer @engine @options -Confirm:$false -ErrorAction Stop
            Start-DockerContainer @engine -Name $Name -Confirm:$false -ErrorAction Stop
        }
    }
    if ($WhatIfPreference -and -not (Get-RecipeContainer -Name $Name -Engine $engine | Where-Object State -EQ 'running')) {
        $null = $PSCmdlet.ShouldProcess($Name, "Install subversion if missing, create $repositoryPath and start svnserve")
        return
    }

    # svnserve itself, installed from the image's own package sources when missing.
    if (-not (Test-RecipeExec -Name $Name -Engine $engine -Command sh, '-c', 'command -v svnserve')) {
        if (-not (Test-RecipeExec -Name $Name -Engine $engine -Command sh, '-c', 'command -v apt-get')) {
            throw (New-RecipeErrorRecord -ErrorId 'SvnserveMissing' -Category NotInstalled -TargetObject $Image `
                    -Message "The image $Image has no svnserve, and no apt-get to install it with. Use an image with Subversion, or a Debian or Ubuntu one.")
        }
        if ($PSCmdlet.ShouldProcess($Name, 'Install Debian''s subversion package')) {
            Write-Verbose "Installing subversion in $Name (apt-get)."
            Invoke-RecipeExec -Name $Name -Engine $engine -Environment @{ DEBIAN_FRONTEND = 'noninteractive' } -Command sh, '-c',
            '{ apt-get update -qq && apt-get install -y -qq --no-install-recommends subversion; } >/tmp/subversion-install.log 2>&1 || { cat /tmp/subversion-install.log >&2; exit 1; }; rm -rf /var/lib/apt/lists/*' |
                ForEach-Object { Write-Verbose $_ }
        }
    }

    if (-not (Test-RecipeExec -Name $Name -Engine $engine -Command test, '-f', "$repositoryPath/format") -and
        $PSCmdlet.ShouldProcess($repositoryPath, 'Create the repository')) {
        $null = Invoke-RecipeExec -Name $Name -Engine $engine -Command mkdir, '-p', /home/svn
        $null = Invoke-RecipeExec -Name $Name -Engine $engine -Command svnadmin, create, $repositoryPath
    }

    # The repository's own svnserve.conf and passwd: exactly the users given. Passwords travel in the environment of
    # this one exec process, never on a command line.
    $environment = @{ SVN_USER_COUNT = $Credential.Count; SVN_REALM = $Repository }
    for ($i = 0; $i -lt $Credential.Count; $i++) {
        $environment["SVN_USER_$i"] = $Credential[$i].UserName
        $environment["SVN_PASSWORD_$i"] = $Credential[$i].GetNetworkCredential().Password
    }
    $writeConfiguration = @'
set -e
cd "$1/conf"
printf '[general]\nanon-access = none\nauth-access = write\npassword-db = passwd\nrealm = %s\n' "$SVN_REALM" > svnserve.conf
umask 077
{
  echo '[users]'
  i=0
  while [ "$i" -lt "$SVN_USER_COUNT" ]; do
    eval "user=\$SVN_USER_$i password=\$SVN_PASSWORD_$i"
    printf '%s = %s\n' "$user" "$password"
    i=$((i + 1))
  done
} > passwd.new
mv passwd.new passwd
'@
    if ($PSCmdlet.ShouldProcess("$repositoryPath/conf", "Write svnserve.conf and the users $($Credential.UserName -join ', ')")) {
        $null = Invoke-RecipeExec -Name $Name -Engine $engine -Environment $environment -Command sh, '-c', $writeConfiguration, sh, $repositoryPath
    }

    # svnserve, started in the background exactly as the seed does, unless it already runs.
    if (-not (Test-RecipeExec -Name $Name -Engine $engine -Command sh, '-c', 'grep -qsx svnserve /proc/[0-9]*/comm') -and
        $PSCmdlet.ShouldProcess($Name, "Start svnserve -d -r $repositoryPath --listen-port 3690")) {
        $null = Invoke-RecipeExec -Name $Name -Engine $engine -Detach -Command svnserve, '-d', '-r', $repositoryPath, '--listen-port', 3690
    }
    Wait-RecipeContainerReady -Name $Name -Engine $engine -TimeoutSeconds 30 -Check sh, '-c', 'grep -qsx svnserve /proc/[0-9]*/comm'
}
catch {
    Remove-RecipeLeftover -Engine $engine -ContainerName $created
    $PSCmdlet.ThrowTerminatingError($_)
}

[pscustomobject]@{
    PSTypeName = 'DockerPS.Recipes.Svnserve'
    Name       = $Name
    Image      = $Image
    Repository = $Repository
    Users      = @($Credential.UserName)
    SvnUrl     = "svn://${clientHost}:$Port/"
    Engine     = $version.Engine
}
