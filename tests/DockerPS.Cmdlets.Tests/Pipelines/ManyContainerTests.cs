using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Pipelines;

/// <summary>Issue 3's safety rails over many containers: ambiguity, -WhatIf, -Confirm, -ThrottleLimit and per-container failures.</summary>
public sealed class ManyContainerTests
{
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

        // Concurrently: three containers that ignore SIGTERM (sleep as PID 1) each hold docker stop for its 2 s timeout,
        // so one at a time they would end at least 2 s apart (4 s from first to last); together, within moments.
        // The engine's own FinishedAt times tell, whatever the load on the machine.
        t.Ps("Get-DockerContainer -Label $label | Stop-DockerContainer -Timeout 2 -ThrottleLimit 3").ThrowIfFailed();
        var finished = new System.Collections.Generic.List<DateTime>();
        foreach (var c in busy) finished.Add((await t.Client.Containers.InspectAsync(c.Id)).State.FinishedAt!.Value);
        var spread = finished.Max() - finished.Min();
        Assert.True(spread < TimeSpan.FromSeconds(3), $"The three containers stopped {spread} apart from first to last: not concurrently (one at a time takes at least 4 s).");
    }
}
