using System;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Containers;

/// <summary>Tab completion as PowerShell runs it (TabExpansion2), from the engine the command line names.</summary>
public sealed class CompletionTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Tab_completes_container_names_and_image_references_quoting_what_needs_it(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Ps("""
            $null = New-DockerContainer -Name "dpshost-cmp-$run" -Label $label $busybox
            $null = New-DockerContainer -Name "0dpshost-cmp-$run" -Label $label $busybox
            function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText }
            """).ThrowIfFailed();
        t.Shell.Set("h", t.Engine.Host);

        var names = t.Ps("Complete \"Stop-DockerContainer -DockerHost '$h' dpshost-cmp-$run\"").ThrowIfFailed().Lines;
        Assert.Equal(new[] { $"dpshost-cmp-{t.Run}" }, names);
        // A name that starts with a digit would be read back as a number: it is quoted.
        var quoted = t.Ps("Complete \"Get-DockerContainer -DockerHost '$h' 0dpshost-cmp-\"").ThrowIfFailed().Lines;
        Assert.Contains($"'0dpshost-cmp-{t.Run}'", quoted);
        var images = t.Ps("Complete \"Invoke-DockerRun -DockerHost '$h' busybox:l\"").ThrowIfFailed().Lines;
        Assert.Equal(new[] { "busybox:latest" }, images);
        // An engine that is not there offers nothing, quickly and silently.
        var none = t.Ps("Complete \"Get-DockerContainer -DockerHost 'unix:///nonexistent/dpshost.sock' dpshost-\"");
        Assert.Empty(none.ThrowIfFailed().Output);
        Assert.True(none.Elapsed < TimeSpan.FromSeconds(5), $"Completion against a missing engine took {none.Elapsed}.");
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Tab_asks_the_engine_PSDefaultParameterValues_pins_as_the_command_would(string engine)
    {
        // The scope pins its engine with $PSDefaultParameterValues['*-Docker*:DockerHost'], as a user does.
        await using var t = new EngineScope(engine);
        var other = TestEnvironment.Engines.Single(e => e.Name != engine).Host;
        t.Ps("""
            $null = New-DockerContainer -Name "dpshost-pin-$run" -Label $label $busybox
            function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText }
            """).ThrowIfFailed();
        t.Shell.Set("other", other);
        var name = new[] { t.Name("pin") };

        Assert.Equal(name, t.Ps("Complete \"Get-DockerContainer -Name dpshost-pin-$run\"").ThrowIfFailed().Lines);
        Assert.Equal(name, t.Ps("Complete \"Remove-DockerContainer dpshost-pin-$run\"").ThrowIfFailed().Lines);

        // Pinned to the other engine, which has no such container: nothing, whichever engine is the default.
        t.Ps("$PSDefaultParameterValues['*-Docker*:DockerHost'] = $other").ThrowIfFailed();
        Assert.Empty(t.Ps("Complete \"Get-DockerContainer -Name dpshost-pin-$run\"").ThrowIfFailed().Output);
        // A key for the one command, or with the parameter as a wildcard, is matched as the binder matches it.
        t.Ps("$PSDefaultParameterValues.Clear(); $PSDefaultParameterValues['Get-DockerContainer:Docker*'] = $h", ("h", t.Engine.Host)).ThrowIfFailed();
        Assert.Equal(name, t.Ps("Complete \"Get-DockerContainer dpshost-pin-$run\"").ThrowIfFailed().Lines);

        // -DockerHost on the line comes before any default.
        t.Ps("$PSDefaultParameterValues['Get-DockerContainer:Docker*'] = $other").ThrowIfFailed();
        Assert.Equal(name, t.Ps("Complete \"Get-DockerContainer -DockerHost '$h' dpshost-pin-$run\"").ThrowIfFailed().Lines);
    }

    [Fact]
    public void Engine_errors_say_what_is_wrong_without_an_engine()
    {
        using var shell = PowerShellSession.Open(ModuleFolder.Path);
        var noScheme = shell.Run("Get-DockerVersion -DockerHost 'localhost:2375'");
        var error = Assert.Single(noScheme.AllErrors);
        Assert.Equal("InvalidDockerHost", noScheme.ErrorIds.Single());
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("'localhost:2375'", error.Exception.Message, StringComparison.Ordinal);

        var down = shell.Run("Get-DockerInfo -DockerHost 'unix:///nonexistent/dpshost.sock'");
        Assert.Equal("EngineUnreachable", down.ErrorIds.Single());
        Assert.Equal(System.Management.Automation.ErrorCategory.ResourceUnavailable, down.AllErrors[0].CategoryInfo.Category);

        var both = shell.Run("Get-DockerContainer -DockerHost 'unix:///var/run/docker.sock' -Context default");
        Assert.Single(both.AllErrors);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, both.AllErrors[0].CategoryInfo.Category);
    }
}
