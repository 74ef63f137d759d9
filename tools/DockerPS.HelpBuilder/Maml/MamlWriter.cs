using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DockerPS.HelpBuilder.Markdown;
using DockerPS.HelpBuilder.Metadata;

namespace DockerPS.HelpBuilder.Maml;

/// <summary>
/// Writes command help in MAML, the XML that PowerShell's Get-Help reads from <c>&lt;Module&gt;.dll-Help.xml</c>:
/// a <c>helpItems</c> root holding one <c>command:command</c> per cmdlet. Syntax, parameter attributes and types come
/// from the compiled cmdlet; every word of prose comes from the markdown.
/// </summary>
internal static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    /// <summary>Descriptions of -WhatIf and -Confirm, which PowerShell adds to SupportsShouldProcess cmdlets.</summary>
    private static readonly Dictionary<string, string> ShouldProcessText = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs, without changing anything.",
        ["Confirm"] = "Asks for confirmation before each change the cmdlet makes.",
    };

    public static XDocument Write(IEnumerable<(CmdletMetadata Cmdlet, CommandHelp Help, IReadOnlyDictionary<string, IReadOnlyList<string>> ParameterText)> commands)
    {
        var root = new XElement(Msh + "helpItems",
            new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp));
        foreach (var (cmdlet, help, text) in commands) root.Add(CommandElement(cmdlet, help, text));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>Saves as UTF-8 without a byte-order mark, indented, with a trailing newline.</summary>
    public static void Save(XDocument document, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(path, settings)) document.Save(writer);
        File.AppendAllText(path, "\n");
    }

    private static XElement CommandElement(CmdletMetadata cmdlet, CommandHelp help, IReadOnlyDictionary<string, IReadOnlyList<string>> text)
    {
        var parameters = AllParameters(cmdlet);
        return new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", cmdlet.ParameterSetNames.Select(set => SyntaxItem(cmdlet, set))),
            new XElement(Command + "parameters", parameters.Select(p => ParameterElement(p.Parameter, p.Set, TextOf(p.Parameter, text)))),
            new XElement(Command + "inputTypes", InputTypes(cmdlet, help)),
            new XElement(Command + "returnValues", help.Outputs.Select(o =>
                new XElement(Command + "returnValue", TypeElement(o.Name), Description(o.Paragraphs)))),
            help.Notes.Count == 0 ? null : new XElement(Maml + "alertSet",
                new XElement(Maml + "title", string.Empty),
                new XElement(Maml + "alert", Paras(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select(e =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", $"-------------------------- Example {e.Number}: {e.Title} --------------------------"),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", Paras(e.Remarks))))),
            new XElement(Command + "relatedLinks", help.Links.Select(l =>
                new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text),
                    new XElement(Maml + "uri", l.Uri ?? string.Empty)))));
    }

    /// <summary>One syntax line: positional parameters by position, then mandatory ones, then the rest, as PowerShell orders them.</summary>
    private static XElement SyntaxItem(CmdletMetadata cmdlet, string setName)
    {
        var ordered = cmdlet.ParametersIn(setName)
            .Concat(ShouldProcessParameters(cmdlet))
            .Select((p, index) => (p.Parameter, p.Set, Index: index))
            .OrderBy(p => p.Set.Position is null ? 1 : 0)
            .ThenBy(p => p.Set.Position ?? 0)
            .ThenBy(p => p.Set.Mandatory ? 0 : 1)
            .ThenBy(p => p.Index);
        return new XElement(Command + "syntaxItem",
            new XElement(Maml + "name", cmdlet.Name),
            ordered.Select(p => SyntaxParameter(p.Parameter, p.Set)));
    }

    private static XElement SyntaxParameter(ParameterMetadata parameter, ParameterSetMetadata set) =>
        new(Command + "parameter",
            Attributes(parameter, set),
            new XElement(Maml + "name", parameter.Name),
            parameter.ValidValues.Count == 0 ? null : new XElement(Command + "parameterValueGroup",
                parameter.ValidValues.Select(v => new XElement(Command + "parameterValue",
                    new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))),
            parameter.Type.IsSwitch ? null : ParameterValue(parameter),
            TypeElement(parameter.Type.FullName),
            DefaultValue(parameter));

    private static XElement ParameterElement(ParameterMetadata parameter, ParameterSetMetadata set, IReadOnlyList<string> description) =>
        new(Command + "parameter",
            Attributes(parameter, set),
            new XElement(Maml + "name", parameter.Name),
            Description(description),
            ParameterValue(parameter),
            TypeElement(parameter.Type.FullName),
            DefaultValue(parameter));

    private static object[] Attributes(ParameterMetadata parameter, ParameterSetMetadata set) => new object[]
    {
        new XAttribute("required", Bool(set.Mandatory)),
        new XAttribute("variableLength", Bool(parameter.Type.IsArray)),
        new XAttribute("globbing", Bool(parameter.SupportsWildcards)),
        new XAttribute("pipelineInput", PipelineInput(set)),
        new XAttribute("position", set.Position?.ToString(CultureInfo.InvariantCulture) ?? "named"),
        new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
    };

    private static XElement ParameterValue(ParameterMetadata parameter) =>
        new(Command + "parameterValue", new XAttribute("required", Bool(!parameter.Type.IsSwitch)), new XAttribute("variableLength", "false"), parameter.Type.DisplayName);

    private static XElement DefaultValue(ParameterMetadata parameter) =>
        new(Dev + "defaultValue", parameter.Type.IsSwitch ? "False" : "None");

    private static XElement TypeElement(string name) =>
        new(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

    /// <summary>
    /// For the parameters list, one entry per parameter: mandatory only when it is in every set, the position and
    /// pipeline input of the first set that gives one (the syntax lines show each set exactly).
    /// </summary>
    private static List<(ParameterMetadata Parameter, ParameterSetMetadata Set)> AllParameters(CmdletMetadata cmdlet) =>
        cmdlet.Parameters
            .Select(p => (Parameter: p, Set: new ParameterSetMetadata(
                ParameterSetMetadata.AllSets,
                p.AlwaysMandatory,
                p.Sets.Select(s => s.Position).FirstOrDefault(x => x is not null),
                p.Sets.Any(s => s.ValueFromPipeline),
                p.Sets.Any(s => s.ValueFromPipelineByPropertyName),
                p.Sets.Any(s => s.ValueFromRemainingArguments))))
            .Concat(ShouldProcessParameters(cmdlet))
            .ToList();

    private static IEnumerable<(ParameterMetadata Parameter, ParameterSetMetadata Set)> ShouldProcessParameters(CmdletMetadata cmdlet)
    {
        if (!cmdlet.SupportsShouldProcess) yield break;
        var type = new ParameterType(ParameterType.SwitchParameterName, "SwitchParameter", false);
        var set = new ParameterSetMetadata(ParameterSetMetadata.AllSets, false, null, false, false, false);
        yield return (new ParameterMetadata("WhatIf", type, string.Empty, new[] { set }, WhatIfAliases, false, Array.Empty<string>()), set);
        yield return (new ParameterMetadata("Confirm", type, string.Empty, new[] { set }, ConfirmAliases, false, Array.Empty<string>()), set);
    }

    private static readonly string[] WhatIfAliases = { "wi" };
    private static readonly string[] ConfirmAliases = { "cf" };

    private static IReadOnlyList<string> TextOf(ParameterMetadata parameter, IReadOnlyDictionary<string, IReadOnlyList<string>> text) =>
        text.TryGetValue(parameter.Name, out var paragraphs) ? paragraphs
        : ShouldProcessText.TryGetValue(parameter.Name, out var builtIn) ? new[] { builtIn }
        : Array.Empty<string>();

    /// <summary>The markdown's INPUTS, or else what the cmdlet's pipeline parameters accept.</summary>
    private static IEnumerable<XElement> InputTypes(CmdletMetadata cmdlet, CommandHelp help)
    {
        if (help.Inputs.Count > 0)
        {
            return help.Inputs.Select(i => new XElement(Command + "inputType", TypeElement(i.Name), Description(i.Paragraphs)));
        }
        return cmdlet.Parameters.Where(p => p.TakesPipelineInput).Select(p =>
        {
            var ways = new List<string>();
            if (p.Sets.Any(s => s.ValueFromPipeline)) ways.Add("by value");
            if (p.Sets.Any(s => s.ValueFromPipelineByPropertyName)) ways.Add($"by property name (an object's {p.Name} property)");
            return new XElement(Command + "inputType",
                TypeElement(p.Type.FullName),
                Description(new[] { $"-{p.Name} takes pipeline input {string.Join(" and ", ways)}." }));
        });
    }

    private static string PipelineInput(ParameterSetMetadata set)
    {
        var ways = new List<string>();
        if (set.ValueFromPipelineByPropertyName) ways.Add("ByPropertyName");
        if (set.ValueFromPipeline) ways.Add("ByValue");
        return ways.Count == 0 ? "False" : $"True ({string.Join(", ", ways)})";
    }

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Bool(bool value) => value ? "true" : "false";
}
