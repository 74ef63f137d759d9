using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Tests.Support;
using DockerPS.Pty.Tests.Support;

namespace DockerPS.Pty.Tests;

/// <summary>
/// Invoke-DockerRun -Interactive -Tty, Enter-DockerContainer and Invoke-DockerExec -Interactive -Tty as a person uses
/// them: typed into a pseudo-terminal, read back from it, detached with Ctrl+P Ctrl+Q, against both engines.
/// </summary>
public class ConsoleSessionTests
{
    private const byte CtrlC = 3;
    private const byte CtrlD = 4;
    private const byte CtrlP = 16;
    private const byte CtrlQ = 17;

    /// <summary>The first PowerShell arguments of every command: the engine and a label the test cleans up by.</summary>
    private static string Target(string engine) => $"-DockerHost '{TestEnvironment.Engine(engine).Host}'";

    [PtyEngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Run_it_answers_what_is_typed_follows_the_window_and_reports_the_exit_code(string engine)
    {
        await using var scope = new Scope(engine);
        var name = scope.Name("run");
        using var pty = PtySession.OnTerminal($"Invoke-DockerRun {Target(engine)} -Interactive -Tty -Name {name} -Label {scope.Label} busybox sh");

        var at = await pty.WaitForAsync("/ # ");
        pty.Type("echo hello-$((6*7))\r");
        at = await pty.WaitForAsync("hello-42", at);
        pty.Type("stty size\r");
        at = await pty.WaitForAsync("31 101", at);

        await pty.ResizeAsync(90, 20);
        await Task.Delay(800);
        pty.Type("stty size\r");
        at = await pty.WaitForAsync("20 90", at);

        // Raw mode: Ctrl+C is a key for the container, interrupting its sleep; PowerShell is not stopped.
        pty.Type("sleep 30; echo slept\r");
        await Task.Delay(1000);
        pty.Type(CtrlC);
        pty.Type("echo after-$((1+1))\r");
        at = await pty.WaitForAsync("after-2", at, TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("slept\r\n", pty.Screen.Substring(at - 10), StringComparison.Ordinal);

        pty.Type("exit 3\r");
        var (lastExitCode, restored) = await pty.EndAsync();
        Assert.Equal("3", lastExitCode);
        Assert.True(restored, "the terminal's settings were not restored");
        var error = Assert.Single(pty.Lines("ERR"));
        Assert.StartsWith("ContainerExitedWithError,DockerPS.Commands.InvokeDockerRunCommand [InvalidResult] exit=3", error);
        Assert.DoesNotContain("PTYHOST-CTRL-C", pty.Screen);
        Assert.False((await scope.Client.Containers.InspectAsync(name)).State.Running);
    }

    [PtyEngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Ctrl_p_ctrl_q_leaves_a_run_running_and_attach_comes_back_to_it(string engine)
    {
        await using var scope = new Scope(engine);
        var name = scope.Name("detach");
        using (var pty = PtySession.OnTerminal($"Invoke-DockerRun {Target(engine)} -Interactive -Tty -Name {name} -Label {scope.Label} busybox sh"))
        {
            var at = await pty.WaitForAsync("/ # ");
            pty.Type("export MARK=kept-$((20+1))\r");
            pty.Type(CtrlP);
            await Task.Delay(200);
            pty.Type(CtrlQ);
            var (lastExitCode, restored) = await pty.EndAsync();
            Assert.Equal("none", lastExitCode);
            Assert.True(restored, "the terminal's settings were not restored");
            Assert.Equal($"read escape sequence: detached from the container '{name}', which keeps running.", Assert.Single(pty.Lines("WARN")));
            Assert.Empty(pty.Lines("ERR"));
        }
        await Task.Delay(500);
        Assert.True((await scope.Client.Containers.InspectAsync(name)).State.Running, "the container stopped after the detach");

        using (var pty = PtySession.OnTerminal($"Get-DockerContainer {Target(engine)} -Name {name} | Enter-DockerContainer {Target(engine)} -Attach", columns: 72, rows: 19))
        {
            await pty.WaitForAsync("PTYHOST-READY");
            await Task.Delay(1000);
            pty.Type("echo $MARK; stty size\r");
            await pty.WaitForAsync("kept-21");
            await pty.WaitForAsync("19 72");
            pty.Type("exit 0\r");
            var (lastExitCode, restored) = await pty.EndAsync();
            Assert.Equal("0", lastExitCode);
            Assert.True(restored);
            Assert.Empty(pty.Lines("ERR"));
        }
    }

    [PtyEngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Enter_opens_a_shell_that_a_detach_leaves_running_and_exit_ends(string engine)
    {
        await using var scope = new Scope(engine);
        var name = await scope.StartedAsync("enter");
        using (var pty = PtySession.OnTerminal($"Enter-DockerContainer {Target(engine)} {name} -User nobody -WorkingDirectory /tmp -Environment @{{ GREETING = 'hi' }}"))
        {
            var at = await pty.WaitForAsync("$ ");
            pty.Type("echo $GREETING-$(id -un)-$(pwd)-$((6*7)); stty size\r");
            at = await pty.WaitForAsync("hi-nobody-/tmp-42", at);
            at = await pty.WaitForAsync("31 101", at);
            pty.Type(CtrlP, CtrlQ);
            var (lastExitCode, restored) = await pty.EndAsync();
            Assert.Equal("none", lastExitCode);
            Assert.True(restored);
            Assert.Equal($"read escape sequence: detached from '/bin/sh' in the container '{name}', which keeps running.", Assert.Single(pty.Lines("WARN")));
        }
        var processes = await scope.Client.Containers.GetProcessesAsync(name);
        Assert.Contains(processes, p => p.Command == "/bin/sh");

        using (var pty = PtySession.OnTerminal($"Enter-DockerContainer {Target(engine)} {name} -Shell sh, -c, 'read x; echo got-$x; exit 5'"))
        {
            await pty.WaitForAsync("PTYHOST-READY");
            await Task.Delay(1000);
            pty.Type("abc\r");
            await pty.WaitForAsync("got-abc");
            var (lastExitCode, restored) = await pty.EndAsync();
            Assert.Equal("5", lastExitCode);
            Assert.True(restored);
            Assert.StartsWith("ContainerExitedWithError,DockerPS.Commands.EnterDockerContainerCommand [InvalidResult] exit=5", Assert.Single(pty.Lines("ERR")));
        }
    }

    [PtyEngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Exec_it_hands_the_console_to_the_command(string engine)
    {
        await using var scope = new Scope(engine);
        var name = await scope.StartedAsync("exec");
        using var pty = PtySession.OnTerminal($"Invoke-DockerExec {Target(engine)} -Interactive -Tty {name} -- sh -c 'read x; stty size; echo got-$x; exit 4'", columns: 120, rows: 40);
        await pty.WaitForAsync("PTYHOST-READY");
        await Task.Delay(1500);
        // Typed before the size is asked: engines before API 1.42 learn it by a resize just after the start.
        pty.Type("xyz\r");
        await pty.WaitForAsync("40 120");
        await pty.WaitForAsync("got-xyz");
        var (lastExitCode, restored) = await pty.EndAsync();
        Assert.Equal("4", lastExitCode);
        Assert.True(restored);
        Assert.StartsWith("ContainerExitedWithError,DockerPS.Commands.InvokeDockerExecCommand [InvalidResult] exit=4", Assert.Single(pty.Lines("ERR")));
        Assert.Empty(pty.Lines("OUT"));
    }

    [PtyEngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Interactive_without_a_tty_reads_echoed_lines_until_ctrl_d(string engine)
    {
        await using var scope = new Scope(engine);
        using var pty = PtySession.OnTerminal($"Invoke-DockerRun {Target(engine)} -Remove -Interactive -Label {scope.Label} busybox -- sh -c 'echo ready; while read l; do echo got-$l; done; echo bye'");
        // Output is read once the console is in line mode: keys typed before would meet PowerShell's own mode.
        var at = await pty.WaitForAsync("OUT: ready");
        pty.Type("one\r");
        // The console is in line mode: what is typed is echoed, and the line goes when Enter is pressed.
        at = await pty.WaitForAsync("one", at);
        await pty.WaitForAsync("OUT: got-one", at);
        pty.Type("two\r");
        await pty.WaitForAsync("OUT: got-two", at);
        pty.Type(CtrlD);
        await pty.WaitForAsync("OUT: bye", at);
        var (lastExitCode, restored) = await pty.EndAsync();
        Assert.Equal("0", lastExitCode);
        Assert.True(restored, "the terminal's settings were not restored");
        Assert.Equal(new[] { "ready", "got-one", "got-two", "bye" }, pty.Lines("OUT"));
    }

    [PtyEngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Redirected_input_is_piped_without_a_tty_and_refused_with_one(string engine)
    {
        await using var scope = new Scope(engine);
        using (var piped = PtySession.Redirected($"Invoke-DockerRun {Target(engine)} -Remove -Interactive -Label {scope.Label} busybox sort"))
        {
            await piped.WaitForAsync("PTYHOST-READY");
            piped.Type("pear\napple\nfig\n");
            piped.CloseInput();
            var (lastExitCode, _) = await piped.EndAsync();
            Assert.Equal("0", lastExitCode);
            Assert.Equal(new[] { "apple", "fig", "pear" }, piped.Lines("OUT"));
        }

        var name = scope.Name("not-a-tty");
        using (var refused = PtySession.Redirected($"Invoke-DockerRun {Target(engine)} -Interactive -Tty -Name {name} -Label {scope.Label} busybox sh; Enter-DockerContainer {Target(engine)} {await scope.StartedAsync("enter-not-a-tty")}"))
        {
            await refused.EndAsync();
            var errors = refused.Lines("ERR");
            Assert.Equal(2, errors.Length);
            Assert.All(errors, e => Assert.Contains("InputNotATerminal", e, StringComparison.Ordinal));
            Assert.All(errors, e => Assert.Contains("[InvalidOperation]", e, StringComparison.Ordinal));
            Assert.All(errors, e => Assert.Contains("The input device is not a TTY", e, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(await scope.ListAsync(), c => c.Name == name);
    }

    /// <summary>Containers named dpsint-pty-STEM-RUN and labelled with the run, all removed at the end.</summary>
    private sealed class Scope : IAsyncDisposable
    {
        private readonly ContainerScope _inner;

        public Scope(string engine)
        {
            Client = TestEnvironment.Client(engine);
            _inner = new ContainerScope(Client);
        }

        public DockerClient Client { get; }

        public string Label => ContainerScope.LabelKey + "=" + _inner.Run;

        public string Name(string stem) => $"dpsint-pty-{stem}-{_inner.Run}";

        public async Task<string> StartedAsync(string stem)
        {
            var name = Name(stem);
            var id = await Client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage)
            {
                Name = name,
                Command = new[] { "sleep", "300" },
                Labels = new Dictionary<string, string> { [ContainerScope.LabelKey] = _inner.Run },
            });
            await Client.Containers.StartAsync(id);
            return name;
        }

        public async Task<IReadOnlyList<Engine.Model.DockerContainer>> ListAsync()
        {
            var options = new ContainerListOptions { All = true };
            options.Filters.Add("label", _inner.Label);
            return await Client.Containers.ListAsync(options);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var c in await ListAsync())
            {
                try
                {
                    await Client.Containers.RemoveAsync(c.Id, force: true);
                }
                catch (Engine.Errors.DockerApiException)
                {
                    // Gone already, or being removed by the engine (-Remove).
                }
            }
            Client.Dispose();
        }
    }
}

/// <summary>A theory that needs the real engines and a pseudo-terminal: skipped (with the reason) where either is missing.</summary>
public sealed class PtyEngineTheoryAttribute : TheoryAttribute
{
    public PtyEngineTheoryAttribute()
    {
        var reason = TestEnvironment.SkipReason ?? PtySession.SkipReason;
        if (reason is not null) Skip = reason;
    }
}
