using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using DockerPS.HelpBuilder;
using DockerPS.HelpBuilder.Maml;
using DockerPS.Tests.Support;

namespace DockerPS.Tests.Help;

/// <summary>The real help: docs/help compiled against the built module, then read back as Get-Help would find it.</summary>
[Collection(SharedModule.Name)]
public sealed class ModuleHelpTests : IDisposable
{
    private static readonly XNamespace Maml = MamlWriter.Maml;
    private static readonly XNamespace Command = MamlWriter.Command;
    private static readonly XNamespace Dev = MamlWriter.Dev;

    private readonly ModuleFixture _module;
    private readonly string _output = Path.Combine(Path.GetTempPath(), "dockerps-help-" + Guid.NewGuid().ToString("N"));

    public ModuleHelpTests(ModuleFixture module) => _module = module;

    public void Dispose()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void The_help_builds_without_problems()
    {
        var result = HelpCompiler.Compile(_module.Cmdlets, Repository.HelpDirectory);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(_module.Cmdlets.Count, result.CommandCount);
    }

    [Fact]
    public void Every_cmdlet_has_a_MAML_entry_with_examples_and_described_parameters()
    {
        var document = BuildToFile();
        var commands = document.Root!.Elements(Command + "command")
            .ToDictionary(c => c.Element(Command + "details")!.Element(Command + "name")!.Value, StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var cmdlet in _module.Cmdlets)
        {
            if (!commands.TryGetValue(cmdlet.Name, out var command))
            {
                failures.Add($"{cmdlet.Name} has no command:command.");
                continue;
            }
            if (Text(command.Element(Command + "details")!.Element(Maml + "description")).Length == 0) failures.Add($"{cmdlet.Name} has no synopsis.");
            if (Text(command.Element(Maml + "description")).Length == 0) failures.Add($"{cmdlet.Name} has no description.");

            var examples = command.Element(Command + "examples")?.Elements(Command + "example").ToList() ?? new List<XElement>();
            if (examples.Count == 0) failures.Add($"{cmdlet.Name} has no example.");
            failures.AddRange(examples.Where(e => !(e.Element(Dev + "code")?.Value ?? string.Empty).Contains(cmdlet.Name, StringComparison.OrdinalIgnoreCase))
                .Select(e => $"{cmdlet.Name}: the example '{e.Element(Maml + "title")?.Value}' does not use {cmdlet.Name}."));

            var parameters = command.Element(Command + "parameters")!.Elements(Command + "parameter")
                .ToDictionary(p => p.Element(Maml + "name")!.Value, StringComparer.Ordinal);
            foreach (var parameter in cmdlet.Parameters)
            {
                if (!parameters.TryGetValue(parameter.Name, out var element)) failures.Add($"{cmdlet.Name}: -{parameter.Name} is missing from command:parameters.");
                else if (Text(element.Element(Maml + "description")).Length == 0) failures.Add($"{cmdlet.Name}: -{parameter.Name} has no description.");
            }

            var syntax = command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
            if (syntax.Count != cmdlet.ParameterSetNames.Count) failures.Add($"{cmdlet.Name}: {syntax.Count} syntax items for {cmdlet.ParameterSetNames.Count} parameter sets.");

            var outputs = command.Element(Command + "returnValues")!.Elements(Command + "returnValue").Select(r => r.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(cmdlet.OutputTypes.Select(o => o.TypeName).Distinct().Order(), outputs.Order());
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Syntax_items_follow_the_parameter_sets()
    {
        var command = BuildToFile().Root!.Elements(Command + "command").Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value == "Get-DockerContainer");
        var items = command.Element(Command + "syntax")!.Elements(Command + "syntaxItem")
            .Select(i => i.Elements(Command + "parameter").ToDictionary(p => p.Element(Maml + "name")!.Value))
            .ToList();
        Assert.Equal(2, items.Count);
        var byName = items[0];
        var byId = items[1];
        Assert.Equal("Name", byName.Keys.First());
        Assert.Equal("0", byName["Name"].Attribute("position")!.Value);
        Assert.Equal("True (ByPropertyName, ByValue)", byName["Name"].Attribute("pipelineInput")!.Value);
        Assert.Equal("true", byName["Name"].Attribute("globbing")!.Value);
        Assert.DoesNotContain("Id", byName.Keys);
        Assert.Equal("Id", byId.Keys.First());
        Assert.Equal("true", byId["Id"].Attribute("required")!.Value);
        Assert.DoesNotContain("Name", byId.Keys);
        Assert.Contains("Context", byId.Keys);
        Assert.Null(byName["All"].Element(Command + "parameterValue"));
        Assert.Equal(7, byName["Status"].Element(Command + "parameterValueGroup")!.Elements().Count());
    }

    /// <summary>Runs the command line the build uses and reads the file back.</summary>
    private XDocument BuildToFile()
    {
        var path = Path.Combine(_output, "en-US", "DockerPS.dll-Help.xml");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = HelpBuilderCommand.Run(new[] { Repository.ModuleAssembly, Repository.HelpDirectory, path }, output, error);
        Assert.True(exit == HelpBuilderCommand.Success, error.ToString());
        var bytes = File.ReadAllBytes(path);
        Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "The help is written without a byte-order mark.");
        var document = XDocument.Load(path);
        Assert.Equal(MamlWriter.Msh + "helpItems", document.Root!.Name);
        Assert.Equal("maml", document.Root.Attribute("schema")?.Value);
        return document;
    }

    private static string Text(XElement? element) => element?.Value.Trim() ?? string.Empty;
}
