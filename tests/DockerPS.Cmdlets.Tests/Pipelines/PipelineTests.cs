using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Pipelines;

/// <summary>Issue 3's pipelines: objects piped between the container cmdlets, names, ids and prefixes.</summary>
public sealed class PipelineTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Get_Status_exited_piped_to_Remove_removes_exactly_the_exited_ones(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Ps("""
            $null = Invoke-DockerRun -Detach -Name "dpshost-up-$run" -Label $label $busybox sleep 300
            $null = Invoke-DockerRun -Name "dpshost-done1-$run" -Label $label $busybox true
            $null = Invoke-DockerRun -Name "dpshost-done2-$run" -Label $label $busybox true
            $null = New-DockerContainer -Name "dpshost-new-$run" -Label $label $busybox
            """).ThrowIfFailed();
        Assert.Equal(2, t.Ps("Get-DockerContainer -Status exited -Label $label").ThrowIfFailed().All<DockerContainer>().Count);

        t.Ps("Get-DockerContainer -Status exited -Label $label | Remove-DockerContainer").ThrowIfFailed();
        Assert.Equal(new[] { $"dpshost-new-{t.Run}", $"dpshost-up-{t.Run}" }, (await t.ContainersAsync()).Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Get_Label_piped_to_Stop_PassThru_piped_to_Start_restarts_the_group(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Shell.Set("app", "dpshost-app=" + t.Run);
        t.Ps("""
            $null = Invoke-DockerRun -Detach -Name "dpshost-web1-$run" -Label $label, $app $busybox sleep 300
            $null = Invoke-DockerRun -Detach -Name "dpshost-web2-$run" -Label $label, $app $busybox sleep 300
            $null = Invoke-DockerRun -Detach -Name "dpshost-db-$run" -Label $label $busybox sleep 300
            """).ThrowIfFailed();
        var before = (await t.ContainersAsync()).ToDictionary(c => c.Name, c => t.Client.Containers.InspectAsync(c.Id).Result.State.StartedAt);

        var r = t.Ps("Get-DockerContainer -Label $app | Stop-DockerContainer -Timeout 0 -PassThru | Start-DockerContainer").ThrowIfFailed();
        Assert.Empty(r.Output);
        foreach (var c in await t.ContainersAsync())
        {
            var details = await t.Client.Containers.InspectAsync(c.Id);
            Assert.True(details.State.Running, c.Name + " is not running.");
            if (c.Name.StartsWith("dpshost-web", StringComparison.Ordinal)) Assert.True(details.State.StartedAt > before[c.Name], c.Name + " was not restarted.");
            else Assert.Equal(before[c.Name], details.State.StartedAt);
        }

        // -PassThru writes the containers as they are afterwards.
        var stopped = t.Ps("Get-DockerContainer -Label $app | Stop-DockerContainer -Timeout 0 -PassThru").ThrowIfFailed().All<DockerContainer>();
        Assert.Equal(2, stopped.Count);
        Assert.All(stopped, c => Assert.Equal("exited", c.State));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Names_ids_prefixes_wildcards_and_piped_strings_all_find_containers(string engine)
    {
        await using var t = new EngineScope(engine);
        var a = t.Ps("New-DockerContainer -Name \"dpshost-a-$run\" -Label $label $busybox sleep 300").One<DockerContainer>();
        var b = t.Ps("New-DockerContainer -Name \"dpshost-b-$run\" -Label $label $busybox sleep 300").One<DockerContainer>();
        t.Shell.Set("a", a);
        t.Shell.Set("b", b);

        Assert.Equal(a.Id, t.Ps("Get-DockerContainer \"dpshost-a-$run\"").One<DockerContainer>().Id);
        Assert.Equal(a.Id, t.Ps("Get-DockerContainer $a.Id").One<DockerContainer>().Id);
        Assert.Equal(a.Id, t.Ps("Get-DockerContainer $a.Id.Substring(0, 12)").One<DockerContainer>().Id);
        Assert.Equal(a.Id, t.Ps("Get-DockerContainer -Id $a.Id.Substring(0, 10)").One<DockerContainer>().Id);
        Assert.Equal(2, t.Ps("Get-DockerContainer \"dpshost-?-$run\"").ThrowIfFailed().Output.Count);
        Assert.Equal(2, t.Ps("\"dpshost-a-$run\", $b.Id.Substring(0, 12) | Get-DockerContainer").ThrowIfFailed().Output.Count);
        Assert.Equal(2, t.Ps("$a, $b | Get-DockerContainer").ThrowIfFailed().Output.Count);
        // The type data's ContainerId alias pipes too, and the piped objects bind by Id.
        Assert.Equal(a.Id, t.Ps("$a.ContainerId").ThrowIfFailed().Lines.Single());

        // Start by full id, short id and name; the piped objects bind their Id.
        t.Ps("Start-DockerContainer $a.Id; Start-DockerContainer $b.Id.Substring(0, 12)").ThrowIfFailed();
        Assert.All(await t.ContainersAsync(), c => Assert.Equal("running", c.State));
        t.Ps("$a, $b | Stop-DockerContainer -Timeout 0").ThrowIfFailed();
        Assert.All(await t.ContainersAsync(), c => Assert.Equal("exited", c.State));

        // A name that matches nothing is reported on its own, and the others are still done.
        var r = t.Ps("Start-DockerContainer \"dpshost-missing-$run\", \"dpshost-a-$run\"");
        var error = Assert.Single(r.Errors);
        Assert.Equal("ContainerNotFound", r.ErrorIds.Single());
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal($"dpshost-missing-{t.Run}", error.TargetObject);
        Assert.Equal("running", (await t.Client.Containers.InspectAsync(a.Id)).State.Status);

        // A piped container with -NewName (a value in first position would be read as the container's name).
        Assert.Equal($"dpshost-a2-{t.Run}", t.Ps("$a | Rename-DockerContainer -NewName \"dpshost-a2-$run\" -PassThru").One<DockerContainer>().Name);
        var tooMany = t.Ps("Rename-DockerContainer \"dpshost-?*-$run\" -NewName \"dpshost-c-$run\"");
        Assert.Equal("TooManyContainers", tooMany.ErrorIds.Single());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task An_ambiguous_prefix_is_an_error_listing_the_matches_and_acts_on_none(string engine)
    {
        await using var t = new EngineScope(engine);
        // Ids are hex: among 17 containers two share a first character, so a shared one-character prefix is
        // found in a bounded number of steps, whatever ids the engine hands out.
        var r = t.Ps("""
            $made = [System.Collections.Generic.List[object]]::new()
            $pair = $null
            for ($i = 0; $i -lt 17 -and $null -eq $pair; $i++) {
                $c = New-DockerContainer -Name "dpshost-prefix$i-$run" -Label $label $busybox sleep 300
                foreach ($m in $made) { if ($m.Id[0] -eq $c.Id[0]) { $pair = $m, $c; break } }
                $made.Add($c)
            }
            $pair
            """).ThrowIfFailed().All<DockerContainer>();
        Assert.Equal(2, r.Count);
        var prefix = r[0].Id[..1];

        var start = t.Ps("Start-DockerContainer $prefix", ("prefix", prefix));
        var error = Assert.Single(start.AllErrors);
        Assert.Equal("AmbiguousContainer", start.ErrorIds.Single());
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(prefix, error.TargetObject);
        Assert.Contains(r[0].Name, error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(r[1].Name, error.Exception.Message, StringComparison.Ordinal);
        var containers = await t.ContainersAsync();
        Assert.All(containers, c => Assert.Equal("created", c.State));

        Assert.Equal("AmbiguousContainer", t.Ps("Remove-DockerContainer $prefix -Force").ErrorIds.Single());
        Assert.Equal(containers.Count, (await t.ContainersAsync()).Count);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task WhatIf_changes_nothing_and_Confirm_asks_once_per_container(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Ps("""
            foreach ($n in 'x', 'y', 'z') { $null = Invoke-DockerRun -Detach -Name "dpshost-$n-$run" -Label $label $busybox sleep 300 }
            """).ThrowIfFailed();
        t.Ps("""
            Get-DockerContainer -Label $label | Stop-DockerContainer -WhatIf
            Get-DockerContainer -Label $label | Remove-DockerContainer -Force -WhatIf
            Restart-DockerContainer "dpshost-x-$run" -WhatIf
            Suspend-DockerContainer "dpshost-y-$run" -WhatIf
            Rename-DockerContainer "dpshost-z-$run" "dpshost-renamed-$run" -WhatIf
            Update-DockerContainer "dpshost-z-$run" -Memory 64m -WhatIf
            Invoke-DockerRun -Name "dpshost-whatif-$run" -Label $label $busybox -WhatIf
            New-DockerContainer -Name "dpshost-whatif-$run" -Label $label $busybox -WhatIf
            """).ThrowIfFailed();
        var all = await t.ContainersAsync();
        Assert.Equal(3, all.Count);
        Assert.All(all, c => Assert.Equal("running", c.State));
        Assert.Contains($"What if: Performing the operation \"Stop\" on target \"dpshost-x-{t.Run}", t.Shell.Host.Console, StringComparison.Ordinal);
        Assert.Equal(0, (await t.Client.Containers.InspectAsync($"dpshost-z-{t.Run}")).HostConfig.Memory);

        // -Confirm: Yes, No, Yes removes x and z and keeps y; the prompt names each container.
        t.Shell.Host.Answer("&Yes", "&No", "&Yes");
        t.Ps("Remove-DockerContainer \"dpshost-x-$run\", \"dpshost-y-$run\", \"dpshost-z-$run\" -Force -Confirm").ThrowIfFailed();
        Assert.Equal(new[] { $"dpshost-y-{t.Run}" }, (await t.ContainersAsync()).Select(c => c.Name));
        Assert.Equal(3, t.Shell.Host.Prompts.Count);
        Assert.Contains($"dpshost-y-{t.Run}", t.Shell.Host.Prompts.ElementAt(1).Message, StringComparison.Ordinal);

        // "Yes to All" answers the rest.
        t.Ps("foreach ($n in 'p', 'q') { $null = Invoke-DockerRun -Detach -Name \"dpshost-$n-$run\" -Label $label $busybox sleep 300 }").ThrowIfFailed();
        t.Shell.Host.Answer("Yes to &All");
        t.Ps("Get-DockerContainer -Label $label | Stop-DockerContainer -Timeout 0 -Confirm").ThrowIfFailed();
        Assert.Equal(4, t.Shell.Host.Prompts.Count);
        Assert.All(await t.ContainersAsync(), c => Assert.Equal("exited", c.State));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Many_containers_are_handled_concurrently_and_each_failure_is_reported_with_its_input(string engine)
    {
        await using var t = new EngineScope(engine);
        // Three running containers (not removable without -Force), started together, and five never started.
        var made = t.Ps("""
            foreach ($i in 1..3) { New-DockerContainer -Name "dpshost-busy$i-$run" -Label $label $busybox sleep 300 }
            foreach ($i in 1..5) { New-DockerContainer -Name "dpshost-idle$i-$run" -Label $label $busybox true }
            Start-DockerContainer "dpshost-busy*-$run"
            """).ThrowIfFailed().All<DockerContainer>();
        var busy = made.Where(c => c.Name.StartsWith("dpshost-busy", StringComparison.Ordinal)).ToList();
        // Inputs as users give them: names, a short id prefix, and a name that matches nothing.
        t.Shell.Set("inputs", new object[]
        {
            $"dpshost-busy1-{t.Run}", busy[1].Id[..12], $"dpshost-busy3-{t.Run}", $"dpshost-missing-{t.Run}",
            $"dpshost-idle1-{t.Run}", $"dpshost-idle2-{t.Run}", $"dpshost-idle3-{t.Run}", $"dpshost-idle4-{t.Run}", $"dpshost-idle5-{t.Run}",
        });
        var r = t.Ps("Remove-DockerContainer $inputs -ThrottleLimit 3");
        Assert.Equal(4, r.Errors.Count);
        Assert.Null(r.Terminating);

        var missing = Assert.Single(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("ContainerNotFound,", StringComparison.Ordinal));
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
        Assert.Equal($"dpshost-missing-{t.Run}", missing.TargetObject);

        var conflicts = r.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("ContainerConflict,", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, conflicts.Count);
        Assert.All(conflicts, e => Assert.Equal(ErrorCategory.InvalidOperation, e.CategoryInfo.Category));
        Assert.Equal(new object[] { $"dpshost-busy1-{t.Run}", $"dpshost-busy3-{t.Run}", busy[1].Id[..12] }.Order(), conflicts.Select(e => e.TargetObject).Order());

        // The others were still done.
        Assert.Equal(busy.Select(c => c.Id).Order(), (await t.ContainersAsync()).Select(c => c.Id).Order());

        // Concurrently: three containers that ignore SIGTERM each hold docker stop for its 2 s timeout.
        var stop = t.Ps("Get-DockerContainer -Label $label | Stop-DockerContainer -Timeout 2 -ThrottleLimit 3").ThrowIfFailed();
        Assert.True(stop.Elapsed < TimeSpan.FromSeconds(5.5), $"Stopping 3 containers with -ThrottleLimit 3 took {stop.Elapsed}: not concurrent (one by one takes 6 s).");
    }
}
