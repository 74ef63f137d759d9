using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>docker run, attached and detached, against both real engines.</summary>
public class RunTests
{
    private static ContainerCreateOptions Options(ContainerScope scope, string stem, params string[] command) => new(TestEnvironment.BusyboxImage)
    {
        Name = scope.NewName(stem),
        Command = command,
        Labels = new Dictionary<string, string> { [ContainerScope.LabelKey] = scope.Run },
    };

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Attached_run_streams_stdout_and_stderr_apart_and_returns_the_exit_code(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var lines = new List<OutputLine>();
        var (id, code) = await ContainerRunner.RunAttachedAsync(client, Options(scope, "run", "sh", "-c", "echo one; echo oops >&2; printf 'two\\nlast'; exit 3"), lines.Add, CancellationToken.None);
        scope.Track(id);
        Assert.Equal(3, code);
        Assert.Equal(new[] { "one", "two", "last" }, lines.Where(l => l.Stream == StreamKind.Stdout).Select(l => l.Text));
        Assert.Equal("oops", Assert.Single(lines, l => l.Stream == StreamKind.Stderr).Text);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Attached_run_with_a_tty_reads_one_raw_stream(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var o = Options(scope, "tty", "sh", "-c", "echo out; echo err >&2");
        o.Tty = true;
        var lines = new List<OutputLine>();
        var (id, code) = await ContainerRunner.RunAttachedAsync(client, o, lines.Add, CancellationToken.None);
        scope.Track(id);
        Assert.Equal(0, code);
        Assert.Equal(new[] { "out", "err" }, lines.Select(l => l.Text));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Run_with_remove_is_gone_afterwards_even_when_it_exits_at_once(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        for (var i = 0; i < 3; i++)
        {
            var o = Options(scope, "rm" + i, "true");
            o.AutoRemove = true;
            var (id, code) = await ContainerRunner.RunAttachedAsync(client, o, _ => { }, CancellationToken.None);
            Assert.Equal(0, code);
            await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Containers.InspectAsync(id));
        }
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_run_that_cannot_start_leaves_no_container(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        // The command does not exist in the image: create succeeds, start fails.
        var o = Options(scope, "nostart", "/no/such/program");
        await Assert.ThrowsAnyAsync<DockerApiException>(() => ContainerRunner.RunAttachedAsync(client, o, _ => { }, CancellationToken.None));
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Containers.InspectAsync(scope.NewName("nostart")));

        var d = Options(scope, "nostart-d", "/no/such/program");
        await Assert.ThrowsAnyAsync<DockerApiException>(() => ContainerRunner.RunDetachedAsync(client, d, CancellationToken.None));
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Containers.InspectAsync(scope.NewName("nostart-d")));

        // A host port already taken: the engine refuses at start; nothing stays behind either.
        var first = Options(scope, "port-a", "sleep", "300");
        var port = 20000 + Random.Shared.Next(0, 20000);
        first.ExposedPorts = new[] { "80/tcp" };
        first.PortBindings = PortPublication.ToPortBindings(new[] { PortPublication.Parse($"127.0.0.1:{port}:80") });
        scope.Track(await ContainerRunner.RunDetachedAsync(client, first, CancellationToken.None));
        var second = Options(scope, "port-b", "sleep", "300");
        second.ExposedPorts = first.ExposedPorts;
        second.PortBindings = first.PortBindings;
        var busy = await Assert.ThrowsAnyAsync<DockerApiException>(() => ContainerRunner.RunDetachedAsync(client, second, CancellationToken.None));
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), busy.Message);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Containers.InspectAsync(scope.NewName("port-b")));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Cancelling_an_attached_run_ends_it_at_once(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        using var cts = new CancellationTokenSource();
        var lines = new List<string>();
        var run = ContainerRunner.RunAttachedAsync(client, Options(scope, "cancel", "sh", "-c", "echo started; sleep 300"), l => { lines.Add(l.Text); cts.Cancel(); }, cts.Token);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal("started", Assert.Single(lines));
        scope.Track(scope.NewName("cancel"));
    }
}
