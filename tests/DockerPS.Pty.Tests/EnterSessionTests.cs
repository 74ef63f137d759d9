using System;
using System.Threading.Tasks;
using DockerPS.Engine.Tests.Support;
using DockerPS.Pty.Tests.Support;

namespace DockerPS.Pty.Tests;

/// <summary>Enter-DockerContainer and Invoke-DockerExec -Interactive -Tty on a pseudo-terminal. Against both engines.</summary>
public class EnterSessionTests
{
    private const byte CtrlP = 16;
    private const byte CtrlQ = 17;

    /// <summary>The engine every command of a test talks to.</summary>
    private static string Target(string engine) => $"-DockerHost '{TestEnvironment.Engine(engine).Host}'";

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
            // Typed before the session starts, the keys wait in the terminal and reach the shell once it reads.
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
        using var pty = PtySession.OnTerminal($"Invoke-DockerExec {Target(engine)} -Interactive -Tty {name} -- sh -c 'echo ready; read x; stty size; echo got-$x; exit 4'", columns: 120, rows: 40);
        // Engines before API 1.42 learn the size by a resize just after the start: the size is asked after that.
        await pty.WaitForAsync("ready");
        await Task.Delay(300);
        pty.Type("xyz\r");
        await pty.WaitForAsync("40 120");
        await pty.WaitForAsync("got-xyz");
        var (lastExitCode, restored) = await pty.EndAsync();
        Assert.Equal("4", lastExitCode);
        Assert.True(restored);
        Assert.StartsWith("ContainerExitedWithError,DockerPS.Commands.InvokeDockerExecCommand [InvalidResult] exit=4", Assert.Single(pty.Lines("ERR")));
        Assert.Empty(pty.Lines("OUT"));
    }
}
