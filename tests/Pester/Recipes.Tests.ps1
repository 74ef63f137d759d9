#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# The recipes of SEEDS.md sections 4 and 5 as a user runs them: examples/Deploy-SvnServer.ps1, Start-SvnServe.ps1 and
# Deploy-RemoteDesktop.ps1 with their Remove- companions, once per test engine. Everything made here is named
# dpsrecipe-pester-<run>-...; AfterAll removes what a failed test left with the engine's own CLI. The images are built
# by the scripts (Invoke-DockerBuild) or, with a DockerPS that has no Invoke-DockerBuild, here with the docker CLI.
# The end-to-end checks with a browser (noVNC in headless Chromium, the screenshot) are in tests/DockerPS.Recipes.Tests.

BeforeDiscovery {
    . $PSScriptRoot/TestEnvironment.ps1
    $engines = @(Get-TestEngine)
    $hasSvn = [bool] (Get-Command svn -CommandType Application -ErrorAction Ignore)
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $examples = Join-Path $PSScriptRoot '../../examples'
    $recipes = Join-Path $PSScriptRoot '../../recipes'

    function Initialize-RecipeImage([string] $Cli, [string] $DockerHost, [string] $Recipe) {
        # The image the scripts will find; built with the CLI only when this DockerPS cannot build it itself.
        $tag = "dpsrecipe-pester-${Recipe}:latest"
        if (-not (Get-Command Invoke-DockerBuild -ErrorAction Ignore) -and -not (& $Cli -H $DockerHost image ls -q $tag)) {
            $env:DOCKER_BUILDKIT = '0'
            & $Cli -H $DockerHost build -q -t $tag (Join-Path $recipes $Recipe) | Out-Null
            if ($LASTEXITCODE -ne 0) { throw "docker build of $Recipe failed" }
        }
        $tag
    }

    function Get-FreePort([int] $Count = 1) {
        $listeners = 1..$Count | ForEach-Object { $l = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0); $l.Start(); $l }
        $listeners | ForEach-Object { $_.LocalEndpoint.Port }
        $listeners | ForEach-Object { $_.Stop() }
    }

    function Invoke-Svn([pscredential] $Credential, [string[]] $Arguments) {
        # The password goes to svn on standard input, never on its command line.
        $Credential.GetNetworkCredential().Password |
            svn --non-interactive --no-auth-cache --config-dir $svnConfig --username $Credential.UserName --password-from-stdin @Arguments 2>&1
    }
}

