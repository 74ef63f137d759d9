using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Sessions;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>docker run -it, docker exec -it and docker attach through a fake terminal, against both real engines.</summary>
public class SessionTests
{
    private const byte CtrlP = 16;
    private const byte CtrlQ = 17;

    /// <summary>Options for a busybox container named dpsint-STEM-RUN, labelled so the scope finds it whatever happens.</summary>
    private static ContainerCreateOptions Options(SessionScope scope, string stem, bool tty, bool stdin, params string[] command) =>
        new(TestEnvironment.BusyboxImage)
        {
            Name = scope.NewName(stem),
            Command = command.Length == 0 ? new[] { "sh" } : command,
            Labels = new Dictionary<string, string> { [ContainerScope.LabelKey] = scope.Run },
            Tty = tty,
            OpenStdin = stdin,
            StdinOnce = stdin,
        };

    private static Task<SessionResult> WithTimeout(Task<SessionResult> session) => session.WaitAsync(TimeSpan.FromSeconds(60));

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Run_with_a_tty_answers_what_is_typed_and_returns_the_exit_code(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        using var terminal = new FakeTerminal { Size = new TerminalSize(101, 31) };
        var run = InteractiveSession.RunAsync(client, Options(scope, "run-tty", tty: true, stdin: true), new SessionOptions(terminal) { ResizeInterval = TimeSpan.FromMilliseconds(50) }, CancellationToken.None);

        terminal.Type("echo hello-$((6*7))\r");
        await terminal.WaitForOutputAsync("hello-42");
        Assert.True(terminal.InRawMode);
        terminal.Type("stty size\r");
        await terminal.WaitForOutputAsync("31 101");
        // A resize while it runs reaches the container's TTY.
        terminal.Size = new TerminalSize(90, 20);
        await Task.Delay(300);
        terminal.Type("stty size\r");
        await terminal.WaitForOutputAsync("20 90");
        terminal.Type("exit 3\r");

        var result = await WithTimeout(run);
        Assert.False(result.Detached);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(1, terminal.RawModeEntered);
        Assert.False(terminal.InRawMode);
        Assert.Equal(0, terminal.ReadsAfterCancellation);
        Assert.False((await client.Containers.InspectAsync(result.ContainerId)).State.Running);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Ctrl_p_ctrl_q_detaches_from_a_run_and_the_container_keeps_running(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        using var terminal = new FakeTerminal();
        var options = Options(scope, "run-detach", tty: true, stdin: true);
        var run = InteractiveSession.RunAsync(client, options, new SessionOptions(terminal), CancellationToken.None);
        terminal.Type("echo before-$((1+1))\r");
        await terminal.WaitForOutputAsync("before-2");
        terminal.Type(CtrlP);
        await Task.Delay(100);
        terminal.Type(CtrlQ);

        var result = await WithTimeout(run);
        Assert.True(result.Detached);
        Assert.Null(result.ExitCode);
        Assert.False(terminal.InRawMode);
        await Task.Delay(500);
        var state = (await client.Containers.InspectAsync(result.ContainerId)).State;
        Assert.True(state.Running, "the container stopped after the detach");
        Assert.Equal(options.Name, (await client.Containers.InspectAsync(result.ContainerId)).Name.TrimStart('/'));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Custom_detach_keys_replace_ctrl_p_ctrl_q(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        using var terminal = new FakeTerminal();
        var session = new SessionOptions(terminal) { DetachKeys = DetachKeys.Parse("ctrl-x,x") };
        var run = InteractiveSession.RunAsync(client, Options(scope, "run-keys", tty: true, stdin: true, "sh", "-c", "stty -ixon; echo ready; cat"), session, CancellationToken.None);
        await terminal.WaitForOutputAsync("ready");
        // ctrl-p ctrl-q are now ordinary keys: the TTY echoes them as ^P^Q (without flow control, which would take ctrl-q).
        terminal.Type(new byte[] { CtrlP, CtrlQ, (byte)'z', (byte)'\r' });
        await terminal.WaitForOutputAsync("^P^Qz");
        terminal.Type(new byte[] { 24, (byte)'x' });
        var result = await WithTimeout(run);
        Assert.True(result.Detached);
        Assert.True((await client.Containers.InspectAsync(result.ContainerId)).State.Running);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Interactive_run_without_a_tty_pipes_input_and_writes_lines(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        using var terminal = new FakeTerminal();
        var lines = new List<OutputLine>();
        var session = new SessionOptions(terminal) { OnLine = l => { lock (lines) lines.Add(l); } };
        var run = InteractiveSession.RunAsync(client, Options(scope, "run-i", tty: false, stdin: true, "sh", "-c", "while read l; do echo got-$l; echo err-$l >&2; done; exit 4"), session, CancellationToken.None);
        terminal.Type("one\ntwo\n");
        // Ctrl+P Ctrl+Q mean nothing without a TTY, as in docker: they reach the process.
        terminal.Type(new byte[] { CtrlP, CtrlQ, (byte)'\n' });
        terminal.EndInput();

        var result = await WithTimeout(run);
        Assert.Equal(4, result.ExitCode);
        Assert.Equal(new[] { "got-one", "got-two", "got-\u0010\u0011" }, lines.Where(l => l.Stream == StreamKind.Stdout).Select(l => l.Text));
        Assert.Equal(new[] { "err-one", "err-two", "err-\u0010\u0011" }, lines.Where(l => l.Stream == StreamKind.Stderr).Select(l => l.Text));
        Assert.Equal(1, terminal.LineModeEntered);
        Assert.Equal(0, terminal.RawModeEntered);
        Assert.False(terminal.InLineMode);
        Assert.Equal(string.Empty, terminal.OutputText);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_removed_run_reports_its_exit_once_gone(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        using var terminal = new FakeTerminal();
        var options = Options(scope, "run-rm", tty: true, stdin: true);
        options.AutoRemove = true;
        var run = InteractiveSession.RunAsync(client, options, new SessionOptions(terminal), CancellationToken.None);
        terminal.Type("exit 0\r");
        var result = await WithTimeout(run);
        Assert.Equal(0, result.ExitCode);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Containers.InspectAsync(result.ContainerId));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Exec_with_a_tty_follows_the_size_detaches_and_exits(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        var id = await scope.StartedAsync("exec-host");
        using var terminal = new FakeTerminal { Size = new TerminalSize(77, 22) };
        var session = new SessionOptions(terminal) { ResizeInterval = TimeSpan.FromMilliseconds(50) };

        var exec = InteractiveSession.ExecAsync(client, id, new[] { "sh" }, new ExecOptions { Tty = true, WorkingDirectory = "/tmp", Environment = new[] { "WHO=dpsint" } }, attachInput: true, session, CancellationToken.None);
        terminal.Type("echo $WHO-$(pwd)-$((6*7))\r");
        await terminal.WaitForOutputAsync("dpsint-/tmp-42");
        terminal.Type("stty size\r");
        await terminal.WaitForOutputAsync("22 77");
        terminal.Size = new TerminalSize(66, 11);
        await Task.Delay(300);
        terminal.Type("stty size\r");
        await terminal.WaitForOutputAsync("11 66");
        terminal.Type("exit 5\r");
        var result = await WithTimeout(exec);
        Assert.Equal(5, result.ExitCode);
        Assert.False(terminal.InRawMode);

        // A detached exec's shell runs on inside the container.
        using var second = new FakeTerminal();
        var detached = InteractiveSession.ExecAsync(client, id, new[] { "sh", "-c", "echo ready; exec sleep 300" }, new ExecOptions { Tty = true }, attachInput: true, new SessionOptions(second), CancellationToken.None);
        await second.WaitForOutputAsync("ready");
        second.Type(CtrlP, CtrlQ);
        Assert.True((await WithTimeout(detached)).Detached);
        var processes = await client.Containers.GetProcessesAsync(id);
        Assert.Contains(processes, p => p.Command == "sleep 300");
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Exec_without_a_tty_reads_input_to_its_end(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        var id = await scope.StartedAsync("exec-i");
        using var terminal = new FakeTerminal();
        var lines = new List<OutputLine>();
        var session = new SessionOptions(terminal) { OnLine = l => { lock (lines) lines.Add(l); } };
        var exec = InteractiveSession.ExecAsync(client, id, new[] { "sort" }, new ExecOptions(), attachInput: true, session, CancellationToken.None);
        terminal.Type("pear\napple\n");
        terminal.Type("fig\n");
        terminal.EndInput();
        var result = await WithTimeout(exec);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { "apple", "fig", "pear" }, lines.Select(l => l.Text));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Attach_joins_the_main_process_detaches_and_comes_back(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        var options = Options(scope, "attach", tty: true, stdin: true);
        options.StdinOnce = false;
        var id = await client.Containers.CreateAsync(options);
        await client.Containers.StartAsync(id);

        using var terminal = new FakeTerminal { Size = new TerminalSize(88, 33) };
        var attach = InteractiveSession.AttachAsync(client, options.Name!, noStdin: false, new SessionOptions(terminal), CancellationToken.None);
        terminal.Type("echo attached-$((2*3))\r");
        await terminal.WaitForOutputAsync("attached-6");
        terminal.Type("stty size\r");
        await terminal.WaitForOutputAsync("33 88");
        terminal.Type(CtrlP, CtrlQ);
        var first = await WithTimeout(attach);
        Assert.True(first.Detached);
        Assert.Equal(id, first.ContainerId);
        Assert.True((await client.Containers.InspectAsync(id)).State.Running);

        using var again = new FakeTerminal();
        var second = InteractiveSession.AttachAsync(client, id[..12], noStdin: false, new SessionOptions(again), CancellationToken.None);
        again.Type("echo back-$((3*3))\r");
        await again.WaitForOutputAsync("back-9");
        again.Type("exit 7\r");
        var result = await WithTimeout(second);
        Assert.Equal(7, result.ExitCode);
        Assert.False(again.InRawMode);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Attach_without_a_tty_writes_stdout_and_stderr_apart(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        var options = Options(scope, "attach-plain", tty: false, stdin: false, "sh", "-c", "sleep 1; echo out; echo err >&2; exit 2");
        var id = await client.Containers.CreateAsync(options);
        await client.Containers.StartAsync(id);
        using var terminal = new FakeTerminal();
        terminal.Type("never read");
        var result = await WithTimeout(InteractiveSession.AttachAsync(client, id, noStdin: false, new SessionOptions(terminal), CancellationToken.None));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("out\n", terminal.OutputText);
        Assert.Equal("err\n", terminal.ErrorText);
        Assert.Equal(0, terminal.LineModeEntered + terminal.RawModeEntered);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Attach_refuses_a_stopped_container_as_docker_does(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        var id = await client.Containers.CreateAsync(Options(scope, "attach-stopped", tty: true, stdin: true));
        using var terminal = new FakeTerminal();
        var ex = await Assert.ThrowsAsync<DockerException>(() => WithTimeout(InteractiveSession.AttachAsync(client, id, noStdin: false, new SessionOptions(terminal), CancellationToken.None)));
        Assert.Equal("ContainerNotRunning", ex.ErrorId);
        Assert.Equal(DockerErrorCategory.InvalidOperation, ex.Category);
        Assert.Contains("start it first", ex.Message);
        Assert.Equal(0, terminal.RawModeEntered);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Redirected_input_is_refused_for_a_tty_before_anything_is_created(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        using var terminal = new FakeTerminal { IsInputTerminal = false };
        var ex = await Assert.ThrowsAsync<DockerException>(() => InteractiveSession.RunAsync(client, Options(scope, "not-tty", tty: true, stdin: true), new SessionOptions(terminal), CancellationToken.None));
        Assert.Equal("InputNotATerminal", ex.ErrorId);
        Assert.StartsWith("The input device is not a TTY", ex.Message);
        Assert.Empty(await scope.ListAsync());

        var host = await scope.StartedAsync("not-tty-exec");
        ex = await Assert.ThrowsAsync<DockerException>(() => InteractiveSession.ExecAsync(client, host, new[] { "sh" }, new ExecOptions { Tty = true }, attachInput: true, new SessionOptions(terminal), CancellationToken.None));
        Assert.Equal("InputNotATerminal", ex.ErrorId);

        // Without a TTY redirected input is what -Interactive pipes in.
        var lines = new List<string>();
        terminal.Type("piped\n");
        terminal.EndInput();
        var result = await WithTimeout(InteractiveSession.ExecAsync(client, host, new[] { "cat" }, new ExecOptions(), attachInput: true, new SessionOptions(terminal) { OnLine = l => lines.Add(l.Text) }, CancellationToken.None));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { "piped" }, lines);
        Assert.Equal(0, terminal.LineModeEntered);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Cancelling_a_session_ends_it_at_once_and_restores_the_terminal(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new SessionScope(client);
        using var terminal = new FakeTerminal();
        using var cts = new CancellationTokenSource();
        var run = InteractiveSession.RunAsync(client, Options(scope, "cancel", tty: true, stdin: true), new SessionOptions(terminal), cts.Token);
        terminal.Type("echo up\r");
        await terminal.WaitForOutputAsync("up");
        var sw = Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WithTimeout(run));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"took {sw.Elapsed}");
        Assert.False(terminal.InRawMode);
        terminal.Type("z");
        Assert.Equal(1, terminal.Read(new byte[4], 0, 4, CancellationToken.None));
    }
}

/// <summary>Names test containers dpsint-STEM-RUN and removes every container labelled with its run at the end.</summary>
public sealed class SessionScope : IAsyncDisposable
{
    private readonly ContainerScope _inner;

    public SessionScope(DockerClient client) => _inner = new ContainerScope(client);

    public DockerClient Client => _inner.Client;

    public string Run => _inner.Run;

    public string NewName(string stem) => $"dpsint-{stem}-{Run}";

    public async Task<string> StartedAsync(string stem)
    {
        var id = await Client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage)
        {
            Name = NewName(stem),
            Command = new[] { "sleep", "300" },
            Labels = new Dictionary<string, string> { [ContainerScope.LabelKey] = Run },
        });
        await Client.Containers.StartAsync(id);
        return id;
    }

    public async Task<IReadOnlyList<Model.DockerContainer>> ListAsync()
    {
        var options = new ContainerListOptions { All = true };
        options.Filters.Add("label", _inner.Label);
        return await Client.Containers.ListAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in await ListAsync()) _inner.Track(c.Id);
        await _inner.DisposeAsync();
    }
}
