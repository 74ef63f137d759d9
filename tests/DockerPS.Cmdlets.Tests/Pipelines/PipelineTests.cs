using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Pipelines;

/// <summary>Issue 3's pipelines: objects piped between the container cmdlets, names, ids and prefixes.</summary>
public sealed class PipelineTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Get_Status_exited_piped_to_Remove_removes_exactly_the_exited_ones(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Ps("""
            $null = Invoke-DockerRun -Detach -Name "dpshost-up-$run" -Label $label $busybox sleep 300
            $null = Invoke-DockerRun -Name "dpshost-done1-$run" -Label $label $busybox true
            $null = Invoke-DockerRun -Name "dpshost-done2-$run" -Label $label $busybox true
            $null = New-DockerContainer -Name "dpshost-new-$run" -Label $label $busybox
            """).ThrowIfFailed();
        Assert.Equal(2, t.Ps("Get-DockerContainer -Status exited -Label $label").ThrowIfFailed().All<DockerContainer>().Count);
        Assert.Equal(2, t.Ps("Get-DockerContainer -All -Filter @{ label = $label; exited = 0 }").ThrowIfFailed().All<DockerContainer>().Count);
        Assert.Equal(2, t.Ps("Get-DockerContainer -Status created, running -Label $label").ThrowIfFailed().All<DockerContainer>().Count);
        Assert.Equal($"dpshost-new-{t.Run}", t.Ps("Get-DockerContainer -Label $label -Last 1").One<DockerContainer>().Name);

        t.Ps("Get-DockerContainer -Status exited -Label $label | Remove-DockerContainer").ThrowIfFailed();
        Assert.Equal(new[] { $"dpshost-new-{t.Run}", $"dpshost-up-{t.Run}" }, (await t.ContainersAsync()).Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Get_Label_piped_to_Stop_PassThru_piped_to_Start_restarts_the_group(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Shell.Set("app", "dpshost-app=" + t.Run);
        t.Ps("""
            $null = Invoke-DockerRun -Detach -Name "dpshost-web1-$run" -Label $label, $app $busybox sleep 300
            $null = Invoke-DockerRun -Detach -Name "dpshost-web2-$run" -Label $label, $app $busybox sleep 300
            $null = Invoke-DockerRun -Detach -Name "dpshost-db-$run" -Label $label $busybox sleep 300
            """).ThrowIfFailed();
        var before = (await t.ContainersAsync()).ToDictionary(c => c.Name, c => t.Client.Containers.InspectAsync(c.Id).Result.State.StartedAt);

        var r = t.Ps("Get-DockerContainer -Label $app | Stop-DockerContainer -Timeout 0 -PassThru | Start-DockerContainer").ThrowIfFailed();
        Assert.Empty(r.Output);
        foreach (var c in await t.ContainersAsync())
        {
            var details = await t.Client.Containers.InspectAsync(c.Id);
            Assert.True(details.State.Running, c.Name + " is not running.");
            if (c.Name.StartsWith("dpshost-web", StringComparison.Ordinal)) Assert.True(details.State.StartedAt > before[c.Name], c.Name + " was not restarted.");
            else Assert.Equal(before[c.Name], details.State.StartedAt);
        }

        // -PassThru writes the containers as they are afterwards.
        var stopped = t.Ps("Get-DockerContainer -Label $app | Stop-DockerContainer -Timeout 0 -PassThru").ThrowIfFailed().All<DockerContainer>();
        Assert.Equal(2, stopped.Count);
        Assert.All(stopped, c => Assert.Equal("exited", c.State));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Names_ids_prefixes_wildcards_and_piped_strings_all_find_containers(string engine)
    {
        await using var t = new EngineScope(engine);
        var a = t.Ps("New-DockerContainer -Name \"dpshost-a-$run\" -Label $label $busybox sleep 300").One<DockerContainer>();
        var b = t.Ps("New-DockerContainer -Name \"dpshost-b-$run\" -Label $label $busybox sleep 300").One<DockerContainer>();
        t.Shell.Set("a", a);
        t.Shell.Set("b", b);

        Assert.Equal(a.Id, t.Ps("Get-DockerContainer \"dpshost-a-$run\"").One<DockerContainer>().Id);
        Assert.Equal(a.Id, t.Ps("Get-DockerContainer $a.Id").One<DockerContainer>().Id);
        Assert.Equal(a.Id, t.Ps("Get-DockerContainer $a.Id.Substring(0, 12)").One<DockerContainer>().Id);
        Assert.Equal(a.Id, t.Ps("Get-DockerContainer -Id $a.Id.Substring(0, 10)").One<DockerContainer>().Id);
        Assert.Equal(2, t.Ps("Get-DockerContainer \"dpshost-?-$run\"").ThrowIfFailed().Output.Count);
        Assert.Equal(2, t.Ps("\"dpshost-a-$run\", $b.Id.Substring(0, 12) | Get-DockerContainer").ThrowIfFailed().Output.Count);
        Assert.Equal(2, t.Ps("$a, $b | Get-DockerContainer").ThrowIfFailed().Output.Count);
        // The type data's ContainerId alias pipes too, and the piped objects bind by Id.
        Assert.Equal(a.Id, t.Ps("$a.ContainerId").ThrowIfFailed().Lines.Single());

        // Start by full id, short id and name; the piped objects bind their Id.
        t.Ps("Start-DockerContainer $a.Id; Start-DockerContainer $b.Id.Substring(0, 12)").ThrowIfFailed();
        Assert.All(await t.ContainersAsync(), c => Assert.Equal("running", c.State));
        t.Ps("$a, $b | Stop-DockerContainer -Timeout 0").ThrowIfFailed();
        Assert.All(await t.ContainersAsync(), c => Assert.Equal("exited", c.State));

        // A name that matches nothing is reported on its own, and the others are still done.
        var r = t.Ps("Start-DockerContainer \"dpshost-missing-$run\", \"dpshost-a-$run\"");
        var error = Assert.Single(r.Errors);
        Assert.Equal("ContainerNotFound", r.ErrorIds.Single());
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal($"dpshost-missing-{t.Run}", error.TargetObject);
        Assert.Equal("running", (await t.Client.Containers.InspectAsync(a.Id)).State.Status);

        // A piped container with -NewName (a value in first position would be read as the container's name).
        Assert.Equal($"dpshost-a2-{t.Run}", t.Ps("$a | Rename-DockerContainer -NewName \"dpshost-a2-$run\" -PassThru").One<DockerContainer>().Name);
        var tooMany = t.Ps("Rename-DockerContainer \"dpshost-?*-$run\" -NewName \"dpshost-c-$run\"");
        Assert.Equal("TooManyContainers", tooMany.ErrorIds.Single());
    }
}
