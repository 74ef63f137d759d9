using System;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Containers;

/// <summary>SEEDS.md sections 1-4: create, start, stop, restart, pause, rename, update, wait and remove, as cmdlets.</summary>
public sealed class LifecycleTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_container_goes_through_its_whole_life_by_name_and_short_id(string engine)
    {
        await using var t = new EngineScope(engine);
        var name = t.Name("life");
        var created = t.Ps("New-DockerContainer -Name $name -Label $label $busybox sleep 300", ("name", name)).One<DockerContainer>();
        Assert.Equal(name, created.Name);
        Assert.Equal("created", created.State);
        Assert.Equal("created", Assert.Single(await t.ContainersAsync()).State);
        // docker ps shows running containers only; -All (docker ps -a) shows it with STATUS Created.
        Assert.Empty(t.Ps("Get-DockerContainer -Label $label").ThrowIfFailed().Output);
        Assert.Equal("Created", t.Ps("Get-DockerContainer -All -Label $label").One<DockerContainer>().Status);

        Assert.Empty(t.Ps("Start-DockerContainer $name").ThrowIfFailed().Output);
        Assert.Equal("running", (await t.Client.Containers.InspectAsync(created.Id)).State.Status);

        var shortId = created.Id[..7];
        Assert.Equal("paused", t.Ps("Suspend-DockerContainer $id -PassThru", ("id", shortId)).One<DockerContainer>().State);
        Assert.Equal("running", t.Ps("Resume-DockerContainer $id -PassThru", ("id", shortId)).One<DockerContainer>().State);

        var before = await t.Client.Containers.InspectAsync(created.Id);
        var stopped = t.Ps("Stop-DockerContainer $name -Timeout 0 -PassThru").One<DockerContainer>();
        Assert.Equal("exited", stopped.State);
        // docker restart e2af613: an exited container, named by a short id prefix.
        var restarted = t.Ps("Restart-DockerContainer $id -PassThru", ("id", shortId)).One<DockerContainer>();
        Assert.Equal(created.Id, restarted.Id);
        Assert.Equal("running", restarted.State);
        Assert.True((await t.Client.Containers.InspectAsync(created.Id)).State.StartedAt > before.State.StartedAt);

        var renamed = t.Ps("Rename-DockerContainer $name \"$name-new\" -PassThru").One<DockerContainer>();
        Assert.Equal(name + "-new", renamed.Name);

        // A running container is not removed without -Force; the error names it.
        var refused = t.Ps("Remove-DockerContainer \"$name-new\"");
        var error = Assert.Single(refused.Errors);
        Assert.Equal("ContainerConflict,DockerPS.Commands.RemoveDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(name + "-new", error.TargetObject);
        Assert.Single(await t.ContainersAsync());

        Assert.Empty(t.Ps("Remove-DockerContainer \"$name-new\" -Force").ThrowIfFailed().Output);
        Assert.Empty(await t.ContainersAsync());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Limits_and_the_restart_policy_are_visible_in_Inspect_and_Update_changes_them(string engine)
    {
        await using var t = new EngineScope(engine);
        var details = t.Ps("""
            $null = New-DockerContainer -Name $name -Label $label -Memory 64m -Cpus 1.5 -CpuShares 512 -RestartPolicy on-failure:3 $busybox sleep 300
            Get-DockerContainer $name -Inspect
            """, ("name", t.Name("limits"))).One<DockerContainerDetails>();
        Assert.Equal(64L * 1024 * 1024, details.HostConfig.Memory);
        Assert.Equal(1_500_000_000L, details.HostConfig.NanoCpus);
        Assert.Equal(1.5, details.HostConfig.Cpus);
        Assert.Equal(512, details.HostConfig.CpuShares);
        Assert.Equal("on-failure:3", details.HostConfig.RestartPolicy);

        var updated = t.Ps("""
            Start-DockerContainer $name
            Update-DockerContainer $name -Memory 128MB -MemorySwap 256m -Cpus 0.5 -RestartPolicy unless-stopped -PassThru | Get-DockerContainer -Inspect
            """).One<DockerContainerDetails>();
        Assert.Equal(128L * 1024 * 1024, updated.HostConfig.Memory);
        Assert.Equal(256L * 1024 * 1024, updated.HostConfig.MemorySwap);
        Assert.Equal(500_000_000L, updated.HostConfig.NanoCpus);
        Assert.Equal("unless-stopped", updated.HostConfig.RestartPolicy);
        Assert.True(updated.State.Running);

        var nothing = t.Ps("Update-DockerContainer $name");
        Assert.Equal("NothingToUpdate", Assert.Single(nothing.ErrorIds));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Wait_DockerContainer_writes_each_exit_code(string engine)
    {
        await using var t = new EngineScope(engine);
        var exits = t.Ps("""
            $a = Invoke-DockerRun -Detach -Name "dpshost-wait-a-$run" -Label $label $busybox -- sh -c 'sleep 1; exit 7'
            $b = Invoke-DockerRun -Detach -Name "dpshost-wait-b-$run" -Label $label $busybox true
            $a, $b | Wait-DockerContainer
            """).ThrowIfFailed().All<DockerContainerExit>();
        Assert.Equal(2, exits.Count);
        Assert.Equal(7, exits.Single(e => e.Name == $"dpshost-wait-a-{t.Run}").ExitCode);
        Assert.Equal(0, exits.Single(e => e.Name == $"dpshost-wait-b-{t.Run}").ExitCode);

        // -Condition Removed returns when an -Remove container is gone.
        var removed = t.Ps("""
            $c = Invoke-DockerRun -Detach -Remove -Name "dpshost-wait-rm-$run" -Label $label $busybox -- sh -c 'sleep 1; exit 3'
            $c | Wait-DockerContainer -Condition Removed
            """).One<DockerContainerExit>();
        Assert.Equal(3, removed.ExitCode);
        Assert.DoesNotContain(await t.ContainersAsync(), c => c.Name == $"dpshost-wait-rm-{t.Run}");
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Stop_with_Kill_and_Signal_ends_containers_as_docker_kill_does(string engine)
    {
        await using var t = new EngineScope(engine);
        var exits = t.Ps("""
            $k = Invoke-DockerRun -Detach -Name "dpshost-kill-$run" -Label $label $busybox sleep 300
            $s = Invoke-DockerRun -Detach -Name "dpshost-signal-$run" -Label $label $busybox -- sh -c 'trap "exit 42" TERM; echo ready; while :; do sleep 0.1; done'
            Wait-DpsLine $s.Name ready
            Stop-DockerContainer $k.Name -Kill
            Stop-DockerContainer $s.Name -Signal TERM
            $k, $s | Wait-DockerContainer
            """).ThrowIfFailed().All<DockerContainerExit>();
        Assert.Equal(137, exits.Single(e => e.Name.StartsWith("dpshost-kill-", StringComparison.Ordinal)).ExitCode);
        Assert.Equal(42, exits.Single(e => e.Name.StartsWith("dpshost-signal-", StringComparison.Ordinal)).ExitCode);
        Assert.All(await t.ContainersAsync(), c => Assert.Equal("exited", c.State));
    }
}
