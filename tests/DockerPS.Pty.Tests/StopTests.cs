using System;
using System.Diagnostics;
using System.Threading.Tasks;
using DockerPS.Engine.Tests.Support;
using DockerPS.Pty.Tests.Support;

namespace DockerPS.Pty.Tests;

/// <summary>Ctrl+C as PowerShell's stop (StopProcessing) during a session in line mode, against both engines.</summary>
public class StopTests
{
    private const byte CtrlC = 3;

    [PtyEngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Ctrl_c_without_a_tty_stops_the_cmdlet_at_once_and_interrupts_the_container(string engine)
    {
        await using var scope = new Scope(engine);
        var name = scope.Name("stop");
        using var pty = PtySession.OnTerminal(
            $"Invoke-DockerRun -DockerHost '{TestEnvironment.Engine(engine).Host}' -Interactive -Name {name} -Label {scope.Label} busybox -- sh -c 'trap \"exit 9\" INT; echo ready; while true; do sleep 1; done'");
        var at = await pty.WaitForAsync("OUT: ready");

        // Line mode keeps Ctrl+C a signal: PowerShell stops the cmdlet, which sends the container SIGINT as docker run does.
        var sw = Stopwatch.StartNew();
        pty.Type(CtrlC);
        at = await pty.WaitForAsync("STOPPED", at, TimeSpan.FromSeconds(10));
        var stopped = sw.Elapsed;
        var (_, restored) = await pty.EndAsync();
        Assert.True(stopped < TimeSpan.FromSeconds(3), $"the session took {stopped} to stop");
        Assert.True(restored, "the terminal's settings were not restored");
        Assert.Contains("PTYHOST-CTRL-C", pty.Screen, StringComparison.Ordinal);

        var state = (await scope.Client.Containers.InspectAsync(name)).State;
        for (var i = 0; i < 50 && state.Running; i++)
        {
            await Task.Delay(100);
            state = (await scope.Client.Containers.InspectAsync(name)).State;
        }
        Assert.False(state.Running, "the container did not get SIGINT");
        Assert.Equal(9, state.ExitCode);
    }
}
