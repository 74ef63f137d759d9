using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>docker logs and docker exec against both real engines.</summary>
public class LogsExecTests
{
    private static async Task<string> FinishedAsync(ContainerScope scope, string stem, string script, bool tty = false)
    {
        var id = await scope.CreateAsync(stem, new[] { "sh", "-c", script }, tty: tty);
        await scope.Client.Containers.StartAsync(id);
        await scope.Client.Containers.WaitAsync(id);
        return id;
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Logs_keep_stdout_and_stderr_apart_with_timestamps_and_tail(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await FinishedAsync(scope, "logs", "for i in 1 2 3 4 5; do echo out$i; done; echo err1 >&2");

        var all = new List<DockerLogLine>();
        await client.Containers.ReadLogsAsync(scope.NewName("logs"), new LogOptions { Timestamps = true }, all.Add);
        Assert.Equal(new[] { "out1", "out2", "out3", "out4", "out5" }, all.Where(l => l.Stream == StreamKind.Stdout).Select(l => l.Text));
        Assert.Equal("err1", Assert.Single(all, l => l.Stream == StreamKind.Stderr).Text);
        Assert.All(all, l => Assert.InRange(l.Timestamp!.Value, DateTime.Now.AddMinutes(-5), DateTime.Now.AddMinutes(1)));
        Assert.All(all, l => Assert.Equal(scope.NewName("logs"), l.Container));

        // The order between stdout and stderr is not kept by the engine (it reads both pipes at once), and engines differ
        // on whether the tail counts before or after the stream filter: the tail is checked on one stream.
        var single = await FinishedAsync(scope, "tail", "for i in 1 2 3 4 5; do echo line$i; done");
        var tail = new List<DockerLogLine>();
        await client.Containers.ReadLogsAsync(single, new LogOptions { Tail = 2 }, tail.Add);
        Assert.Equal(new[] { "line4", "line5" }, tail.Select(l => l.Text));
        Assert.All(tail, l => Assert.Null(l.Timestamp));

        var none = new List<DockerLogLine>();
        await client.Containers.ReadLogsAsync(single, new LogOptions { Since = DateTime.Now.AddHours(1) }, none.Add);
        Assert.Empty(none);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Logs_of_a_tty_container_are_one_raw_stream(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await FinishedAsync(scope, "ttylogs", "echo out; echo err >&2", tty: true);
        var lines = new List<DockerLogLine>();
        await client.Containers.ReadLogsAsync(id, new LogOptions(), lines.Add);
        Assert.Equal(new[] { "out", "err" }, lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal(StreamKind.Stdout, l.Stream));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Following_logs_sees_new_lines_and_ends_at_once_when_cancelled(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("follow", new[] { "sh", "-c", "i=0; while true; do i=$((i+1)); echo tick$i; sleep 0.2; done" });
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();
        var follow = client.Containers.ReadLogsAsync(id, new LogOptions { Follow = true }, l =>
        {
            lock (seen) seen.Add(l.Text);
            if (seen.Count == 3) cts.Cancel();
        }, cts.Token);
        var sw = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { "tick1", "tick2", "tick3" }, seen.Take(3));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Following_logs_ends_by_itself_when_the_container_stops(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("followend", new[] { "sh", "-c", "echo a; sleep 1; echo b" });
        var lines = new List<string>();
        await client.Containers.ReadLogsAsync(id, new LogOptions { Follow = true }, l => lines.Add(l.Text));
        Assert.Equal(new[] { "a", "b" }, lines);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Exec_with_user_directory_and_environment(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("exec-opts");
        var lines = new List<OutputLine>();
        var code = await ExecRunner.RunAsync(client, id, new[] { "sh", "-c", "id -un; pwd; echo $GREETING; echo warn >&2; exit 4" },
            new ExecOptions { User = "nobody", WorkingDirectory = "/tmp", Environment = new[] { "GREETING=hello there" } }, lines.Add, CancellationToken.None);
        Assert.Equal(4, code);
        Assert.Equal(new[] { "nobody", "/tmp", "hello there" }, lines.Where(l => l.Stream == StreamKind.Stdout).Select(l => l.Text));
        Assert.Equal("warn", Assert.Single(lines, l => l.Stream == StreamKind.Stderr).Text);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Detached_exec_runs_on_and_a_stopped_container_refuses_exec(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("exec-d");
        await ExecRunner.StartDetachedAsync(client, id, new[] { "sh", "-c", "sleep 0.3; touch /tmp/done" }, new ExecOptions(), CancellationToken.None);
        long code = -1;
        for (var i = 0; i < 50 && code != 0; i++)
        {
            await Task.Delay(100);
            code = await ExecRunner.RunAsync(client, id, new[] { "test", "-f", "/tmp/done" }, new ExecOptions(), _ => { }, CancellationToken.None);
        }
        Assert.Equal(0, code);

        await client.Containers.StopAsync(id, 1);
        var ex = await Assert.ThrowsAnyAsync<DockerApiException>(() => ExecRunner.RunAsync(client, id, new[] { "true" }, new ExecOptions(), _ => { }, CancellationToken.None));
        Assert.Contains("not running", ex.Message);
        await Assert.ThrowsAsync<DockerArgumentException>(() => ExecRunner.RunAsync(client, id, Array.Empty<string>(), new ExecOptions(), _ => { }, CancellationToken.None));
    }
}

/// <summary>docker stats against both real engines.</summary>
public class StatsIntegrationTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Stats_sample_a_busy_container_within_its_limit(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage)
        {
            Command = new[] { "sh", "-c", "while true; do :; done" },
            Memory = 64 * 1024 * 1024,
            Labels = new Dictionary<string, string> { [ContainerScope.LabelKey] = scope.Run },
        });
        scope.Track(id);
        await client.Containers.StartAsync(id);

        var one = new List<DockerContainerStats>();
        await client.Containers.ReadStatsAsync(id, stream: false, one.Add);
        var s = Assert.Single(one);
        Assert.Equal(id, s.Id);
        Assert.Equal(64 * 1024 * 1024, s.MemoryLimit);
        Assert.InRange(s.MemoryPercent, 0.0001, 100);
        Assert.True(s.Pids >= 1);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var samples = new List<DockerContainerStats>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Containers.ReadStatsAsync(id, stream: true, x =>
        {
            samples.Add(x);
            if (samples.Count == 3) cts.Cancel();
        }, cts.Token));
        Assert.Equal(3, samples.Count);
        Assert.True(samples[2].CpuPercent > 10, $"a busy loop uses CPU: {samples[2].CpuPercent}");
    }
}
