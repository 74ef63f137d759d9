using System;
using System.Threading.Tasks;
using DockerPS.Engine.Tests.Support;
using DockerPS.Pty.Tests.Support;

namespace DockerPS.Pty.Tests;

/// <summary>Invoke-DockerRun -Interactive [-Tty] on a pseudo-terminal: typed commands, the window size, Ctrl+C, the detach keys and attach back, line mode. Against both engines.</summary>
public class RunSessionTests
{
    private const byte CtrlC = 3;
    private const byte CtrlD = 4;
    private const byte CtrlP = 16;
    private const byte CtrlQ = 17;

    /// <summary>The engine every command of a test talks to.</summary>
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
            pty.Type("echo $MARK\r");
            var at = await pty.WaitForAsync("kept-21");
            // Attached; the size (after docker's one-larger nudge) has been sent meanwhile.
            await Task.Delay(300);
            pty.Type("stty size\r");
            await pty.WaitForAsync("19 72", at);
            pty.Type("exit 0\r");
            var (lastExitCode, restored) = await pty.EndAsync();
            Assert.Equal("0", lastExitCode);
            Assert.True(restored);
            Assert.Empty(pty.Lines("ERR"));
        }
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
}
