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
    public async Task A_missing_image_is_a_clear_error_and_leaves_nothing(string engine)
    {
        await using var t = new EngineScope(engine);
        // -Pull never: the engine's own "No such image", as ObjectNotFound.
        var r = t.Ps("Invoke-DockerRun -Remove -Pull never -Label $label dpshost-no-such-image:$run true");
        var error = Assert.Single(r.AllErrors);
        Assert.Equal("ImageNotFound", r.ErrorIds.Single());
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("dpshost-no-such-image", error.Exception.Message, StringComparison.Ordinal);

        // The default (-Pull missing) tries the registry, which is not reachable here: one error about the image.
        var pulled = t.Ps("New-DockerContainer -Label $label dpshost-no-such-image:$run true");
        var pullError = Assert.Single(pulled.AllErrors);
        Assert.Equal($"dpshost-no-such-image:{t.Run}", pullError.TargetObject);
        // Named whatever the engine's reason (here "dial tcp: lookup registry-1.docker.io ...", which names no image).
        Assert.Contains($"dpshost-no-such-image:{t.Run}", pullError.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(await t.ContainersAsync());
    }
}
