using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DockerPS.Tests.Support;

namespace DockerPS.Tests.Conventions;

/// <summary>
/// DockerPS.format.ps1xml and DockerPS.types.ps1xml against the built assemblies: PowerShell only notices a wrong type
/// or property name when a view silently shows nothing, so every name is checked here.
/// </summary>
[Collection(SharedModule.Name)]
public partial class FormatDataTests
{
    private const string DisplayClass = "DockerPS.Formatting.Display";
    private readonly ModuleFixture _module;

    public FormatDataTests(ModuleFixture module) => _module = module;

    private static string FormatFile => Path.Combine(Repository.ModuleSource, "DockerPS.format.ps1xml");

    private static string TypesFile => Path.Combine(Repository.ModuleSource, "DockerPS.types.ps1xml");

    [Fact]
    public void Both_files_are_well_formed_with_the_expected_roots()
    {
        Assert.Equal("Configuration", XDocument.Load(FormatFile).Root!.Name.LocalName);
        Assert.Equal("Types", XDocument.Load(TypesFile).Root!.Name.LocalName);
    }

    [Fact]
    public void Every_view_selects_public_types_and_shows_their_properties()
    {
        var extended = ExtendedMembers();
        var failures = new List<string>();
        var views = XDocument.Load(FormatFile).Descendants("View").ToList();
        Assert.NotEmpty(views);
        foreach (var view in views)
        {
            var name = (string?)view.Element("Name") ?? "(unnamed)";
            var types = view.Element("ViewSelectedBy")?.Elements("TypeName").Select(e => e.Value.Trim()).ToList() ?? new List<string>();
            if (types.Count == 0) failures.Add($"View {name} selects no TypeName.");
            foreach (var typeName in types)
            {
                // Type#Variant names an alternate view of Type, selected by a type name a cmdlet inserts (-NoTrunc).
                var type = _module.FindType(typeName.Split('#')[0]);
                if (type is null || !type.IsPublic)
                {
                    failures.Add($"View {name}: {typeName} is not a public type of DockerPS or DockerPS.Engine.");
                    continue;
                }
                var members = Members(type, extended);
                foreach (var property in view.Descendants("PropertyName").Select(e => e.Value.Trim()).Where(p => !members.Contains(p)))
                    failures.Add($"View {name}: {typeName} has no property {property}.");
                foreach (var script in view.Descendants("ScriptBlock"))
                    failures.AddRange(CheckScript(script.Value, "$_", type, members).Select(f => $"View {name}: {f}"));
            }
        }
        Assert.Empty(failures);
    }

    /// <summary>DockerPS types that a cmdlet writes and that have no view on purpose, with the reason.</summary>
    private static readonly Dictionary<string, string> ShownWithoutView = new(StringComparer.Ordinal)
    {
        ["DockerPS.Engine.Archive.DockerContainerItem"] = "no docker CLI table to follow (docker cp prints nothing); PowerShell lists its properties",
    };

    [Fact]
    public void Every_DockerPS_type_a_cmdlet_writes_has_a_view()
    {
        var viewed = XDocument.Load(FormatFile).Descendants("ViewSelectedBy").Elements("TypeName").Select(e => e.Value.Trim()).ToHashSet(StringComparer.Ordinal);
        var ours = new[] { _module.Inspector.Module, _module.Engine };
        var failures = _module.Cmdlets
            .SelectMany(c => c.OutputTypes.Select(o => (Cmdlet: c.Name, Type: _module.FindType(o.TypeName))))
            .Where(o => o.Type is not null && ours.Contains(o.Type.Assembly))
            .Where(o => !viewed.Contains(o.Type!.FullName!) && !ShownWithoutView.ContainsKey(o.Type.FullName!))
            .Select(o => $"{o.Cmdlet} writes {o.Type!.FullName}, which no view in DockerPS.format.ps1xml selects.")
            .Distinct()
            .ToList();
        Assert.Empty(failures);
        Assert.All(ShownWithoutView.Keys, t => Assert.DoesNotContain(t, viewed));
    }

