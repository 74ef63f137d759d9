#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Volumes and networks as SEEDS.md section 4 uses them (a named volume that outlives its container, a server on a
# network of its own), once per test engine. Containers made here carry the label dockerps.pester=<run>; volumes and
# networks are named pester-<run>-...; AfterAll removes all of them with the engine's own CLI.

BeforeDiscovery {
    . $PSScriptRoot/TestEnvironment.ps1
    $engines = @(Get-TestEngine)
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
}

Describe 'Volume and network commands against <Engine>' -ForEach $engines {
    BeforeAll {
        $run = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $label = "dockerps.pester=$run"
        $image = 'busybox:latest'
        $volume = "pester-$run-vol"
        $network = "pester-$run-net"
    }

    AfterAll {
        $ids = @(& $Cli -H $DockerHost ps -aq --filter "label=$label")
        if ($ids.Count -gt 0) { & $Cli -H $DockerHost rm -f $ids | Out-Null }
        $volumes = @(& $Cli -H $DockerHost volume ls -q --filter "name=pester-$run-")
        if ($volumes.Count -gt 0) { & $Cli -H $DockerHost volume rm -f $volumes | Out-Null }
        $networks = @(& $Cli -H $DockerHost network ls -q --filter "name=pester-$run-")
        if ($networks.Count -gt 0) { & $Cli -H $DockerHost network rm $networks | Out-Null }
    }

    It 'New-DockerVolume creates a volume that Get-DockerVolume finds, and creating it again is harmless' {
        $v = New-DockerVolume -DockerHost $DockerHost $volume -Label @{ 'dockerps.pester' = $run }
        $v | Should -BeOfType DockerPS.Engine.Model.DockerVolume
        $v.Name | Should -Be $volume
        $v.Driver | Should -Be 'local'

        $again = New-DockerVolume -DockerHost $DockerHost $volume
        $again.Name | Should -Be $volume

        (Get-DockerVolume -DockerHost $DockerHost $volume).Mountpoint | Should -Be $v.Mountpoint
        (Get-DockerVolume -DockerHost $DockerHost -Label $label).Name | Should -Be $volume
        @(Get-DockerVolume -DockerHost $DockerHost "pester-$run-*").Count | Should -Be 1
        (Get-DockerVolume -DockerHost $DockerHost $volume | Out-String) | Should -Match 'DRIVER\s+VOLUME NAME'
    }

    It 'keeps data in a named volume after the container that wrote it is gone' {
        $written = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label $label -Volume "${volume}:/home/svn" -WorkingDirectory /home/svn $image -- sh -c 'echo kept > repo.txt; pwd'
        $written | Should -Be '/home/svn'
        $read = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label $label -Volume "${volume}:/data:ro" $image cat /data/repo.txt
        $read | Should -Be 'kept'
    }

    It 'refuses to remove a volume that a container uses, even with -Force, and -WhatIf removes nothing' {
        $user = "pester-$run-volume-user"
        $c = New-DockerContainer -DockerHost $DockerHost -Name $user -Label $label -Volume "${volume}:/data" $image
        ($c.Mounts | Where-Object Type -EQ 'volume').Name | Should -Be $volume

        Remove-DockerVolume -DockerHost $DockerHost $volume -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VolumeConflict,*'
        $err[0].TargetObject | Should -Be $volume

        Remove-DockerVolume -DockerHost $DockerHost $volume -Force -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VolumeConflict,*'
        (Get-DockerVolume -DockerHost $DockerHost $volume).Name | Should -Be $volume

        Remove-DockerContainer -DockerHost $DockerHost $user
        Remove-DockerVolume -DockerHost $DockerHost $volume -WhatIf
        (Get-DockerVolume -DockerHost $DockerHost $volume).Name | Should -Be $volume

        Get-DockerVolume -DockerHost $DockerHost $volume | Remove-DockerVolume -DockerHost $DockerHost -Confirm:$false
        Get-DockerVolume -DockerHost $DockerHost $volume -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VolumeNotFound,*'
    }

    It 'connects containers on a network of their own: -Network, Connect -Alias, Disconnect, Remove' {
        $net = New-DockerNetwork -DockerHost $DockerHost $network -Label @{ 'dockerps.pester' = $run }
        $net | Should -BeOfType DockerPS.Engine.Model.DockerNetwork
        $net.Name | Should -Be $network
        $net.Driver | Should -Be 'bridge'
        $net.Subnets.Count | Should -BeGreaterThan 0
        (Get-DockerNetwork -DockerHost $DockerHost $net.Id.Substring(0, 12)).Name | Should -Be $network
        (Get-DockerNetwork -DockerHost $DockerHost -Label $label | Out-String) | Should -Match 'NETWORK ID\s+NAME\s+DRIVER\s+SCOPE'

        $server = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name "pester-$run-server" -Label $label -Network $network $image sleep 300
        $server.Networks | Should -Be $network
        $other = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name "pester-$run-other" -Label $label $image sleep 300
        $other.Networks | Should -Not -Contain $network

        # On a user-defined network a container is found by its name.
        $null = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label $label -Network $network $image -- ping -c 1 -W 5 "pester-$run-server"
        $LASTEXITCODE | Should -Be 0

        $connected = $other | Connect-DockerNetwork -DockerHost $DockerHost $network -Alias "pester-$run-alias" -PassThru
        $connected.Networks | Should -Contain $network
        $attachment = (Get-DockerContainer -DockerHost $DockerHost $other.Name -Inspect).Networks | Where-Object Network -EQ $network
        $attachment.Aliases | Should -Contain "pester-$run-alias"
        $attachment.IPAddress | Should -Not -BeNullOrEmpty
        (Get-DockerNetwork -DockerHost $DockerHost $network -Inspect).Containers | Should -Contain $other.Name

        $null = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label $label -Network $network $image -- ping -c 1 -W 5 "pester-$run-alias"
        $LASTEXITCODE | Should -Be 0

        Disconnect-DockerNetwork -DockerHost $DockerHost $network $other.Name
        (Get-DockerContainer -DockerHost $DockerHost $other.Name).Networks | Should -Not -Contain $network

        # A network with a running container attached is refused, and the message says why.
        Remove-DockerNetwork -DockerHost $DockerHost $network -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].TargetObject | Should -Be $network
        $err[0].Exception.Message | Should -BeLike '*active endpoints*'

        Remove-DockerContainer -DockerHost $DockerHost $server.Name -Force
        Remove-DockerNetwork -DockerHost $DockerHost $network -WhatIf
        (Get-DockerNetwork -DockerHost $DockerHost $network).Name | Should -Be $network
        Get-DockerNetwork -DockerHost $DockerHost $network | Remove-DockerNetwork -DockerHost $DockerHost -Confirm:$false
        Get-DockerNetwork -DockerHost $DockerHost $network -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NetworkNotFound,*'
    }

    It 'refuses to create a network whose name is taken' {
        $taken = "pester-$run-taken"
        $null = New-DockerNetwork -DockerHost $DockerHost $taken
        try { New-DockerNetwork -DockerHost $DockerHost $taken; throw 'no error' }
        catch { $_.FullyQualifiedErrorId | Should -BeLike 'NetworkConflict,*' }
        Remove-DockerNetwork -DockerHost $DockerHost $taken -Confirm:$false
    }

    It 'refuses to remove the engine''s own networks' {
        Remove-DockerNetwork -DockerHost $DockerHost bridge -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].TargetObject | Should -Be 'bridge'
        (Get-DockerNetwork -DockerHost $DockerHost bridge).Name | Should -Be 'bridge'
    }
}
