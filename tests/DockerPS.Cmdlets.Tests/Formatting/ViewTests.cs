using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Formatting;

/// <summary>
/// The views as a user sees them: objects sent to Out-Host (in PowerShell's core, unlike Format-Table and Out-String,
/// which are in Microsoft.PowerShell.Utility, not on NuGet) are formatted by the runspace with the module's format
/// data, and the host keeps the text. This runs every script block of the views against real objects.
/// </summary>
public sealed class ViewTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Containers_and_their_details_read_like_docker_ps_inspect_port_top_diff_and_wait(string engine)
    {
        await using var t = new EngineScope(engine);
        var c = t.Ps("Invoke-DockerRun -Detach -Name $name -Label $label -Publish 80 -Memory 64m $busybox -- sh -c 'touch /tmp/x; echo ready; sleep 300'", ("name", t.Name("view"))).One<DockerContainer>();
        var port = c.Ports.First(p => p.IsPublished && p.HostIp == "0.0.0.0").PublicPort;

        var ps = Render(t, "Get-DockerContainer $name");
        Assert.Matches(@"CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES", ps);
        Assert.Matches($@"{c.Id[..12]}\s+busybox:latest\s+""sh -c 'touch /tmp/x…""?\s+.*(second|minute)s? ago\s+Up .*\s+0\.0\.0\.0:{port}->80/tcp.*\s+{c.Name}", ps);

        var inspect = Render(t, "Get-DockerContainer $name -Inspect");
        Assert.Matches($@"Name\s+: {c.Name}", inspect);
        Assert.Matches(@"Status\s+: running", inspect);
        Assert.Matches(@"Image\s+: busybox:latest", inspect);
        Assert.Matches(@"Memory\s+: 64(\.0)? ?MiB", inspect);
        Assert.Matches(@"Cpus\s+: no limit", inspect);
        Assert.Matches($@"Ports\s+: 0\.0\.0\.0:{port}->80/tcp", inspect);
        Assert.Matches(@"Networks\s+: bridge \(\d+\.\d+\.\d+\.\d+\)", inspect);

        Assert.Matches($@"80\s+tcp\s+0\.0\.0\.0\s+{port}", Render(t, "Get-DockerContainerPort $name"));
        Assert.Matches(@"CONTAINER\s+UID\s+PID\s+PPID\s+TIME\s+CMD[\s\S]*sleep 300", Render(t, "Get-DockerContainerProcess $name"));
        t.Ps("Wait-DpsLine $name ready").ThrowIfFailed();
        Assert.Matches(@"KIND\s+PATH[\s\S]*\bA\s+/tmp/x", Render(t, "Get-DockerContainerChange $name"));
        Assert.Matches($@"NAME\s+EXIT CODE[\s\S]*{c.Name}\s+137", Render(t, "Stop-DockerContainer $name -Kill; Wait-DockerContainer $name"));
        Assert.Matches(@"Exited \(137\)", Render(t, "Get-DockerContainer $name"));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Images_volumes_networks_version_and_info_read_like_the_docker_cli(string engine)
    {
        await using var t = new EngineScope(engine);
        Assert.Matches(@"REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE[\s\S]*busybox\s+latest\s+[0-9a-f]{12}\s+.*ago\s+[\d.]+ ?[kM]B", Render(t, "Get-DockerImage busybox"));
        Assert.Matches($@"DRIVER\s+VOLUME NAME\s+CREATED[\s\S]*local\s+{t.Name("vol")}", Render(t, "New-DockerVolume \"dpshost-vol-$run\""));
        Assert.Matches($@"NETWORK ID\s+NAME\s+DRIVER\s+SCOPE\s+SUBNET[\s\S]*[0-9a-f]{{12}}\s+{t.Name("net")}\s+bridge\s+local\s+\d+\.\d+\.\d+\.\d+/\d+", Render(t, "New-DockerNetwork \"dpshost-net-$run\""));

        var version = Render(t, "Get-DockerVersion");
        Assert.Matches($@"Client\s+: DockerPS {Regex.Escape(ModuleFolder.Version)}", version);
        Assert.Matches($@"Engine\s+: \d+\.\d+\.\d+.* \(API {Regex.Escape(t.Engine.ApiVersion.ToString())}", version);
        var info = Render(t, "Get-DockerInfo");
        Assert.Matches(@"Containers\s+: \d+ \(running \d+, paused \d+, stopped \d+\)", info);
        Assert.Matches(@"TotalMemory\s+: [\d.]+ ?GiB", info);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Stats_and_logs_read_like_docker_stats_and_docker_logs(string engine)
    {
        await using var t = new EngineScope(engine);
        // One line longer than the host is wide (300): the TEXT column wraps it rather than cutting it off.
        var c = t.Ps("""Invoke-DockerRun -Detach -Name $name -Label $label $busybox -- sh -c 'echo ready; echo oops >&2; printf "%0400d\n" 7; sleep 300'""",
            ("name", t.Name("stats"))).One<DockerContainer>();
        t.Ps("Wait-DpsLine $name ready").ThrowIfFailed();

        var stats = Render(t, "Get-DockerContainerStats $name");
        Assert.Matches(@"CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE / LIMIT\s+MEM %\s+NET I/O\s+BLOCK I/O\s+PIDS", stats);
        const string size = @"[\d.]+(e\+\d+)?[kMGT]?B";
        const string binary = @"[\d.]+[KMGT]?i?B";
        Assert.Matches($@"{c.Id[..12]}\s+{c.Name}\s+\d+\.\d\d%\s+{binary} / {binary}\s+\d+\.\d\d%\s+{size} / {size}\s+{size} / {size}\s+\d+\s*\n", stats);

        var logs = Render(t, "Get-DockerContainerLog $name");
        Assert.Matches(@"STREAM\s+TEXT", logs);
        Assert.DoesNotContain("TIMESTAMP", logs, StringComparison.Ordinal);
        Assert.Matches(@"stdout\s+ready", logs);
        Assert.Matches(@"stderr\s+oops", logs);
        Assert.Contains("stdout" + new string('0', 399) + "7", Regex.Replace(logs, @"\s+", string.Empty), StringComparison.Ordinal);

        var stamped = Render(t, "Get-DockerContainerLog $name -Timestamps");
        Assert.Matches(@"TIMESTAMP\s+STREAM\s+TEXT", stamped);
        Assert.Matches(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z\s+stdout\s+ready", stamped);
    }

    /// <summary>What Out-Host prints for the script's output.</summary>
    private static string Render(EngineScope t, string script)
    {
        t.Shell.Host.ClearConsole();
        t.Ps(script + " | Out-Host").ThrowIfFailed();
        var text = t.Shell.Host.Console;
        Assert.False(string.IsNullOrWhiteSpace(text), script + " printed nothing.");
        return text;
    }
}
