using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Containers;

/// <summary>Copy-DockerContainerItem (docker cp) both ways, with host paths taken from the PowerShell location.</summary>
public sealed class CopyTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Relative_host_paths_are_resolved_against_the_runspace_location_not_the_process_directory(string engine)
    {
        await using var t = new EngineScope(engine);
        var work = Directory.CreateTempSubdirectory("dpshost-cp-");
        try
        {
            Assert.NotEqual(Path.GetFullPath(Environment.CurrentDirectory), work.FullName);
            File.WriteAllText(Path.Combine(work.FullName, "in.txt"), "into the container\n");
            Directory.CreateDirectory(Path.Combine(work.FullName, "tree", "sub"));
            File.WriteAllText(Path.Combine(work.FullName, "tree", "a.txt"), "a\n");
            File.WriteAllText(Path.Combine(work.FullName, "tree", "sub", "b.txt"), "b\n");
            t.Shell.SetLocation(work.FullName);

            var inside = t.Ps("""
                $null = Invoke-DockerRun -Detach -Name $name -Label $label $busybox sleep 300
                Copy-DockerContainerItem in.txt "${name}:/tmp/"
                Copy-DockerContainerItem -ToContainer $name -Path ./tree -Destination /tmp/tree
                Invoke-DockerExec $name cat /tmp/in.txt
                Invoke-DockerExec $name -- find /tmp/tree -type f
                """, ("name", t.Name("cp"))).ThrowIfFailed().Lines;
            Assert.Equal("into the container", inside[0]);
            Assert.Equal(new[] { "/tmp/tree/a.txt", "/tmp/tree/sub/b.txt" }, inside.Skip(1).Order(StringComparer.Ordinal));

            var back = t.Ps("""
                Copy-DockerContainerItem "${name}:/etc/hostname" hostname.txt
                Copy-DockerContainerItem -FromContainer $name -Path /tmp/tree -Destination back -PassThru
                """).ThrowIfFailed();
            var directory = Assert.IsType<DirectoryInfo>(Assert.Single(back.Objects));
            Assert.Equal(Path.Combine(work.FullName, "back"), directory.FullName);
            Assert.Equal("b\n", File.ReadAllText(Path.Combine(work.FullName, "back", "sub", "b.txt")));
            Assert.Equal((await t.Client.Containers.InspectAsync(t.Name("cp"))).Id[..12], File.ReadAllText(Path.Combine(work.FullName, "hostname.txt")).Trim());
            Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "hostname.txt")), "The copy landed in the process's directory.");

            // A copy into the container writes what it made with -PassThru.
            var item = t.Ps("Copy-DockerContainerItem -ToContainer $name -Path in.txt -Destination /tmp/again.txt -PassThru").One<DockerContainerItem>();
            Assert.Equal("/tmp/again.txt", item.Path);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Each_path_fails_on_its_own_and_WhatIf_copies_nothing(string engine)
    {
        await using var t = new EngineScope(engine);
        var work = Directory.CreateTempSubdirectory("dpshost-cp-");
        try
        {
            t.Shell.SetLocation(work.FullName);
            var r = t.Ps("""
                $null = Invoke-DockerRun -Detach -Name $name -Label $label $busybox sleep 300
                Copy-DockerContainerItem -FromContainer $name -Path /etc/no-such-file, /etc/hostname -Destination .
                """, ("name", t.Name("cperr")));
            var error = Assert.Single(r.Errors);
            Assert.Equal("ContainerPathNotFound", r.ErrorIds.Single());
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("/etc/no-such-file", error.TargetObject);
            Assert.True(File.Exists(Path.Combine(work.FullName, "hostname")));

            t.Ps("Copy-DockerContainerItem -FromContainer $name -Path /etc/passwd -Destination . -WhatIf").ThrowIfFailed();
            Assert.False(File.Exists(Path.Combine(work.FullName, "passwd")));
            Assert.Contains("What if", t.Shell.Host.Console, StringComparison.Ordinal);

            var missing = t.Ps("Copy-DockerContainerItem -FromContainer \"dpshost-none-$run\" -Path /etc/passwd -Destination .");
            Assert.Equal("ContainerNotFound", missing.ErrorIds.Single());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