Describe 'The SVN server recipe against <Engine>' -ForEach $engines {
    BeforeAll {
        $run = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $name = "dpsrecipe-pester-$run-svn"
        $image = Initialize-RecipeImage $Cli $DockerHost 'svn-server'
        $http, $svnPort = Get-FreePort 2
        $alice = [pscredential]::new('alice', (ConvertTo-SecureString 'p@ss w0rd!' -AsPlainText -Force))
        $deploy = @{
            Credential = $alice; Name = $name; VolumeName = $name; HttpPort = $http; SvnPort = $svnPort
            HostAddress = '127.0.0.1'; Image = $image; DockerHost = $DockerHost
        }
        $svnConfig = Join-Path ([System.IO.Path]::GetTempPath()) "dpsrecipe-pester-$run"
        $workingCopy = Join-Path $svnConfig 'wc'
    }

    AfterAll {
        & $Cli -H $DockerHost rm -f $name 2>$null | Out-Null
        & $Cli -H $DockerHost volume rm -f $name 2>$null | Out-Null
        Remove-Item -Recurse -Force $svnConfig -ErrorAction Ignore
    }

    It 'creates the volume, the container, the user and the repository' {
        $server = & "$examples/Deploy-SvnServer.ps1" @deploy
        $server.PSObject.TypeNames[0] | Should -Be 'DockerPS.Recipes.SvnServer'
        $server.Status | Should -Be 'Created'
        $server.Users | Should -Be 'alice'
        $server.SvnUrl | Should -Be "svn://127.0.0.1:$svnPort/test-repo"
        (Get-DockerContainer -DockerHost $DockerHost $name).State | Should -Be 'running'
        (Get-DockerVolume -DockerHost $DockerHost $name).Name | Should -Be $name
    }

    It 'serves svn:// and http:// to the user, and refuses a wrong password' -Skip:(-not $hasSvn) {
        Invoke-Svn $alice checkout, "svn://127.0.0.1:$svnPort/test-repo", $workingCopy | Out-Null
        $LASTEXITCODE | Should -Be 0
        Set-Content -Path (Join-Path $workingCopy 'hello.txt') -Value 'hello from Pester'
        Invoke-Svn $alice add, (Join-Path $workingCopy 'hello.txt') | Out-Null
        Invoke-Svn $alice commit, '-m', 'from Pester', $workingCopy | Should -Contain 'Committed revision 1.'
        Invoke-Svn $alice cat, "http://127.0.0.1:$http/svn/test-repo/hello.txt" | Should -Be 'hello from Pester'

        $wrong = [pscredential]::new('alice', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        Invoke-Svn $wrong info, "svn://127.0.0.1:$svnPort/test-repo" | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
    }

    It 'finds and reuses everything on a second run' {
        $id = (Get-DockerContainer -DockerHost $DockerHost $name).Id
        (& "$examples/Deploy-SvnServer.ps1" @deploy).Status | Should -Be 'Reused'
        (Get-DockerContainer -DockerHost $DockerHost $name).Id | Should -Be $id
    }

    It 'refuses a wrong password for an existing user with WrongPassword' {
        $wrong = [pscredential]::new('alice', (ConvertTo-SecureString 'guessed' -AsPlainText -Force))
        { & "$examples/Deploy-SvnServer.ps1" @deploy -Credential $wrong } | Should -Throw -ErrorId 'WrongPassword*'
    }

    It 'keeps the commits in the volume when the container is made again' -Skip:(-not $hasSvn) {
        $removed = & "$examples/Remove-SvnServer.ps1" -Name $name -KeepVolume -Confirm:$false -DockerHost $DockerHost
        $removed.Kind | Should -Be 'Container'
        Get-DockerContainer -DockerHost $DockerHost -All -Filter @{ name = "^/$name$" } | Should -BeNullOrEmpty

        (& "$examples/Deploy-SvnServer.ps1" @deploy).Status | Should -Be 'Created'
        Invoke-Svn $alice cat, "svn://127.0.0.1:$svnPort/test-repo/hello.txt" | Should -Be 'hello from Pester'
    }

    It 'removes the container and the volume' {
        $removed = & "$examples/Remove-SvnServer.ps1" -Name $name -Confirm:$false -DockerHost $DockerHost
        $removed.Kind | Should -Be 'Container', 'Volume'
        Get-DockerVolume -DockerHost $DockerHost -Filter @{ name = $name } | Should -BeNullOrEmpty
    }
}

Describe 'Bad input to the recipes against <Engine>' -ForEach $engines {
    BeforeAll {
        $run = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $name = "dpsrecipe-pester-$run-bad"
        $cred = [pscredential]::new('alice', (ConvertTo-SecureString 'a-password' -AsPlainText -Force))
    }

    AfterAll {
        & $Cli -H $DockerHost rm -f $name 2>$null | Out-Null
        & $Cli -H $DockerHost volume rm -f $name 2>$null | Out-Null
    }

    It 'names the engine it cannot reach' {
        { & "$examples/Deploy-SvnServer.ps1" -Credential $cred -DockerHost unix:///run/dpsrecipe-no-engine.sock } |
            Should -Throw -ErrorId 'EngineUnreachable*' -ExpectedMessage '*unix:///run/dpsrecipe-no-engine.sock*'
    }

    It 'refuses a port that another program listens on, and makes nothing' {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            { & "$examples/Deploy-SvnServer.ps1" -Credential $cred -Name $name -VolumeName $name -SvnPort $port -HttpPort (Get-FreePort) -HostAddress 127.0.0.1 -DockerHost $DockerHost } |
                Should -Throw -ErrorId 'PortInUse*' -ExpectedMessage "*host port $port*"
        }
        finally {
            $listener.Stop()
        }
        Get-DockerVolume -DockerHost $DockerHost -Filter @{ name = $name } | Should -BeNullOrEmpty
    }

    It 'refuses a name that a container of something else has, and leaves it alone' {
        $other = New-DockerContainer -DockerHost $DockerHost -Name $name busybox:latest -- sleep 300
        { & "$examples/Deploy-RemoteDesktop.ps1" -Credential ([pscredential]::new('toor', $cred.Password)) -Name $name -DockerHost $DockerHost } |
            Should -Throw -ErrorId 'ContainerNameTaken*'
        (Get-DockerContainer -DockerHost $DockerHost -All $name).Id | Should -Be $other.Id
    }

    It 'removes what a failed run made' {
        Remove-DockerContainer -DockerHost $DockerHost $name -Force
        $http, $svnPort = Get-FreePort 2
        { & "$examples/Deploy-SvnServer.ps1" -Credential $cred -Name $name -VolumeName $name -HttpPort $http -SvnPort $svnPort -Image busybox:latest -DockerHost $DockerHost } |
            Should -Throw -ErrorId 'ContainerNotReady*'
        Get-DockerContainer -DockerHost $DockerHost -All -Filter @{ name = "^/$name$" } | Should -BeNullOrEmpty
        Get-DockerVolume -DockerHost $DockerHost -Filter @{ name = $name } | Should -BeNullOrEmpty
    }
}

Describe 'The remote desktop recipe against <Engine>' -ForEach $engines {
    BeforeAll {
        $run = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $name = "dpsrecipe-pester-$run-desktop"
        $image = Initialize-RecipeImage $Cli $DockerHost 'desktop'
        $rdp, $novnc = Get-FreePort 2
        $toor = [pscredential]::new('toor', (ConvertTo-SecureString 'pester-desk1' -AsPlainText -Force))
        $deploy = @{
            Credential = $toor; Name = $name; HomeVolume = $name; RdpPort = $rdp; NoVncPort = $novnc
            HostAddress = '127.0.0.1'; Geometry = '1280x800'; TimeZone = 'Asia/Seoul'; Image = $image; DockerHost = $DockerHost
        }
    }

    AfterAll {
        & $Cli -H $DockerHost rm -f -v $name 2>$null | Out-Null
        & $Cli -H $DockerHost volume rm -f $name 2>$null | Out-Null
    }

    It 'starts the desktop with noVNC and RDP on the given ports' {
        $desktop = & "$examples/Deploy-RemoteDesktop.ps1" @deploy
        $desktop.Status | Should -Be 'Created'
        $desktop.NoVncUrl | Should -Be "http://127.0.0.1:$novnc/vnc.html?autoconnect=true"
        (Invoke-WebRequest -Uri "http://127.0.0.1:$novnc/vnc.html" -UseBasicParsing).Content | Should -Match '<title>noVNC</title>'
        Invoke-DockerExec -DockerHost $DockerHost $name date +%Z | Should -Be 'KST'
    }

    It 'answers an RDP connection request with an X.224 Connection Confirm' {
        $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $rdp)
        try {
            $stream = $client.GetStream()
            [byte[]] $request = 3, 0, 0, 19, 14, 0xE0, 0, 0, 0, 0, 0, 1, 0, 8, 0, 3, 0, 0, 0
            $stream.Write($request, 0, $request.Length)
            $reply = [byte[]]::new(19)
            $read = 0
            while ($read -lt 19) { $n = $stream.Read($reply, $read, 19 - $read); if ($n -le 0) { break }; $read += $n }
            $reply[0] | Should -Be 3
            $reply[5] -band 0xF0 | Should -Be 0xD0
        }
        finally {
            $client.Dispose()
        }
    }

    It 'checks the password on a second run' {
        (& "$examples/Deploy-RemoteDesktop.ps1" @deploy).Status | Should -Be 'Reused'
        $wrong = [pscredential]::new('toor', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        { & "$examples/Deploy-RemoteDesktop.ps1" @deploy -Credential $wrong } | Should -Throw -ErrorId 'WrongPassword*'
    }

    It 'removes the desktop and its home volume' {
        $removed = & "$examples/Remove-RemoteDesktop.ps1" -Name $name -Confirm:$false -DockerHost $DockerHost
        $removed.Kind | Should -Be 'Container', 'Volume'
    }
}
