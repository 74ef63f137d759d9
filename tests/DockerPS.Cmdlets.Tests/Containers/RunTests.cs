using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Containers;

/// <summary>Invoke-DockerRun (docker run): detached, attached with its output in the pipeline, exit codes, --rm.</summary>
public sealed class RunTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Detach_writes_the_running_container_with_its_published_ports(string engine)
    {
        await using var t = new EngineScope(engine);
        var c = t.Ps("Invoke-DockerRun -Detach -Name $name -Label $label -Publish 80, '127.0.0.1::8080/udp' $busybox sleep 300", ("name", t.Name("detached"))).One<DockerContainer>();
        Assert.Equal("running", c.State);
        Assert.Contains(c.Ports, p => p.PrivatePort == 80 && p.Protocol == "tcp" && p.PublicPort > 0);

        // docker port: one object per host binding; a container port selects.
        var ports = t.Ps("Get-DockerContainerPort $name").ThrowIfFailed().All<DockerPort>();
        Assert.Contains(ports, p => p.PrivatePort == 80 && p.Protocol == "tcp" && p.PublicPort > 0);
        Assert.Contains(ports, p => p.PrivatePort == 8080 && p.Protocol == "udp" && p.HostIp == "127.0.0.1" && p.PublicPort > 0);
        var udp = t.Ps("$c = Get-DockerContainer $name; $c | Get-DockerContainerPort -PrivatePort 8080/udp").One<DockerPort>();
        Assert.Equal("127.0.0.1", udp.HostIp);
        Assert.Empty(t.Ps("Get-DockerContainerPort $name 81").ThrowIfFailed().Output);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Attached_output_flows_into_the_pipeline_while_the_container_runs_and_Remove_leaves_nothing(string engine)
    {
        await using var t = new EngineScope(engine);
        var r = t.Ps("""
            Invoke-DockerRun -Remove -Label $label $busybox -- sh -c 'echo first; sleep 2; echo second' |
                ForEach-Object { [pscustomobject]@{ Line = $_; At = [DateTime]::UtcNow } }
            $LASTEXITCODE
            """).ThrowIfFailed();
        var lines = r.Output.Take(2).ToList();
        Assert.Equal(new[] { "first", "second" }, lines.Select(l => l.Get<string>("Line")));
        var gap = lines[1].Get<DateTime>("At") - lines[0].Get<DateTime>("At");
        Assert.True(gap > TimeSpan.FromSeconds(1), $"'first' reached the pipeline only {gap} before 'second': the output was held until the exit.");
        Assert.Equal(0, r.Output[2].BaseObject);
        Assert.Empty(await t.ContainersAsync());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Standard_error_is_an_error_record_standard_output_a_string_and_2_to_1_merges_them(string engine)
    {
        await using var t = new EngineScope(engine);
        var r = t.Ps("Invoke-DockerRun -Remove -Label $label $busybox -- sh -c 'echo to-stdout; echo to-stderr >&2'");
        Assert.Equal(new[] { "to-stdout" }, r.Lines);
        var error = Assert.Single(r.Errors);
        Assert.Equal("ContainerStandardError,DockerPS.Commands.InvokeDockerRunCommand", error.FullyQualifiedErrorId);
        Assert.Equal("to-stderr", error.Exception.Message);

        var merged = t.Ps("Invoke-DockerRun -Remove -Label $label $busybox -- sh -c 'echo to-stdout; echo to-stderr >&2' 2>&1").ThrowIfFailed();
        Assert.Equal(new[] { "to-stdout" }, merged.Objects.OfType<string>());
        Assert.Equal("to-stderr", Assert.Single(merged.Objects.OfType<ErrorRecord>()).Exception.Message);

        // -ErrorVariable collects them as with any cmdlet; 2>$null drops them.
        var quiet = t.Ps("$out = Invoke-DockerRun -Remove -Label $label $busybox -- sh -c 'echo a; echo b >&2' 2>$null; $out").ThrowIfFailed();
        Assert.Equal(new[] { "a" }, quiet.Lines);
        Assert.Empty(await t.ContainersAsync());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_non_zero_exit_is_an_error_carrying_ExitCode_and_sets_LASTEXITCODE(string engine)
    {
        await using var t = new EngineScope(engine);
        var r = t.Ps("""
            Invoke-DockerRun -Remove -Name $name -Label $label $busybox -- sh -c 'echo before; exit 3'
            $LASTEXITCODE
            """, ("name", t.Name("exit3")));
        Assert.Equal(new object[] { "before", 3 }, r.Objects);
        var error = Assert.Single(r.Errors);
        Assert.Equal("ContainerExitedWithError,DockerPS.Commands.InvokeDockerRunCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal(3, Assert.IsType<DockerContainerExitException>(error.Exception).ExitCode);
        Assert.Equal(t.Name("exit3"), error.TargetObject);

        // -ErrorAction Stop makes it terminating, so try/catch sees it.
        var caught = t.Ps("""
            try { Invoke-DockerRun -Remove -Label $label -ErrorAction Stop $busybox -- sh -c 'exit 4'; 'not caught' }
            catch { $_.Exception.ExitCode }
            """).ThrowIfFailed();
        Assert.Equal(new object[] { 4L }, caught.Objects);
        Assert.Empty(await t.ContainersAsync());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Environment_working_directory_user_hostname_and_entrypoint_reach_the_container(string engine)
    {
        await using var t = new EngineScope(engine);
        var r = t.Ps("""
            Invoke-DockerRun -Remove -Label $label -Environment @{ A = 1; B = 'two words' } -WorkingDirectory /tmp -User nobody -Hostname dpshost-h $busybox -- sh -c 'echo "$A|$B"; pwd; id -u; hostname'
            Invoke-DockerRun -Remove -Label $label -Environment 'C=3' -Entrypoint /bin/echo $busybox from entrypoint
            """).ThrowIfFailed();
        Assert.Equal(new[] { "1|two words", "/tmp", "65534", "dpshost-h", "from entrypoint" }, r.Lines);
        Assert.Empty(await t.ContainersAsync());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_missing_image_is_a_clear_error_and_leaves_nothing(string engine)
    {
        await using var t = new EngineScope(engine);
        // -Pull never: the engine's "No such image", as before the images issue landed.
        var r = t.Ps("Invoke-DockerRun -Remove -Pull never -Label $label dpshost-no-such-image:$run true");
        var error = Assert.Single(r.AllErrors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("dpshost-no-such-image", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(await t.ContainersAsync());

        // The default pulls a missing image, as docker run does: here Docker Hub is unreachable, so the pull fails,
        // after docker's warning, with the engine's reason naming the image; nothing is created.
        var pulled = t.Ps("Invoke-DockerRun -Remove -Label $label dpshost-no-such-image:$run true");
        Assert.Contains(pulled.Warnings, w => w.Message.Contains($"Unable to find image 'dpshost-no-such-image:{t.Run}' locally", StringComparison.Ordinal));
        Assert.Contains("dpshost-no-such-image", Assert.Single(pulled.AllErrors).Exception.Message, StringComparison.Ordinal);
        Assert.Empty(await t.ContainersAsync());
    }
}
