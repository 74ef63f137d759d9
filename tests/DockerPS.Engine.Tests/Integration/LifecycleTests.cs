using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>The container lifecycle calls against both real engines.</summary>
public class LifecycleTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Create_with_limits_ports_env_and_policy_shows_in_inspect(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var options = new ContainerCreateOptions(TestEnvironment.BusyboxImage)
        {
            Name = scope.NewName("limits"),
            Command = new[] { "sleep", "300" },
            Labels = new Dictionary<string, string> { [ContainerScope.LabelKey] = scope.Run },
            Environment = new[] { "A=1", "B=two words" },
            Hostname = "svnbox",
            WorkingDirectory = "/tmp",
            User = "nobody",
            Memory = 64 * 1024 * 1024,
            NanoCpus = 1_500_000_000,
            CpuShares = 512,
            RestartPolicy = "on-failure",
            RestartMaximumRetryCount = 3,
            ExposedPorts = new[] { "80/tcp", "3690/tcp" },
            PortBindings = PortPublication.ToPortBindings(new[] { PortPublication.Parse("127.0.0.1::80") }),
        };
        var id = await client.Containers.CreateAsync(options);
        scope.Track(id);
        await client.Containers.StartAsync(id);
        var d = await client.Containers.InspectAsync(scope.NewName("limits"));
        Assert.Equal(id, d.Id);
        Assert.Equal(scope.NewName("limits"), d.Name);
        Assert.True(d.State.Running);
        Assert.True(d.State.Pid > 0);
        Assert.NotNull(d.State.StartedAt);
        Assert.Equal(64 * 1024 * 1024, d.HostConfig.Memory);
        Assert.Equal(1.5, d.HostConfig.Cpus);
        Assert.Equal(512, d.HostConfig.CpuShares);
        Assert.Equal("on-failure:3", d.HostConfig.RestartPolicy);
        Assert.Equal("svnbox", d.Config.Hostname);
        Assert.Equal("/tmp", d.Config.WorkingDirectory);
        Assert.Equal("nobody", d.Config.User);
        Assert.Contains("B=two words", d.Config.Environment);
        Assert.Equal(new[] { "3690/tcp", "80/tcp" }, d.Config.ExposedPorts);
        var published = Assert.Single(d.Ports, p => p.IsPublished);
        Assert.Equal(80, published.PrivatePort);
        Assert.Equal("127.0.0.1", published.HostIp);
        Assert.InRange(published.PublicPort!.Value, 1, 65535); // a random host port
        Assert.Contains(d.Ports, p => p.PrivatePort == 3690 && !p.IsPublished);

        // The list shows the same binding.
        var listed = (await client.Containers.ListAsync(new ContainerListOptions { All = true })).Single(c => c.Id == id);
        Assert.Contains(listed.Ports, p => p.PublicPort == published.PublicPort);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Diff_shows_added_changed_and_deleted_paths(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("diff", new[] { "sh", "-c", "echo hi > /tmp/new.txt && rm /bin/yes && echo x >> /etc/passwd && sleep 300" });
        IReadOnlyList<DockerContainerChange> changes = Array.Empty<DockerContainerChange>();
        for (var i = 0; i < 50 && !changes.Any(c => c.Path == "/tmp/new.txt"); i++)
        {
            await Task.Delay(100);
            changes = await client.Containers.GetChangesAsync(id);
        }
        Assert.Contains(changes, c => c.Path == "/tmp/new.txt" && c.Kind == DockerChangeKind.Added && c.ToString() == "A /tmp/new.txt");
        Assert.Contains(changes, c => c.Path == "/bin/yes" && c.Kind == DockerChangeKind.Deleted);
        Assert.Contains(changes, c => c.Path == "/etc/passwd" && c.Kind == DockerChangeKind.Modified && c.Symbol == "C");
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Top_lists_the_processes(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("top");
        var processes = await client.Containers.GetProcessesAsync(id);
        var sleep = Assert.Single(processes);
        Assert.Equal("sleep 300", sleep.Command);
        Assert.False(string.IsNullOrEmpty(sleep.Pid));
        Assert.Contains("UID", sleep.Columns.Keys);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Pause_unpause_kill_restart_and_rename(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("states");

        await client.Containers.PauseAsync(id);
        Assert.True(await StateWithinAsync(client, id, s => s.Paused));
        var conflict = await Assert.ThrowsAsync<DockerConflictException>(() => client.Containers.PauseAsync(id));
        Assert.Contains("paused", conflict.Message, StringComparison.OrdinalIgnoreCase);
        await client.Containers.UnpauseAsync(id);
        Assert.True(await StateWithinAsync(client, id, s => !s.Paused), "still paused 5 s after unpause");

        // PID 1 ignores signals it has no handler for (TERM included), so KILL is what proves kill works.
        await client.Containers.KillAsync(id, "KILL");
        Assert.Equal(137, await client.Containers.WaitAsync(id)); // 128 + 9
        await client.Containers.RestartAsync(id, 1);
        Assert.True((await client.Containers.InspectAsync(id)).State.Running);

        await client.Containers.RenameAsync(id, scope.NewName("renamed"));
        Assert.Equal(scope.NewName("renamed"), (await client.Containers.InspectAsync(id)).Name);
        await client.Containers.StopAsync(id, 1);
        Assert.Equal("exited", (await client.Containers.InspectAsync(id)).State.Status);
    }

    /// <summary>
    /// True once inspect shows the state (within 5 s). Engine 28 with containerd 2 records pause and unpause a moment
    /// after the call returns, so an immediate inspect can still show the old state.
    /// </summary>
    private static async Task<bool> StateWithinAsync(DockerClient client, string id, Func<DockerContainerState, bool> holds)
    {
        for (var i = 0; i < 50; i++)
        {
            if (holds((await client.Containers.InspectAsync(id)).State)) return true;
            await Task.Delay(100);
        }
        return false;
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Update_changes_limits_and_policy_of_a_running_container(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("update");
        await client.Containers.UpdateAsync(id, new ContainerUpdateOptions { Memory = 128 * 1024 * 1024, MemorySwap = 256 * 1024 * 1024, NanoCpus = 500_000_000, RestartPolicy = "unless-stopped" });
        var d = await client.Containers.InspectAsync(id);
        Assert.Equal(128 * 1024 * 1024, d.HostConfig.Memory);
        Assert.Equal(0.5, d.HostConfig.Cpus);
        Assert.Equal("unless-stopped", d.HostConfig.RestartPolicy);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Wait_for_removal_of_an_auto_removed_container(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var id = await client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage) { Command = new[] { "sh", "-c", "exit 5" }, AutoRemove = true });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var removed = client.Containers.WaitAsync(id, WaitCondition.Removed, cts.Token);
        await client.Containers.StartAsync(id);
        Assert.Equal(5, await removed);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Containers.InspectAsync(id));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Wait_next_exit_waits_for_the_next_stop_not_the_last(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.CreateAsync("next", new[] { "sh", "-c", "exit 2" });
        await client.Containers.StartAsync(id);
        Assert.Equal(2, await client.Containers.WaitAsync(id));
        var next = client.Containers.WaitAsync(id, WaitCondition.NextExit);
        await Task.Delay(200);
        Assert.False(next.IsCompleted);
        await client.Containers.StartAsync(id);
        Assert.Equal(2, await next);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Network_modes_host_and_none(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var hostId = await client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage) { Command = new[] { "sleep", "300" }, NetworkMode = "host", Labels = new Dictionary<string, string> { [ContainerScope.LabelKey] = scope.Run } });
        scope.Track(hostId);
        await client.Containers.StartAsync(hostId);
        var host = await client.Containers.InspectAsync(hostId);
        Assert.Equal("host", host.HostConfig.NetworkMode);
        Assert.Equal("host", Assert.Single(host.Networks).Network);
        // In host mode the container sees the host's interfaces, the docker bridge among them.
        var (o, _, _) = await EngineClientTests.ExecAsync(client, hostId, new[] { "ls", "/sys/class/net" }, null);
        Assert.Contains("docker0", o);
    }
}
