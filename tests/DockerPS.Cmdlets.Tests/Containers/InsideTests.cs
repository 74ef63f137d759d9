using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Containers;

/// <summary>What runs inside a container, seen through the cmdlets: exec, logs, diff, top and stats.</summary>
public sealed class InsideTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Invoke_DockerExec_writes_output_errors_and_the_exit_code(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Ps("$null = Invoke-DockerRun -Detach -Name $name -Label $label $busybox sleep 300", ("name", t.Name("exec"))).ThrowIfFailed();

        var both = t.Ps("Invoke-DockerExec $name -- sh -c 'echo out; echo err >&2'");
        Assert.Equal(new[] { "out" }, both.Lines);
        Assert.Equal("err", Assert.Single(both.Errors).Exception.Message);
        Assert.Equal("ContainerStandardError", Assert.Single(both.ErrorIds));

        var options = t.Ps("Invoke-DockerExec $name -User nobody -WorkingDirectory /tmp -Environment @{ X = 'y z' } -- sh -c 'id -u; pwd; echo $X'").ThrowIfFailed();
        Assert.Equal(new[] { "65534", "/tmp", "y z" }, options.Lines);

        var failed = t.Ps("Invoke-DockerExec $name -- sh -c 'echo partial; exit 5'; $LASTEXITCODE");
        Assert.Equal(new object[] { "partial", 5 }, failed.Objects);
        var error = Assert.Single(failed.Errors);
        Assert.Equal("ContainerExitedWithError", failed.ErrorIds.Single());
        Assert.Equal(5, Assert.IsType<DockerContainerExitException>(error.Exception).ExitCode);
        Assert.Equal(t.Name("exec"), error.TargetObject);

        // -Detach returns at once; the command goes on in the container.
        var detached = t.Ps("""
            Invoke-DockerExec $name -Detach -- sh -c 'sleep 1; echo done > /tmp/detached.txt'
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            do { [System.Threading.Thread]::Sleep(200); $text = Invoke-DockerExec $name -- sh -c 'cat /tmp/detached.txt 2>/dev/null || true' }
            until ($text -or [DateTime]::UtcNow -gt $deadline)
            $text
            """).ThrowIfFailed();
        Assert.Equal(new[] { "done" }, detached.Lines);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Invoke_DockerExec_takes_piped_containers_and_runs_in_each(string engine)
    {
        await using var t = new EngineScope(engine);
        var lines = t.Ps("""
            $null = Invoke-DockerRun -Detach -Name "dpshost-ea-$run" -Hostname dpshost-ea -Label $label $busybox sleep 300
            $null = Invoke-DockerRun -Detach -Name "dpshost-eb-$run" -Hostname dpshost-eb -Label $label $busybox sleep 300
            Get-DockerContainer -Label $label | Invoke-DockerExec -Command hostname
            """).ThrowIfFailed().Lines;
        Assert.Equal(new[] { "dpshost-ea", "dpshost-eb" }, lines.Order(StringComparer.Ordinal));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Get_DockerContainerLog_writes_lines_with_their_stream_tail_and_timestamps(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Ps("""
            $null = Invoke-DockerRun -Detach -Name $name -Label $label $busybox -- sh -c 'echo one; sleep 0.3; echo two >&2; sleep 0.3; echo three; sleep 300'
            Wait-DpsLine $name three
            """, ("name", t.Name("logs"))).ThrowIfFailed();
        var lines = t.Ps("Get-DockerContainerLog $name").ThrowIfFailed().All<DockerLogLine>();
        Assert.Equal(new[] { "one", "two", "three" }, lines.Select(l => l.Text));
        Assert.Equal(new[] { StreamKind.Stdout, StreamKind.Stderr, StreamKind.Stdout }, lines.Select(l => l.Stream));
        Assert.All(lines, l => Assert.Null(l.Timestamp));

        Assert.Equal("three", t.Ps("Get-DockerContainerLog $name -Tail 1").One<DockerLogLine>().Text);
        var stamped = t.Ps("Get-DockerContainerLog $name -Timestamps").ThrowIfFailed().All<DockerLogLine>();
        Assert.Equal(3, stamped.Count);
        Assert.All(stamped, l => Assert.True(l.Timestamp > DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal(new[] { "two" }, t.Ps("Get-DockerContainerLog $name | Where-Object Stream -EQ Stderr | ForEach-Object Text").ThrowIfFailed().Lines);

        // A container with a terminal has one raw stream.
        var tty = t.Ps("""
            $null = Invoke-DockerRun -Detach -Tty -Name "$name-tty" -Label $label $busybox -- sh -c 'echo on-a-tty; echo also >&2; sleep 300'
            Wait-DpsLine "$name-tty" also
            Get-DockerContainerLog "$name-tty"
            """).ThrowIfFailed().All<DockerLogLine>();
        Assert.Equal(new[] { "on-a-tty", "also" }, tty.Select(l => l.Text.TrimEnd('\r')));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Installing_a_package_in_debian_shows_in_Get_DockerContainerChange(string engine)
    {
        await using var t = new EngineScope(engine);
        var work = Directory.CreateTempSubdirectory("dpshost-deb-");
        try
        {
            var deb = BuildPackage(work.FullName, "dpshost-hello");
            t.Shell.SetLocation(work.FullName);
            var changes = t.Ps("""
                $null = Invoke-DockerRun -Detach -Name $name -Label $label $debian sleep 300
                Copy-DockerContainerItem dpshost-hello.deb "${name}:/tmp/"
                Invoke-DockerExec $name -- dpkg -i /tmp/dpshost-hello.deb | Out-Null
                Invoke-DockerExec $name -- dpkg-query -W -f '${Status}' dpshost-hello
                Get-DockerContainerChange $name
                """, ("name", t.Name("diff"))).ThrowIfFailed();
            Assert.Equal("install ok installed", changes.Lines[0]);
            var all = changes.All<DockerContainerChange>();
            Assert.Contains(all, c => c.Path == "/usr/share/dpshost-hello/hello.txt" && c.Kind == DockerChangeKind.Added);
            Assert.Contains(all, c => c.Path == "/var/lib/dpkg/status" && c.Kind == DockerChangeKind.Modified);
            Assert.Contains(all, c => c.Path == "/tmp/dpshost-hello.deb" && c.Kind == DockerChangeKind.Added);

            var added = t.Ps("Get-DockerContainerChange $name -Kind Added | ForEach-Object Path").ThrowIfFailed().Lines;
            Assert.Contains("/usr/share/dpshost-hello/hello.txt", added);
            Assert.DoesNotContain("/var/lib/dpkg/status", added);
            Assert.Contains("/usr/share/dpshost-hello/hello.txt", t.Ps("Get-DockerContainerChange $name | ForEach-Object { $_.ToString() }").Lines.Select(l => l[2..]));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Top_and_stats_describe_a_running_container(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Ps("$c = Invoke-DockerRun -Detach -Name $name -Label $label -Memory 32m $busybox sleep 300", ("name", t.Name("top"))).ThrowIfFailed();
        // Right after the start, ps may show the process as [sleep] until its command line is readable.
        var process = t.Ps("Get-DockerContainerProcess $name").One<DockerContainerProcess>();
        for (var i = 0; i < 40 && process.Command != "sleep 300"; i++)
        {
            await Task.Delay(250);
            process = t.Ps("Get-DockerContainerProcess $name").One<DockerContainerProcess>();
        }
        Assert.Equal("sleep 300", process.Command);
        Assert.False(string.IsNullOrEmpty(process.Pid));

        var stats = t.Ps("$c | Get-DockerContainerStats").One<DockerContainerStats>();
        Assert.Equal(t.Name("top"), stats.Name);
        Assert.True(stats.MemoryUsage > 0);
        Assert.Equal(32L * 1024 * 1024, stats.MemoryLimit);
        Assert.InRange(stats.MemoryPercent, 0.0001, 100);
        Assert.True(stats.Pids >= 1);

        // -Stream writes a sample a second and ends when the container stops.
        var stream = t.Ps("""
            $null = Invoke-DockerRun -Detach -Name "$name-short" -Label $label $busybox sleep 3
            Get-DockerContainerStats "$name-short" -Stream
            """).ThrowIfFailed().All<DockerContainerStats>();
        Assert.InRange(stream.Count, 1, 6);
    }

    /// <summary>A real Debian package (dpkg-deb) that installs one file.</summary>
    private static string BuildPackage(string directory, string name)
    {
        var root = Path.Combine(directory, "pkg");
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        Directory.CreateDirectory(Path.Combine(root, "usr", "share", name));
        File.WriteAllText(Path.Combine(root, "usr", "share", name, "hello.txt"), "hello from a package\n");
        File.WriteAllText(Path.Combine(root, "DEBIAN", "control"),
            $"Package: {name}\nVersion: 1.0\nArchitecture: all\nMaintainer: DockerPS tests <tests@example.invalid>\nDescription: A package the DockerPS tests install.\n");
        var deb = Path.Combine(directory, name + ".deb");
        using var process = Process.Start(new ProcessStartInfo("dpkg-deb", new[] { "--root-owner-group", "--build", root, deb }) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("dpkg-deb did not start.");
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("dpkg-deb failed: " + error);
        return deb;
    }
}
