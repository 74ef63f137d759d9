using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerPS.HelpBuilder.Metadata;

/// <summary>
/// What PowerShell would learn about one cmdlet class from its attributes, read without loading it: the name,
/// the parameters with their sets, the declared output types. Plain data, so rules over it are tested on
/// hand-made cases too.
/// </summary>
internal sealed record CmdletMetadata(
    string TypeName,
    string Verb,
    string Noun,
    string? DefaultParameterSetName,
    bool SupportsShouldProcess,
    string? ConfirmImpact,
    IReadOnlyList<ParameterMetadata> Parameters,
    IReadOnlyList<OutputTypeMetadata> OutputTypes)
{
    /// <summary>Verb-Noun.</summary>
    public string Name => Verb + "-" + Noun;

    /// <summary>
    /// The names of an [Alias] attribute on the class, which PowerShell makes aliases of the cmdlet when it imports
    /// the module (for example a name the cmdlet had before). Empty when it has none.
    /// </summary>
    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The cmdlet's parameter sets: the names its parameters declare, in order of first use, or the single
    /// all-sets name when none declares one. The default set comes first.
    /// </summary>
    public IReadOnlyList<string> ParameterSetNames
    {
        get
        {
            var names = Parameters
                .SelectMany(p => p.Sets)
                .Where(s => !s.IsAllSets)
                .Select(s => s.Name)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (names.Count == 0) return new[] { ParameterSetMetadata.AllSets };
            if (DefaultParameterSetName is not null && names.Remove(DefaultParameterSetName)) names.Insert(0, DefaultParameterSetName);
            return names;
        }
    }

    /// <summary>The parameters usable in one set, each with its settings for that set.</summary>
    public IEnumerable<(ParameterMetadata Parameter, ParameterSetMetadata Set)> ParametersIn(string setName)
    {
        foreach (var parameter in Parameters)
        {
            var set = parameter.Sets.FirstOrDefault(s => string.Equals(s.Name, setName, StringComparison.Ordinal))
                ?? parameter.Sets.FirstOrDefault(s => s.IsAllSets);
            if (set is not null) yield return (parameter, set);
        }
    }

    public ParameterMetadata? FindParameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One [OutputType] attribute: the type's full name and the sets it applies to (empty: all).</summary>
internal sealed record OutputTypeMetadata(string TypeName, IReadOnlyList<string> ParameterSetNames);

/// <summary>A public property (or field) with at least one [Parameter] attribute.</summary>
internal sealed record ParameterMetadata(
    string Name,
    ParameterType Type,
    string DeclaringType,
    IReadOnlyList<ParameterSetMetadata> Sets,
    IReadOnlyList<string> Aliases,
    bool SupportsWildcards,
    IReadOnlyList<string> ValidValues)
{
    public bool TakesPipelineInput => Sets.Any(s => s.TakesPipelineInput);

    /// <summary>Mandatory in every set it belongs to.</summary>
    public bool AlwaysMandatory => Sets.Count > 0 && Sets.All(s => s.Mandatory);
}

/// <summary>One [Parameter] attribute: how the parameter binds in one set.</summary>
internal sealed record ParameterSetMetadata(
    string Name,
    bool Mandatory,
    int? Position,
    bool ValueFromPipeline,
    bool ValueFromPipelineByPropertyName,
    bool ValueFromRemainingArguments)
{
    /// <summary>PowerShell's name for "every parameter set" (ParameterAttribute.AllParameterSets).</summary>
    public const string AllSets = "__AllParameterSets";

    public bool IsAllSets => string.Equals(Name, AllSets, StringComparison.Ordinal);

    public bool TakesPipelineInput => ValueFromPipeline || ValueFromPipelineByPropertyName;
}

/// <summary>A parameter's type: its full name and the short name help shows (<c>String[]</c>, <c>SwitchParameter</c>).</summary>
internal sealed record ParameterType(string FullName, string DisplayName, bool IsArray)
{
    public const string SwitchParameterName = "System.Management.Automation.SwitchParameter";

    public bool IsSwitch => string.Equals(FullName, SwitchParameterName, StringComparison.Ordinal);
}