    [Fact]
    public void Every_extended_type_member_refers_to_real_members()
    {
        var extended = ExtendedMembers();
        var failures = new List<string>();
        var types = XDocument.Load(TypesFile).Root!.Elements("Type").ToList();
        Assert.NotEmpty(types);
        foreach (var typeElement in types)
        {
            var typeName = ((string?)typeElement.Element("Name") ?? string.Empty).Trim();
            var type = _module.FindType(typeName);
            if (type is null || !type.IsPublic)
            {
                failures.Add($"Types: {typeName} is not a public type of DockerPS or DockerPS.Engine.");
                continue;
            }
            var members = Members(type, extended);
            var properties = PublicProperties(type);
            foreach (var referenced in typeElement.Descendants("ReferencedMemberName").Select(e => e.Value.Trim()).Where(r => !properties.Contains(r)))
                failures.Add($"Types: {typeName} has no public property {referenced} for an AliasProperty.");
            foreach (var script in typeElement.Descendants().Where(e => e.Name.LocalName is "GetScriptBlock" or "SetScriptBlock" or "Script"))
                failures.AddRange(CheckScript(script.Value, "$this", type, members).Select(f => $"Types: {typeName}: {f}"));
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void The_script_check_catches_unknown_methods_and_properties()
    {
        var type = _module.FindType("DockerPS.Engine.Model.DockerImage")!;
        var members = Members(type, ExtendedMembers());
        Assert.Empty(CheckScript("[DockerPS.Formatting.Display]::Size($_.Size) + $_.ToString() + $_.SizeText", "$_", type, members));
        Assert.Single(CheckScript("[DockerPS.Formatting.Display]::Sise($_.Size)", "$_", type, members));
        Assert.Single(CheckScript("[DockerPS.Formatting.Display]::Size($_.Bytes)", "$_", type, members));
    }

    /// <summary>Display methods the script calls, and properties of the current object it reads.</summary>
    private List<string> CheckScript(string script, string variable, Type type, IReadOnlySet<string> members)
    {
        var failures = new List<string>();
        var display = _module.FindType(DisplayClass) ?? throw new InvalidOperationException($"{DisplayClass} is not in DockerPS.dll.");
        var methods = display.GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (Match call in DisplayCall().Matches(script))
        {
            if (!methods.Contains(call.Groups[1].Value)) failures.Add($"[{DisplayClass}]::{call.Groups[1].Value} is not a public static method.");
        }
        var access = new Regex(Regex.Escape(variable) + @"\.(\w+)(?!\w|\s*\()");
        foreach (Match property in access.Matches(script))
        {
            if (!members.Contains(property.Groups[1].Value)) failures.Add($"{type.FullName} has no property {property.Groups[1].Value} ({variable}.{property.Groups[1].Value}).");
        }
        return failures;
    }

    /// <summary>Public properties plus the members DockerPS.types.ps1xml adds to the type (PowerShell matches names case-insensitively).</summary>
    private static HashSet<string> Members(Type type, Dictionary<string, HashSet<string>> extended)
    {
        var members = PublicProperties(type);
        if (extended.TryGetValue(type.FullName!, out var added)) members.UnionWith(added);
        return members;
    }

    private static HashSet<string> PublicProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, HashSet<string>> ExtendedMembers() =>
        XDocument.Load(TypesFile).Root!.Elements("Type").ToDictionary(
            t => ((string?)t.Element("Name") ?? string.Empty).Trim(),
            t => (t.Element("Members")?.Elements() ?? Enumerable.Empty<XElement>()).Select(m => ((string?)m.Element("Name") ?? string.Empty).Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase),
            StringComparer.Ordinal);

    [GeneratedRegex(@"\[DockerPS\.Formatting\.Display\]::(\w+)\s*\(")]
    private static partial Regex DisplayCall();
}
