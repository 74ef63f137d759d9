#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# The container workflows of SEEDS.md sections 1-4 (create, start, stop, restart, run, remove, limits, short ids),
# as DockerPS pipelines, once per test engine. Every container made here carries the label dockerps.pester=<run>,
# so AfterAll removes all of them with the engine's own CLI, whatever a failing test left behind.

BeforeDiscovery {
    . $PSScriptRoot/TestEnvironment.ps1
    $engines = @(Get-TestEngine)
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
}

Describe 'Container commands against <Engine>' -ForEach $engines {
    BeforeAll {
        $run = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $label = "dockerps.pester=$run"
        $image = 'busybox:latest'
        $hostDir = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "dockerps-pester-$run")
        $null = [System.IO.Directory]::CreateDirectory($hostDir)
    }

    AfterAll {
        $ids = @(& $Cli -H $DockerHost ps -aq --filter "label=$label")
        if ($ids.Count -gt 0) { & $Cli -H $DockerHost rm -f $ids | Out-Null }
        if ([System.IO.Directory]::Exists($hostDir)) { [System.IO.Directory]::Delete($hostDir, $true) }
    }

    It 'New-DockerContainer creates without starting; Start, Stop, then Get -Status exited | Remove' {
        $name = "pester-$run-life"
        $created = New-DockerContainer -DockerHost $DockerHost -Name $name -Label $label, 'dockerps.pester.case=life' $image sleep 300
        $created | Should -BeOfType DockerPS.Engine.Model.DockerContainer
        $created.Name | Should -Be $name
        $created.State | Should -Be 'created'

        $listed = Get-DockerContainer -DockerHost $DockerHost -All -Label $label | Where-Object Name -EQ $name
        $listed.Status | Should -Be 'Created'
        @(Get-DockerContainer -DockerHost $DockerHost -Label $label | Where-Object Name -EQ $name).Count | Should -Be 0

        Start-DockerContainer -DockerHost $DockerHost $name
        (Get-DockerContainer -DockerHost $DockerHost $name).State | Should -Be 'running'

        $stopped = Stop-DockerContainer -DockerHost $DockerHost $name -Timeout 1 -PassThru
        $stopped.State | Should -Be 'exited'

        Get-DockerContainer -DockerHost $DockerHost -Status exited -Label $label, 'dockerps.pester.case=life' | Remove-DockerContainer -DockerHost $DockerHost
        @(Get-DockerContainer -DockerHost $DockerHost -All -Label $label | Where-Object Name -EQ $name).Count | Should -Be 0
    }

    It 'Invoke-DockerRun -Remove busybox echo hello returns hello and leaves nothing' {
        $out = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label $label $image echo hello
        $out | Should -Be 'hello'
        $LASTEXITCODE | Should -Be 0
        @(Get-DockerContainer -DockerHost $DockerHost -All -Filter @{ label = $label; ancestor = $image } |
            Where-Object Command -EQ 'echo hello').Count | Should -Be 0
    }

    It 'Invoke-DockerRun sets $LASTEXITCODE and writes ContainerExitedWithError for a non-zero exit' {
        $out = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label $label -ErrorVariable err -ErrorAction SilentlyContinue $image -- sh -c 'echo before; exit 3'
        $out | Should -Be 'before'
        $LASTEXITCODE | Should -Be 3
        $exit = @($err | Where-Object { $_.FullyQualifiedErrorId -like 'ContainerExitedWithError,*' })
        $exit.Count | Should -Be 1
        $exit[0].Exception.ExitCode | Should -Be 3
        $exit[0].Exception | Should -BeOfType DockerPS.Engine.Errors.DockerContainerExitException
        $exit[0].CategoryInfo.Category | Should -Be 'InvalidResult'
    }

    It 'writes standard error to the error stream and standard output to the pipeline' {
        $out = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label $label -ErrorVariable err -ErrorAction SilentlyContinue $image -Command sh, '-c', 'echo to-stdout; echo to-stderr >&2'
        $out | Should -Be 'to-stdout'
        $LASTEXITCODE | Should -Be 0
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ContainerStandardError,*'
        $err[0].Exception.Message | Should -Be 'to-stderr'

        $merged = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label $label $image -Command sh, '-c', 'echo to-stdout; echo to-stderr >&2' 2>&1
        @($merged | Where-Object { $_ -is [string] }) | Should -Be 'to-stdout'
        @($merged | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
    }

    It 'Invoke-DockerRun -Detach writes the running container, with its published port' {
        $name = "pester-$run-detached"
        $c = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name $name -Label $label -Publish 80 $image sleep 300
        $c | Should -BeOfType DockerPS.Engine.Model.DockerContainer
        $c.Name | Should -Be $name
        $c.State | Should -Be 'running'
        $published = @($c.Ports | Where-Object IsPublished)
        $published.Count | Should -BeGreaterThan 0
        $published[0].PrivatePort | Should -Be 80
        $published[0].PublicPort | Should -BeGreaterThan 0
        Remove-DockerContainer -DockerHost $DockerHost $name -Force
    }

    It 'refuses malformed -DetachKeys before creating anything' {
        $name = "pester-$run-interactive"
        try { Invoke-DockerRun -DockerHost $DockerHost -Interactive -Tty -DetachKeys 'ctrl-P,ctrl-Q' -Name $name -Label $label $image sh; throw 'no error' }
        catch {
            $_.FullyQualifiedErrorId | Should -BeLike 'InvalidDetachKeys,*'
            $_.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $_.Exception.Message | Should -BeLike "*'ctrl-P' is not a key docker knows*"
        }
        @(Get-DockerContainer -DockerHost $DockerHost -All -Label $label | Where-Object Name -EQ $name).Count | Should -Be 0
    }

    It 'restarts an exited container, named by a short id prefix' {
        $name = "pester-$run-restart"
        $c = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name $name -Label $label $image sleep 300
        Stop-DockerContainer -DockerHost $DockerHost $name -Timeout 0
        (Get-DockerContainer -DockerHost $DockerHost $name).State | Should -Be 'exited'

        $restarted = Restart-DockerContainer -DockerHost $DockerHost $c.Id.Substring(0, 12) -PassThru
        $restarted.Id | Should -Be $c.Id
        $restarted.State | Should -Be 'running'
        Remove-DockerContainer -DockerHost $DockerHost $c.Id.Substring(0, 12) -Force
        @(Get-DockerContainer -DockerHost $DockerHost -All -Label $label | Where-Object Name -EQ $name).Count | Should -Be 0
    }

    It 'Get-DockerContainer -Label x | Stop-DockerContainer -PassThru | Start-DockerContainer restarts the group' {
        $group = "dockerps.pester.group=$run"
        $a = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name "pester-$run-group-a" -Label $label, $group $image sleep 300
        $b = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name "pester-$run-group-b" -Label $label, $group $image sleep 300
        $before = @(Get-DockerContainer -DockerHost $DockerHost -Label $group -Inspect)
        $before.Count | Should -Be 2

        Get-DockerContainer -DockerHost $DockerHost -Label $group |
            Stop-DockerContainer -DockerHost $DockerHost -Timeout 0 -PassThru |
            Start-DockerContainer -DockerHost $DockerHost

        $after = @(Get-DockerContainer -DockerHost $DockerHost -All -Label $group -Inspect)
        $after.Count | Should -Be 2
        foreach ($details in $after) {
            $details.State.Status | Should -Be 'running'
            $old = $before | Where-Object Id -EQ $details.Id
            $details.State.StartedAt | Should -BeGreaterThan $old.State.StartedAt
        }

        $stopped = @(Get-DockerContainer -DockerHost $DockerHost -Label $group | Stop-DockerContainer -DockerHost $DockerHost -Timeout 0 -PassThru)
        $stopped.Count | Should -Be 2
        @($stopped | Where-Object State -NE 'exited').Count | Should -Be 0
        @($stopped.Id | Where-Object { $_ -ne $a.Id -and $_ -ne $b.Id }).Count | Should -Be 0
    }

    It 'pauses and resumes a container' {
        $name = "pester-$run-pause"
        $null = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name $name -Label $label $image sleep 300
        (Suspend-DockerContainer -DockerHost $DockerHost $name -PassThru).State | Should -Be 'paused'
        (Resume-DockerContainer -DockerHost $DockerHost $name -PassThru).State | Should -Be 'running'
        Remove-DockerContainer -DockerHost $DockerHost $name -Force
    }

    It 'Wait-DockerContainer writes the exit code' {
        $name = "pester-$run-wait"
        $null = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name $name -Label $label $image -- sh -c 'sleep 1; exit 7'
        $result = Wait-DockerContainer -DockerHost $DockerHost $name
        $result | Should -BeOfType DockerPS.Engine.Model.DockerContainerExit
        $result.Name | Should -Be $name
        $result.ExitCode | Should -Be 7
    }

    It 'Rename-DockerContainer gives a new name' {
        $name = "pester-$run-rename"
        $null = New-DockerContainer -DockerHost $DockerHost -Name $name -Label $label $image
        $renamed = Rename-DockerContainer -DockerHost $DockerHost $name "$name-new" -PassThru
        $renamed.Name | Should -Be "$name-new"
        @(Get-DockerContainer -DockerHost $DockerHost -All -Label $label | Where-Object Name -EQ $name).Count | Should -Be 0
    }

    It 'refuses to remove a running container without -Force, and -WhatIf removes nothing' {
        $name = "pester-$run-keep"
        $null = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name $name -Label $label $image sleep 300

        Remove-DockerContainer -DockerHost $DockerHost $name -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ContainerConflict,*'
        $err[0].TargetObject | Should -Be $name

        Remove-DockerContainer -DockerHost $DockerHost $name -Force -WhatIf
        Get-DockerContainer -DockerHost $DockerHost -All -Label $label | Where-Object Name -EQ $name |
            Remove-DockerContainer -DockerHost $DockerHost -Force -WhatIf
        (Get-DockerContainer -DockerHost $DockerHost $name).State | Should -Be 'running'

        Remove-DockerContainer -DockerHost $DockerHost $name -Force
        @(Get-DockerContainer -DockerHost $DockerHost -All -Label $label | Where-Object Name -EQ $name).Count | Should -Be 0
    }

    It 'reports a name that matches nothing as ContainerNotFound and goes on with the others' {
        $name = "pester-$run-found"
        $null = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name $name -Label $label $image sleep 300
        Stop-DockerContainer -DockerHost $DockerHost "pester-$run-missing", $name -Timeout 0 -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be "pester-$run-missing"
        (Get-DockerContainer -DockerHost $DockerHost $name).State | Should -Be 'exited'
    }

    It 'refuses an id prefix that several containers share, listing them, and acts on none' {
        # Ids are hex: among 17 containers two must share their first character, so a one-character prefix
        # shared by two of ours is found in a bounded number of steps, whatever ids the engine hands out.
        $made = [System.Collections.Generic.List[object]]::new()
        $pair = $null
        for ($i = 0; $i -lt 17 -and $null -eq $pair; $i++) {
            $c = New-DockerContainer -DockerHost $DockerHost -Name "pester-$run-prefix-$i" -Label $label $image
            foreach ($m in $made) {
                if ($m.Id[0] -eq $c.Id[0]) { $pair = @($m, $c); break }
            }
            $made.Add($c)
        }
        $pair.Count | Should -Be 2
        $prefix = $pair[0].Id.Substring(0, 1)

        Start-DockerContainer -DockerHost $DockerHost $prefix -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AmbiguousContainer,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -BeLike "*$($pair[0].Name)*"
        $err[0].Exception.Message | Should -BeLike "*$($pair[1].Name)*"
        @(Get-DockerContainer -DockerHost $DockerHost -Label $label | Where-Object Name -Like "pester-$run-prefix-*").Count | Should -Be 0

        $made | Remove-DockerContainer -DockerHost $DockerHost
    }

    It 'refuses <Shown> before creating anything (<ErrorId>)' -ForEach @(
        @{ Shown = "-Publish '8080:'"; Arguments = @{ Publish = '8080:' }; ErrorId = 'InvalidPublish' }
        @{ Shown = "-Memory '-1m'"; Arguments = @{ Memory = '-1m' }; ErrorId = 'InvalidMemory' }
        @{ Shown = "-Volume ':/x'"; Arguments = @{ Volume = ':/x' }; ErrorId = 'InvalidVolume' }
        @{ Shown = "-Cpus 0"; Arguments = @{ Cpus = 0 }; ErrorId = 'InvalidCpus' }
        @{ Shown = "-RestartPolicy 'sometimes'"; Arguments = @{ RestartPolicy = 'sometimes' }; ErrorId = 'InvalidRestartPolicy' }
    ) {
        $name = "pester-$run-bad-$($ErrorId.ToLowerInvariant())"
        foreach ($command in 'Invoke-DockerRun', 'New-DockerContainer') {
            try {
                & $command -DockerHost $DockerHost -Name $name -Label $label @Arguments $image true
                throw 'no error'
            }
            catch {
                $_.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
                $_.CategoryInfo.Category | Should -Be 'InvalidArgument'
            }
            @(Get-DockerContainer -DockerHost $DockerHost -All -Label $label | Where-Object Name -EQ $name).Count | Should -Be 0
        }
    }

    It 'sets -Memory 64m -Cpus 1.5 and a restart policy, visible with Get-DockerContainer -Inspect, and updates them' {
        $name = "pester-$run-limits"
        $null = New-DockerContainer -DockerHost $DockerHost -Name $name -Label $label -Memory 64m -Cpus 1.5 -RestartPolicy on-failure:3 $image sleep 300
        $details = Get-DockerContainer -DockerHost $DockerHost $name -Inspect
        $details | Should -BeOfType DockerPS.Engine.Model.DockerContainerDetails
        $details.HostConfig.Memory | Should -Be 64MB
        $details.HostConfig.NanoCpus | Should -Be 1500000000
        $details.HostConfig.Cpus | Should -Be 1.5
        $details.HostConfig.RestartPolicy | Should -Be 'on-failure:3'
        $details.Config.Image | Should -Be $image
        $details.State.Status | Should -Be 'created'

        Update-DockerContainer -DockerHost $DockerHost $name -Memory 32m -Cpus 0.5 -RestartPolicy unless-stopped
        $details = Get-DockerContainer -DockerHost $DockerHost $name -Inspect
        $details.HostConfig.Memory | Should -Be 32MB
        $details.HostConfig.Cpus | Should -Be 0.5
        $details.HostConfig.RestartPolicy | Should -Be 'unless-stopped'

        $text = Get-DockerContainer -DockerHost $DockerHost $name -Inspect | Out-String
        $text | Should -Match 'Memory\s*:\s*32MiB'
        $text | Should -Match 'RestartPolicy\s*:\s*unless-stopped'
    }

    It 'mounts a host directory with -Volume' {
        $name = "pester-$run-bind"
        $out = Invoke-DockerRun -DockerHost $DockerHost -Remove -Name $name -Label $label -Volume "${hostDir}:/share.host" $image -- sh -c 'echo from-container > /share.host/note.txt; ls /share.host'
        $out | Should -Be 'note.txt'
        [System.IO.File]::ReadAllText([System.IO.Path]::Combine($hostDir, 'note.txt')).Trim() | Should -Be 'from-container'
    }

    It 'runs on the host network with -Network host' {
        $name = "pester-$run-hostnet"
        $c = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name $name -Label $label -Network host $image sleep 300
        $c.NetworkMode | Should -Be 'host'
        $details = Get-DockerContainer -DockerHost $DockerHost $name -Inspect
        $details.HostConfig.NetworkMode | Should -Be 'host'
        $details.Networks.Network | Should -Contain 'host'
        Remove-DockerContainer -DockerHost $DockerHost $name -Force
    }
}
