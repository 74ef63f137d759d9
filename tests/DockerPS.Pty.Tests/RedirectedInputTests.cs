using System;
using System.Threading.Tasks;
using DockerPS.Engine.Tests.Support;
using DockerPS.Pty.Tests.Support;

namespace DockerPS.Pty.Tests;

/// <summary>The interactive cmdlets with standard input redirected: piped without a TTY, refused with one. Against both engines.</summary>
public class RedirectedInputTests
{
    /// <summary>The engine every command of a test talks to.</summary>
    private static string Target(string engine) => $"-DockerHost '{TestEnvironment.Engine(engine).Host}'";

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
}
