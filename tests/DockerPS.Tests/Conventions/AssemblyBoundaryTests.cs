using System;
using System.Linq;
using System.Reflection;
using DockerPS.Engine.Errors;
using DockerPS.HelpBuilder.Metadata;
using DockerPS.Tests.Support;

namespace DockerPS.Tests.Conventions;

/// <summary>The two layers stay apart: the engine knows nothing of PowerShell, and the cmdlet layer maps its errors by name.</summary>
[Collection(SharedModule.Name)]
public class AssemblyBoundaryTests
{
    private const string Automation = "System.Management.Automation";
    private readonly ModuleFixture _module;

    public AssemblyBoundaryTests(ModuleFixture module) => _module = module;

    [Fact]
    public void The_engine_assembly_does_not_reference_PowerShell()
    {
        var references = _module.Engine.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.NotEmpty(references);
        Assert.DoesNotContain(Automation, references);
    }

    [Fact]
    public void The_cmdlet_assembly_does_reference_PowerShell() =>
        Assert.Contains(Automation, _module.Inspector.Module.GetReferencedAssemblies().Select(a => a.Name));

    [Fact]
    public void Every_DockerErrorCategory_is_named_after_a_PowerShell_ErrorCategory()
    {
        var powershell = _module.Inspector.Automation.GetType(ModuleInspector.AutomationNamespace + ".ErrorCategory", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.Name)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ObjectNotFound", powershell);
        Assert.DoesNotContain("value__", powershell);
        var missing = Enum.GetNames<DockerErrorCategory>().Where(n => !powershell.Contains(n)).ToList();
        Assert.Empty(missing);
    }
}
