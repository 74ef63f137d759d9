using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.VolumesNetworks;

/// <summary>SEEDS.md section 4, recipe B: a named volume keeps the data when its container is gone; bind mounts.</summary>
public sealed class VolumeTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_named_volume_outlives_its_container_and_is_removed_only_when_unused(string engine)
    {
        await using var t = new EngineScope(engine);
        var volume = t.Name("vol");
        var created = t.Ps("New-DockerVolume $volume -Label @{ 'dpshost-run' = $run }", ("volume", volume)).One<DockerVolume>();
        Assert.Equal(volume, created.Name);
        Assert.Equal("local", created.Driver);
        Assert.Equal(volume, t.Ps("New-DockerVolume $volume").One<DockerVolume>().Name);
        Assert.Equal(volume, t.Ps("Get-DockerVolume -Label $label").One<DockerVolume>().Name);
        Assert.Equal(volume, t.Ps("Get-DockerVolume \"dpshost-vol*-$run\"").One<DockerVolume>().Name);

        // docker run -v svn-root:/home/svn -w /home/svn ...: the data stays in the volume.
        var written = t.Ps("Invoke-DockerRun -Remove -Label $label -Volume \"${volume}:/home/svn\" -WorkingDirectory /home/svn $busybox -- sh -c 'echo kept > repo.txt; pwd'").ThrowIfFailed();
        Assert.Equal(new[] { "/home/svn" }, written.Lines);
        Assert.Empty(await t.ContainersAsync());
        Assert.Equal(new[] { "kept" }, t.Ps("Invoke-DockerRun -Remove -Label $label -Volume \"${volume}:/data:ro\" $busybox cat /data/repo.txt").ThrowIfFailed().Lines);

        // In use: refused, even with -Force, with the engine's reason.
        var user = t.Ps("New-DockerContainer -Name \"dpshost-voluser-$run\" -Label $label -Volume \"${volume}:/data\" $busybox").One<DockerContainer>();
        Assert.Contains(user.Mounts, m => m.Type == "volume" && m.Name == volume);
        var refused = t.Ps("Remove-DockerVolume $volume -Force -Confirm:$false");
        var error = Assert.Single(refused.Errors);
        Assert.Equal("VolumeConflict", refused.ErrorIds.Single());
        Assert.Equal(volume, error.TargetObject);
        Assert.Contains("in use", error.Exception.Message, StringComparison.OrdinalIgnoreCase);

        // -WhatIf removes nothing; ConfirmImpact High asks, and "No" keeps it, "Yes" removes it.
        t.Ps("Remove-DockerContainer \"dpshost-voluser-$run\"; Remove-DockerVolume $volume -WhatIf").ThrowIfFailed();
        Assert.Contains(volume, t.Shell.Host.Console, StringComparison.Ordinal);
        t.Shell.Host.Answer("&No");
        t.Ps("Remove-DockerVolume $volume").ThrowIfFailed();
        Assert.Single(await t.Client.Volumes.ListAsync(), v => v.Name == volume);
        var prompt = Assert.Single(t.Shell.Host.Prompts);
        Assert.Contains(volume, prompt.Message, StringComparison.Ordinal);
        t.Shell.Host.Answer("&Yes");
        t.Ps("Get-DockerVolume $volume | Remove-DockerVolume").ThrowIfFailed();
        Assert.DoesNotContain(await t.Client.Volumes.ListAsync(), v => v.Name == volume);
        Assert.Equal("VolumeNotFound", t.Ps("Get-DockerVolume $volume").ErrorIds.Single());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_relative_bind_mount_is_taken_from_the_runspace_location(string engine)
    {
        await using var t = new EngineScope(engine);
        var work = Directory.CreateTempSubdirectory("dpshost-bind-");
        try
        {
            Directory.CreateDirectory(Path.Combine(work.FullName, "share"));
            File.WriteAllText(Path.Combine(work.FullName, "share", "from-host.txt"), "host\n");
            t.Shell.SetLocation(work.FullName);
            var r = t.Ps("""
                Invoke-DockerRun -Remove -Label $label -Volume ./share:/share.host $busybox -- sh -c 'cat /share.host/from-host.txt; echo container > /share.host/from-container.txt'
                Invoke-DockerRun -Remove -Label $label -Mount 'type=bind,source=./share,target=/ro,readonly' $busybox -- sh -c 'touch /ro/x 2>/dev/null || echo read-only'
                """).ThrowIfFailed();
            Assert.Equal(new[] { "host", "read-only" }, r.Lines);
            Assert.Equal("container\n", File.ReadAllText(Path.Combine(work.FullName, "share", "from-container.txt")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
