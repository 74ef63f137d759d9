#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Invoke-DockerBuild as a user drives it (SEEDS.md section 1: docker build, the cache, docker images -a), once per
# test engine. Every image made here is tagged dpsbuild-pester-<run>-... and labelled dpsbuild.pester=<run>; AfterAll
# removes the tags (and so the intermediate images) and the containers with the engine's own CLI.

BeforeDiscovery {
    . $PSScriptRoot/TestEnvironment.ps1
    $engines = @(Get-TestEngine)
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
}

Describe 'Invoke-DockerBuild against <Engine>' -ForEach $engines {
    BeforeAll {
        $run = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $label = @{ 'dpsbuild.pester' = $run }
        $root = Join-Path ([System.IO.Path]::GetTempPath()) "dpsbuild-pester-$run"
        $context = Join-Path $root 'context'
        $null = New-Item -ItemType Directory -Path $context -Force
        Set-Content -Path (Join-Path $context 'Dockerfile') -Value @(
            'FROM busybox:latest'
            'ARG GREETING=default'
            'RUN echo "$GREETING" > /greeting && echo built'
            'COPY . /ctx'
            'CMD ["cat", "/greeting"]'
        )
        Set-Content -Path (Join-Path $context 'app.txt') -Value 'app'
        Set-Content -Path (Join-Path $context 'secret.key') -Value 'do not send'
        Set-Content -Path (Join-Path $context '.dockerignore') -Value @('*.key', '# comment')
        $tags = [System.Collections.Generic.List[string]]::new()
        function New-TestTag([string] $stem) {
            $tag = "dpsbuild-pester-$run-$($stem):latest"
            $tags.Add($tag)
            $tag
        }
    }

    AfterAll {
        $ids = @(& $Cli -H $DockerHost ps -aq --filter "label=dpsbuild.pester=$run")
        if ($ids.Count -gt 0) { & $Cli -H $DockerHost rm -f $ids | Out-Null }
        foreach ($tag in $tags) { & $Cli -H $DockerHost rmi $tag 2>$null | Out-Null }
        if (Test-Path $root) { Remove-Item $root -Recurse -Force }
    }

    It 'builds the current location, writes the image, the output to the information stream and honours .dockerignore' {
        $tag = New-TestTag 'basic'
        Push-Location $context
        try {
            $image = Invoke-DockerBuild -DockerHost $DockerHost -Tag $tag -Label $label -BuildArg @{ GREETING = 'hi from pester' } -InformationVariable log
        }
        finally {
            Pop-Location
        }
        $image | Should -BeOfType DockerPS.Engine.Model.DockerImage
        $image.Reference | Should -Be $tag
        $image.Labels['dpsbuild.pester'] | Should -Be $run

        $steps = @($log | Where-Object Tags -Contains 'Step' | ForEach-Object MessageData)
        $steps[0] | Should -BeLike 'Step 1/* : FROM busybox:latest'
        @($log | Where-Object Tags -Contains 'Output' | ForEach-Object MessageData) | Should -Contain 'built'

        $out = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label "dpsbuild.pester=$run" $tag
        $out | Should -Be 'hi from pester'
        $listing = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label "dpsbuild.pester=$run" $tag -- ls /ctx
        $listing | Should -Contain 'app.txt'
        $listing | Should -Not -Contain 'secret.key'
    }

    It 'reuses the cache the second time and leaves intermediate images for Get-DockerImage -All' {
        $tag = New-TestTag 'cache'
        $first = Invoke-DockerBuild -DockerHost $DockerHost -Path $context -Tag $tag -Label $label
        $second = Invoke-DockerBuild -DockerHost $DockerHost -Path $context -Tag $tag -Label $label -InformationVariable log
        $second.Id | Should -Be $first.Id
        @($log | ForEach-Object MessageData) | Should -Contain ' ---> Using cache'

        $intermediate = @(Get-DockerImage -DockerHost $DockerHost -All | Where-Object { $_.Repository -eq '<none>' -and $_.Created -ge $first.Created.AddMinutes(-5) })
        $intermediate.Count | Should -BeGreaterThan 0
        @(Get-DockerImage -DockerHost $DockerHost | Where-Object Id -In $intermediate.Id).Count | Should -Be 0
    }

    It 'takes a Dockerfile from outside the context, a target and piped context folders' {
        $tag = New-TestTag 'outside'
        $dockerfile = Join-Path $root 'stages.dockerfile'
        Set-Content -Path $dockerfile -Value @(
            'FROM busybox:latest AS first'
            'RUN echo first > /stage'
            'COPY . /ctx'
            'FROM first AS second'
            'RUN echo second > /stage'
        )
        # Through Build-DockerImage, the alias that keeps scripts written for the cmdlet's first name working.
        (Get-Command Build-DockerImage).ResolvedCommand.Name | Should -Be 'Invoke-DockerBuild'
        $image = Get-Item $context | Build-DockerImage -DockerHost $DockerHost -File $dockerfile -Target first -Tag $tag -Label $label
        $image.Reference | Should -Be $tag
        Invoke-DockerRun -DockerHost $DockerHost -Remove -Label "dpsbuild.pester=$run" $tag -- cat /stage | Should -Be 'first'
        $listing = Invoke-DockerRun -DockerHost $DockerHost -Remove -Label "dpsbuild.pester=$run" $tag -- ls -a /ctx
        @($listing | Where-Object { $_ -like '.dockerfile.*' }).Count | Should -Be 0
    }

    It 'stops with an error naming the failed step, its exit code and output' {
        $failing = Join-Path $root 'failing'
        $null = New-Item -ItemType Directory -Path $failing -Force
        Set-Content -Path (Join-Path $failing 'Dockerfile') -Value @('FROM busybox:latest', 'RUN echo about to fail && exit 7')
        $tag = New-TestTag 'failing'
        { Invoke-DockerBuild -DockerHost $DockerHost -Path $failing -Tag $tag -Label $label -ForceRm -ErrorAction Stop } |
            Should -Throw -ErrorId 'BuildStepFailed,DockerPS.Commands.InvokeDockerBuildCommand'
        try {
            Invoke-DockerBuild -DockerHost $DockerHost -Path $failing -Tag $tag -Label $label -ForceRm -ErrorAction Stop
        }
        catch {
            $_.CategoryInfo.Category | Should -Be 'InvalidResult'
            $_.Exception.ExitCode | Should -Be 7
            $_.Exception.Step.Number | Should -Be 2
            $_.Exception.Message | Should -BeLike 'Step 2/3 : RUN echo about to fail && exit 7 failed*exit code 7*about to fail*'
        }
        @(Get-DockerImage -DockerHost $DockerHost | Where-Object Reference -EQ $tag).Count | Should -Be 0
    }

    It 'refuses bad input before anything is sent, naming it' {
        { Invoke-DockerBuild -DockerHost $DockerHost -Path (Join-Path $root 'missing') -ErrorAction Stop } |
            Should -Throw -ErrorId 'BuildContextNotFound,DockerPS.Commands.InvokeDockerBuildCommand'
        { Invoke-DockerBuild -DockerHost $DockerHost -Path $context -File (Join-Path $root 'none.dockerfile') -ErrorAction Stop } |
            Should -Throw -ErrorId 'DockerfileNotFound,DockerPS.Commands.InvokeDockerBuildCommand'
        { Invoke-DockerBuild -DockerHost $DockerHost -Path $context -Tag 'UPPER/case' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidImageReference,DockerPS.Commands.InvokeDockerBuildCommand'
        { Invoke-DockerBuild -DockerHost $DockerHost -Path $context -BuildArg @{ '' = 'x' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidBuildArg,DockerPS.Commands.InvokeDockerBuildCommand'
    }

    It 'stops at once on Ctrl+C (a stopped pipeline) and tags nothing' {
        $slow = Join-Path $root 'slow'
        $null = New-Item -ItemType Directory -Path $slow -Force
        Set-Content -Path (Join-Path $slow 'Dockerfile') -Value @('FROM busybox:latest', 'RUN sleep 120')
        $tag = New-TestTag 'slow'
        $ps = [PowerShell]::Create()
        $null = $ps.AddScript("Import-Module '$env:DOCKERPS_MODULE'; Invoke-DockerBuild -DockerHost '$DockerHost' -Path '$slow' -Tag '$tag' -NoCache")
        $async = $ps.BeginInvoke()
        Start-Sleep -Seconds 5
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        $async.IsCompleted | Should -BeTrue
        $ps.Dispose()
        @(Get-DockerImage -DockerHost $DockerHost | Where-Object Reference -EQ $tag).Count | Should -Be 0
    }
}
