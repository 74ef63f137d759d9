#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeDiscovery {
    . $PSScriptRoot/TestEnvironment.ps1
    $engines = @(Get-TestEngine)
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
}

Describe 'Module' {
    It 'imports without touching the engine' {
        $env:DOCKER_HOST = 'tcp://127.0.0.1:1'
        try { { Import-Module $env:DOCKERPS_MODULE -Force } | Should -Not -Throw }
        finally { Remove-Item Env:DOCKER_HOST }
    }

    It 'exports the cmdlets its manifest lists' {
        $m = Get-Module DockerPS
        $m.ExportedCmdlets.Keys | Should -Contain 'Get-DockerContainer'
        $m.ExportedCmdlets.Keys | Should -Contain 'Get-DockerImage'
    }

    It 'has help with examples for <_>' -ForEach 'Get-DockerVersion', 'Get-DockerInfo', 'Get-DockerContainer', 'Get-DockerImage' {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'refuses a DOCKER_HOST without a scheme, naming it' {
        { Get-DockerVersion -DockerHost 'localhost:2375' -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'localhost:2375'*"
        try { Get-DockerVersion -DockerHost 'localhost:2375' -ErrorAction Stop } catch { $_.FullyQualifiedErrorId | Should -BeLike 'InvalidDockerHost,*'; $_.CategoryInfo.Category | Should -Be 'InvalidArgument' }
    }

    It 'reports an unreachable engine as ResourceUnavailable' {
        try { Get-DockerInfo -DockerHost 'unix:///nonexistent.sock' -ErrorAction Stop; throw 'no error' }
        catch { $_.FullyQualifiedErrorId | Should -BeLike 'EngineUnreachable,*'; $_.CategoryInfo.Category | Should -Be 'ResourceUnavailable' }
    }
}

Describe 'Against <Engine>' -ForEach $engines {
    BeforeAll {
        $run = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $label = "dockerps.pester=$run"
        & $Cli -H $DockerHost create --name "pester-a-$run" --label $label busybox:latest sleep 300 | Out-Null
        & $Cli -H $DockerHost run -d --name "pester-b-$run" --label $label busybox:latest sleep 300 | Out-Null
    }
    AfterAll {
        & $Cli -H $DockerHost rm -f "pester-a-$run" "pester-b-$run" | Out-Null
    }

    It 'Get-DockerVersion negotiates the API version' {
        $v = Get-DockerVersion -DockerHost $DockerHost
        $v.EngineApiVersion | Should -Be $ApiVersion
        $v.ClientVersion | Should -Be (Get-Module DockerPS).Version.ToString()
    }

    It 'Get-DockerInfo counts containers and images' {
        $i = Get-DockerInfo -DockerHost $DockerHost
        $i.Images | Should -BeGreaterThan 0
    }

    It 'Get-DockerContainer lists running containers, -All adds the others' {
        @(Get-DockerContainer -DockerHost $DockerHost -Label $label).Name | Should -Be "pester-b-$run"
        @(Get-DockerContainer -DockerHost $DockerHost -Label $label -All).Count | Should -Be 2
        (Get-DockerContainer -DockerHost $DockerHost -Label $label -Status created).Name | Should -Be "pester-a-$run"
    }

    It 'finds a container by name, short id and wildcard' {
        $c = Get-DockerContainer "pester-a-$run" -DockerHost $DockerHost
        $c.State | Should -Be 'created'
        (Get-DockerContainer $c.Id.Substring(0, 10) -DockerHost $DockerHost).Id | Should -Be $c.Id
        @(Get-DockerContainer "pester-*-$run" -DockerHost $DockerHost).Count | Should -Be 2
    }

    It 'writes a non-terminating ObjectNotFound error for a missing name and goes on' {
        $found = Get-DockerContainer 'no-such-container', "pester-a-$run" -DockerHost $DockerHost -ErrorVariable err -ErrorAction SilentlyContinue
        $found.Name | Should -Be "pester-a-$run"
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'no-such-container'
    }

    It 'pipes containers by property' {
        $ids = Get-DockerContainer -DockerHost $DockerHost -Label $label -All | Get-DockerContainer -DockerHost $DockerHost | Select-Object -ExpandProperty Id
        @($ids).Count | Should -Be 2
    }

    It 'formats containers like docker ps' {
        $text = Get-DockerContainer -DockerHost $DockerHost -Label $label | Format-Table | Out-String
        $text | Should -Match 'CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES'
        $text | Should -Match '"sleep 300"'
    }

    It 'Get-DockerImage lists one row per tag and finds by repository' {
        $b = Get-DockerImage busybox -DockerHost $DockerHost
        $b.Reference | Should -Contain 'busybox:latest'
        (Get-DockerImage -DockerHost $DockerHost | Format-Table | Out-String) | Should -Match 'REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE'
    }
}
