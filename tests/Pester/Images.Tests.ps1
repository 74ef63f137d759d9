#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# The image workflows of SEEDS.md sections 1-4 (commit, run the new image, tag, history, rmi refused while a container
# uses the image, save/load, import, prune), as DockerPS pipelines, once per test engine. Every image made here is
# named dpsimg-pester-<run>* and labelled dpsimg.test=<run>, every container labelled dockerps.pester=<run>; AfterAll
# removes exactly those with the engine's own CLI, and every prune is scoped by that label.

BeforeDiscovery {
    . $PSScriptRoot/TestEnvironment.ps1
    $engines = @(Get-TestEngine)
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
}

Describe 'Image commands against <Engine>' -ForEach $engines {
    BeforeAll {
        $run = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $label = "dockerps.pester=$run"
        $imageLabel = "dpsimg.test=$run"
        $repo = "dpsimg-pester-$run"
        $busybox = 'busybox:latest'
        $debian = 'debian:bookworm'
        $work = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "dpsimg-pester-$run")
        $null = [System.IO.Directory]::CreateDirectory($work)

        # A small labelled image of this run: a busybox container with a file, committed.
        function New-RunImage([string] $Stem, [string] $Tag) {
            $name = "pester-$run-$Stem"
            $null = Invoke-DockerRun -DockerHost $DockerHost -Name $name -Label $label $busybox -- sh -c "echo $Stem > /stem.txt"
            $arguments = @{ DockerHost = $DockerHost; Container = $name; Change = "LABEL $imageLabel" }
            if ($Tag) { $arguments.Tag = $Tag }
            Invoke-DockerCommit @arguments
        }
    }

    AfterAll {
        $containers = @(& $Cli -H $DockerHost ps -aq --filter "label=$label")
        if ($containers.Count -gt 0) { & $Cli -H $DockerHost rm -f $containers | Out-Null }
        $tags = @(& $Cli -H $DockerHost images --format '{{.Repository}}:{{.Tag}}' | Where-Object { $_ -like "$repo*" })
        if ($tags.Count -gt 0) { & $Cli -H $DockerHost rmi -f $tags 2>$null | Out-Null }
        $ids = @(& $Cli -H $DockerHost images -aq --filter "label=$imageLabel" | Select-Object -Unique)
        if ($ids.Count -gt 0) { & $Cli -H $DockerHost rmi -f $ids 2>$null | Out-Null }
        if ([System.IO.Directory]::Exists($work)) { [System.IO.Directory]::Delete($work, $true) }
    }

    It 'the seed commit story: install a package, commit, run the new image, rmi refused while a container uses it' {
        $installer = "pester-$run-install"
        $null = Invoke-DockerRun -DockerHost $DockerHost -Name $installer -Label $label $debian -- sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends tree > /dev/null'
        $LASTEXITCODE | Should -Be 0

        $image = Invoke-DockerCommit -DockerHost $DockerHost $installer -Repository $repo -Tag tree `
            -Message 'tree installed' -Author 'Pester <dpsimg@example.invalid>' -Change 'CMD ["tree", "--version"]', "LABEL $imageLabel"
        $image | Should -BeOfType DockerPS.Engine.Model.DockerImage
        $image.Reference | Should -Be "${repo}:tree"

        $details = Get-DockerImage -DockerHost $DockerHost "${repo}:tree" -Inspect
        $details | Should -BeOfType DockerPS.Engine.Model.DockerImageDetails
        $details.Config.Command | Should -Be @('tree', '--version')
        $details.Comment | Should -Be 'tree installed'
        $details.Author | Should -Be 'Pester <dpsimg@example.invalid>'

        $user = "pester-$run-user"
        $out = Invoke-DockerRun -DockerHost $DockerHost -Name $user -Label $label "${repo}:tree"
        $out | Should -BeLike 'tree v*'

        Remove-DockerImage -DockerHost $DockerHost "${repo}:tree" -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ImageInUse,*'
        $refused[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $refused[0].TargetObject | Should -Be "${repo}:tree"
        $refused[0].Exception.Message | Should -BeLike '*conflict*'
        $refused[0].Exception.Message | Should -BeLike "*$user*"
        $refused[0].Exception.Containers.Name | Should -Contain $user
        (Get-DockerImage -DockerHost $DockerHost "${repo}:tree").Id | Should -Be $image.Id

        $refused[0].Exception.Containers | Remove-DockerContainer -DockerHost $DockerHost
        $removed = @(Remove-DockerImage -DockerHost $DockerHost "${repo}:tree")
        $removed | Should -BeOfType DockerPS.Engine.Model.DockerImageDeletion
        ($removed | Where-Object Kind -EQ 'Untagged').Value | Should -Be "${repo}:tree"
        ($removed | Where-Object Kind -EQ 'Deleted').Value | Should -Contain $image.Id
    }

    It 'Get-DockerContainer | Invoke-DockerCommit -Tag | Invoke-DockerRun, with and without a tag' {
        $name = "pester-$run-web"
        $null = Invoke-DockerRun -DockerHost $DockerHost -Detach -Name $name -Label $label $busybox -- sh -c 'echo snap > /snap.txt; sleep 300'
        Start-Sleep -Milliseconds 300
        $copy = Get-DockerContainer -DockerHost $DockerHost $name |
            Invoke-DockerCommit -DockerHost $DockerHost -Tag "${repo}:snap" -Change 'CMD ["cat", "/snap.txt"]', "LABEL $imageLabel" |
            Invoke-DockerRun -DockerHost $DockerHost -Detach -Label $label
        $copy | Should -BeOfType DockerPS.Engine.Model.DockerContainer
        $copy.Image | Should -Be "${repo}:snap"
        (Get-DockerContainer -DockerHost $DockerHost $name).State | Should -Be 'running'

        $untagged = Get-DockerContainer -DockerHost $DockerHost $name | Invoke-DockerCommit -DockerHost $DockerHost -Change 'CMD ["cat", "/snap.txt"]', "LABEL $imageLabel"
        $untagged.Reference | Should -BeNullOrEmpty
        $untagged | Invoke-DockerRun -DockerHost $DockerHost -Remove -Label $label | Should -Be 'snap'
    }

    It 'refuses a -Change that docker commit does not apply, and a bad reference, before anything is made' {
        $name = "pester-$run-refuse"
        $null = Invoke-DockerRun -DockerHost $DockerHost -Name $name -Label $label $busybox true
        $before = @(Get-DockerImage -DockerHost $DockerHost -All -Label $imageLabel).Count

        { Invoke-DockerCommit -DockerHost $DockerHost $name -Tag "${repo}:bad" -Change 'RUN apt-get install -y git' } |
            Should -Throw -ErrorId 'InvalidChange,DockerPS.Commands.InvokeDockerCommitCommand'
        { Invoke-DockerCommit -DockerHost $DockerHost $name -Tag 'UPPER/case' } | Should -Throw -ErrorId 'InvalidImageReference,*'
        { Invoke-DockerCommit -DockerHost $DockerHost $name -Tag 'a::b' } | Should -Throw -ErrorId 'InvalidImageReference,*'
        { Invoke-DockerCommit -DockerHost $DockerHost $name -Tag 'web:' } | Should -Throw -ErrorId 'InvalidImageReference,*'
        { Invoke-DockerCommit -DockerHost $DockerHost $name -Change 'FOO bar' } | Should -Throw -ExpectedMessage "*'FOO bar'*"
        { Invoke-DockerCommit -DockerHost $DockerHost $name -Change 'STOPSIGNAL SIGINT' } | Should -Throw -ErrorId 'ApiVersionTooOld,*'

        @(Get-DockerImage -DockerHost $DockerHost -All -Label $imageLabel).Count | Should -Be $before
        @(Get-DockerImage -DockerHost $DockerHost "${repo}:bad" -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'Add-DockerImageTag and Get-DockerImageHistory' {
        Add-DockerImageTag -DockerHost $DockerHost $busybox "${repo}:a", "${repo}:b"
        $rows = @(Get-DockerImage -DockerHost $DockerHost "${repo}:a", "${repo}:b")
        $rows.Tag | Sort-Object | Should -Be @('a', 'b')
        $rows.Id | Select-Object -Unique | Should -Be (Get-DockerImage -DockerHost $DockerHost $busybox).Id

        $history = @(Get-DockerImageHistory -DockerHost $DockerHost "${repo}:a")
        $history[0] | Should -BeOfType DockerPS.Engine.Model.DockerImageHistory
        $history[0].Id | Should -Be (Get-DockerImage -DockerHost $DockerHost $busybox).Id
        (Get-DockerImageHistory -DockerHost $DockerHost "${repo}:a" -NoTrunc)[0].PSObject.TypeNames[0] | Should -Be 'DockerPS.Engine.Model.DockerImageHistory#NoTrunc'
        (Get-DockerImage -DockerHost $DockerHost "${repo}:a" -Digests).PSObject.TypeNames[0] | Should -Be 'DockerPS.Engine.Model.DockerImage#Digests'
        (Get-DockerImage -DockerHost $DockerHost "${repo}:a" | Get-DockerImageHistory -DockerHost $DockerHost).Count | Should -Be $history.Count

        { Add-DockerImageTag -DockerHost $DockerHost $busybox 'UPPER/case' } | Should -Throw -ErrorId 'InvalidImageReference,*'

        $untagged = @(Get-DockerImage -DockerHost $DockerHost "${repo}:a", "${repo}:b" | Remove-DockerImage -DockerHost $DockerHost)
        @($untagged | Where-Object Kind -EQ 'Untagged').Count | Should -Be 2
        @($untagged | Where-Object Kind -EQ 'Deleted').Count | Should -Be 0
        (Get-DockerImage -DockerHost $DockerHost $busybox).Reference | Should -Be $busybox
    }

    It 'Export-DockerImage then Import-DockerImage brings back the same id and tags' {
        $image = New-RunImage rt "${repo}:rt1"
        Add-DockerImageTag -DockerHost $DockerHost "${repo}:rt1" "${repo}:rt2"
        $archive = Join-Path $work 'rt.tar'

        $file = Get-DockerImage -DockerHost $DockerHost "${repo}:rt*" | Export-DockerImage -DockerHost $DockerHost -Path $archive -PassThru
        $file | Should -BeOfType System.IO.FileInfo
        $file.Length | Should -BeGreaterThan 0
        @(Get-ChildItem $work -Force).Name | Should -Be @('rt.tar')

        Remove-DockerImage -DockerHost $DockerHost "${repo}:rt1", "${repo}:rt2" | Out-Null
        @(Get-DockerImage -DockerHost $DockerHost -ImageId $image.Id -ErrorAction SilentlyContinue).Count | Should -Be 0

        $loaded = @(Import-DockerImage -DockerHost $DockerHost $archive)
        $loaded.Reference | Sort-Object | Should -Be @("${repo}:rt1", "${repo}:rt2")
        $loaded.Id | Select-Object -Unique | Should -Be $image.Id
    }

    It 'Import-DockerImage -RootFileSystem makes a runnable image with -Change and -Message' {
        $name = "pester-$run-rootfs"
        $null = Invoke-DockerRun -DockerHost $DockerHost -Name $name -Label $label $busybox -- sh -c 'echo imported > /hello.txt'
        $tarball = Join-Path $work 'rootfs.tar'
        & $Cli -H $DockerHost export -o $tarball $name

        $image = Import-DockerImage -DockerHost $DockerHost -RootFileSystem $tarball -Reference "${repo}:imported" `
            -Change 'CMD ["cat", "/hello.txt"]', "LABEL $imageLabel" -Message 'from a tarball' -Platform linux/amd64
        $image.Reference | Should -Be "${repo}:imported"
        (Get-DockerImage -DockerHost $DockerHost "${repo}:imported" -Inspect).Layers.Count | Should -Be 1
        (Get-DockerImageHistory -DockerHost $DockerHost "${repo}:imported")[0].Comment | Should -Be 'from a tarball'
        Invoke-DockerRun -DockerHost $DockerHost -Remove -Label $label "${repo}:imported" | Should -Be 'imported'
    }

    It 'refuses a missing archive and a bad -Change before anything is sent' {
        { Import-DockerImage -DockerHost $DockerHost (Join-Path $work 'none.tar') } | Should -Throw -ErrorId 'ArchiveNotFound,*'
        { Import-DockerImage -DockerHost $DockerHost -RootFileSystem (Join-Path $work 'none.tar') } | Should -Throw -ErrorId 'ArchiveNotFound,*'
        $any = Join-Path $work 'any.tar'
        Set-Content $any 'x'
        { Import-DockerImage -DockerHost $DockerHost -RootFileSystem $any -Change 'COPY . /' } | Should -Throw -ErrorId 'InvalidChange,*'
        { Import-DockerImage -DockerHost $DockerHost -RootFileSystem $any -Reference 'a::b' } | Should -Throw -ErrorId 'InvalidImageReference,*'
        { Export-DockerImage -DockerHost $DockerHost 'dpsimg-missing:nothing' -Path (Join-Path $work 'missing.tar') } | Should -Throw -ErrorId 'ImageNotFound,*'
        Test-Path (Join-Path $work 'missing.tar') | Should -BeFalse
    }

    It 'Remove-DockerImage -Unused -WhatIf lists and removes nothing; a label-scoped prune removes only this run''s unused images' {
        $dangling = New-RunImage dangling
        $tagged = New-RunImage tagged "${repo}:prune"
        $used = New-RunImage used "${repo}:used"
        $null = New-DockerContainer -DockerHost $DockerHost -Name "pester-$run-holder" -Label $label "${repo}:used" true

        $whatIf = Remove-DockerImage -DockerHost $DockerHost -Unused -Label $imageLabel -WhatIf 6>&1
        $whatIf | Should -BeNullOrEmpty
        foreach ($id in $dangling.Id, $tagged.Id, $used.Id) { (Get-DockerImage -DockerHost $DockerHost -ImageId $id).Id | Should -Contain $id }

        $first = Remove-DockerImage -DockerHost $DockerHost -Dangling -Label $imageLabel -Force
        $first | Should -BeOfType DockerPS.Engine.Model.DockerImagePruneResult
        ($first.Deletions | Where-Object Kind -EQ 'Deleted').Value | Should -Contain $dangling.Id
        $first.SpaceReclaimed | Should -BeGreaterThan 0

        $second = Remove-DockerImage -DockerHost $DockerHost -Unused -Label $imageLabel -Force
        ($second.Deletions | Where-Object Kind -EQ 'Untagged').Value | Should -Contain "${repo}:prune"
        ($second.Deletions | Where-Object Kind -EQ 'Untagged').Value | Should -Not -Contain "${repo}:used"
        (Get-DockerImage -DockerHost $DockerHost "${repo}:used").Id | Should -Be $used.Id
        (Get-DockerImage -DockerHost $DockerHost $busybox).Reference | Should -Be $busybox
    }
}
