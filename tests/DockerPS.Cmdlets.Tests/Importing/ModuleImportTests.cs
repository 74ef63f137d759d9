using System;
using System.Linq;
using System.Management.Automation;
using DockerPS.Cmdlets.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Importing;

public sealed class ModuleImportTests
{
    [Fact]
    public void Import_Module_exports_every_cmdlet_the_manifest_lists()
    {
        using var shell = PowerShellSession.Open();
        var module = shell.Run("Get-Module DockerPS").One<PSModuleInfo>();
        Assert.Equal(ModuleFolder.Version, module.Version.ToString(3));
        Assert.Equal(30, module.ExportedCmdlets.Count);
    }
}
