using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DockerPS.HelpBuilder.Metadata;
using DockerPS.Tests.Support;

namespace DockerPS.Tests.Conventions;

/// <summary>The whole command surface of the built module against the conventions of STYLE.md.</summary>
[Collection(SharedModule.Name)]
public class CmdletConventionTests
{
    private const string BaseCmdlet = "DockerPS.Infrastructure.DockerCmdlet";
    private readonly ModuleFixture _module;

    public CmdletConventionTests(ModuleFixture module) => _module = module;

    [Fact]
    public void Cmdlet_classes_are_sealed_and_named_Verb_Noun_Command_in_a_file_of_that_name()
    {
        var failures = new List<string>();
        foreach (var cmdlet in _module.Cmdlets)
        {
            var type = _module.Inspector.TypeOf(cmdlet);
            var expected = cmdlet.Verb + cmdlet.Noun + "Command";
            if (!type.IsSealed) failures.Add($"{type.FullName} is not sealed.");
            if (type.Name != expected) failures.Add($"{cmdlet.Name} is implemented by {type.Name}; name it {expected}.");
            if (type.Namespace != "DockerPS.Commands") failures.Add($"{type.FullName} is not in the DockerPS.Commands namespace.");
            var file = Path.Combine(Repository.CommandsSource, type.Name + ".cs");
            if (!File.Exists(file)) failures.Add($"{type.Name} is not in src/DockerPS/Commands/{type.Name}.cs.");
            else if (!Regex.IsMatch(File.ReadAllText(file), $@"\bclass\s+{type.Name}\b")) failures.Add($"{file} does not declare class {type.Name}.");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_file_under_Commands_holds_exactly_one_cmdlet_named_after_it()
    {
        var classes = _module.Cmdlets.Select(c => _module.Inspector.TypeOf(c).Name).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.CommandsSource, "*.cs", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!classes.Contains(name)) failures.Add($"{Path.GetFileName(file)} is under Commands but {name} is not a cmdlet of the built module.");
            var attributes = Regex.Count(File.ReadAllText(file), @"\[Cmdlet\(");
            if (attributes != 1) failures.Add($"{Path.GetFileName(file)} declares {attributes} cmdlets; one per file.");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Cmdlets_derive_from_DockerCmdlet()
    {
        var failures = new List<string>();
        foreach (var cmdlet in _module.Cmdlets)
        {
            var bases = new List<string>();
            for (var t = _module.Inspector.TypeOf(cmdlet).BaseType; t is not null; t = t.BaseType) bases.Add(t.FullName!);
            if (!bases.Contains(BaseCmdlet)) failures.Add($"{cmdlet.Name} derives from {string.Join(" <- ", bases)}, not {BaseCmdlet}.");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_cmdlet_uses_a_verb_Windows_PowerShell_5_1_approves()
    {
        // The cmdlets of the assembly and the names the manifest exports (ManifestTests checks they are the same).
        var approved = _module.ApprovedVerbs;
        var names = _module.Cmdlets.Select(c => c.Name).Union(ManifestTests.ListValue(ManifestTests.ManifestText, "CmdletsToExport"), StringComparer.Ordinal);
        var failures = names.Select(n => (Name: n, Verb: n.Split('-')[0])).Where(c => !approved.Contains(c.Verb))
            .Select(c => $"{c.Name}: '{c.Verb}' is not an approved verb in Windows PowerShell 5.1, which warns about it on every Import-Module. "
                + "Name a docker operation without a PowerShell verb Invoke-Docker<Operation>, and keep a familiar name as an [Alias] on the class.");
        Assert.Empty(failures);
    }

    [Fact]
    public void The_approved_verbs_are_Windows_PowerShell_5_1s()
    {
        // PowerShell Standard 5.1's System.Management.Automation has Windows PowerShell's assembly version, 3.0.0.0
        // (PowerShell 7's is 7.x); PowerShell 6 added Build and Deploy, so neither is in the list.
        Assert.Equal(new Version(3, 0, 0, 0), _module.Inspector.Automation.GetName().Version);
        var approved = _module.ApprovedVerbs;
        Assert.Superset(new HashSet<string> { "Get", "Set", "Remove", "Invoke", "Start", "Stop", "Wait", "Test", "Export", "Unregister" }, new HashSet<string>(approved));
        Assert.DoesNotContain("Build", approved);
        Assert.DoesNotContain("Deploy", approved);
        Assert.DoesNotContain("Delete", approved);
        Assert.DoesNotContain("List", approved);
        Assert.InRange(approved.Count, 90, 110);
    }

    [Fact]
    public void Nouns_start_with_Docker()
    {
        var failures = _module.Cmdlets.Where(c => !c.Noun.StartsWith("Docker", StringComparison.Ordinal) || c.Noun.Length == "Docker".Length)
            .Select(c => $"{c.Name}: the noun must be Docker<Something>.");
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_cmdlet_declares_OutputType_with_public_types()
    {
        var failures = new List<string>();
        foreach (var cmdlet in _module.Cmdlets)
        {
            if (cmdlet.OutputTypes.Count == 0) failures.Add($"{cmdlet.Name} has no [OutputType].");
            foreach (var output in cmdlet.OutputTypes)
            {
                var type = _module.FindType(output.TypeName);
                if (type is null || !type.IsPublic) failures.Add($"{cmdlet.Name}: [OutputType] names {output.TypeName}, which is not a public type.");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Destructive_verbs_support_ShouldProcess() =>
        Assert.Empty(_module.Cmdlets.SelectMany(CmdletRules.ShouldProcess));

    [Fact]
    public void Container_and_image_cmdlets_bind_names_and_ids_from_the_pipeline()
    {
        var subject = _module.Cmdlets.Where(c => CmdletRules.PipedNouns.Contains(c.Noun)).Select(c => c.Name).ToList();
        Assert.Contains("Get-DockerContainer", subject);
        Assert.Contains("Get-DockerImage", subject);
        Assert.Empty(_module.Cmdlets.SelectMany(CmdletRules.PipelineBinding));
    }

    [Fact]
    public void Parameter_sets_are_named_consistently() =>
        Assert.Empty(_module.Cmdlets.SelectMany(CmdletRules.ParameterSets));

    [Fact]
    public void Every_cmdlet_inherits_Context_and_DockerHost()
    {
        var failures = new List<string>();
        foreach (var cmdlet in _module.Cmdlets)
        {
            foreach (var name in new[] { "Context", "DockerHost" })
            {
                var parameter = cmdlet.FindParameter(name);
                if (parameter is null) failures.Add($"{cmdlet.Name} has no -{name}.");
                else if (parameter.DeclaringType != BaseCmdlet) failures.Add($"{cmdlet.Name} declares its own -{name}; it comes from DockerCmdlet.");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Parameters_are_read_with_their_sets_and_pipeline_binding()
    {
        // Pins the inspector to what GetDockerContainerCommand declares, so the rules above see real data.
        var cmdlet = _module.Cmdlets.Single(c => c.Name == "Get-DockerContainer");
        Assert.Equal("Name", cmdlet.DefaultParameterSetName);
        Assert.Equal(new[] { "Name", "Id" }, cmdlet.ParameterSetNames);
        var name = cmdlet.FindParameter("Name")!;
        Assert.Equal(new ParameterSetMetadata("Name", false, 0, true, true, false), Assert.Single(name.Sets));
        Assert.True(name.SupportsWildcards);
        Assert.Equal("System.String[]", name.Type.FullName);
        var id = cmdlet.FindParameter("Id")!;
        Assert.Equal(new ParameterSetMetadata("Id", true, null, false, true, false), Assert.Single(id.Sets));
        Assert.True(cmdlet.FindParameter("All")!.Type.IsSwitch);
        Assert.Contains("exited", cmdlet.FindParameter("Status")!.ValidValues);
        Assert.Equal("System.Int32", cmdlet.FindParameter("Last")!.Type.FullName);
        Assert.Equal(new[] { "DockerPS.Engine.Model.DockerContainer", "DockerPS.Engine.Model.DockerContainerDetails" }, cmdlet.OutputTypes.Select(o => o.TypeName));
        Assert.False(cmdlet.SupportsShouldProcess);
    }
}
