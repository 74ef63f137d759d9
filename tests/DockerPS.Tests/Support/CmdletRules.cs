using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.HelpBuilder.Metadata;

namespace DockerPS.Tests.Support;

/// <summary>
/// The conventions every cmdlet follows (STYLE.md, Cmdlets), as functions from a cmdlet's metadata to what it breaks.
/// The convention tests apply them to the real module; unit tests apply them to hand-made cmdlets, so a rule that
/// no cmdlet exercises yet is still shown to work.
/// </summary>
internal static class CmdletRules
{
    /// <summary>Verbs whose cmdlets change or destroy something, and so must support -WhatIf and -Confirm.</summary>
    public static readonly IReadOnlySet<string> DestructiveVerbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "Remove", "Stop", "Clear", "Reset", "Restart", "Suspend", "Disconnect", "Unregister", "Update", "Rename", "Set",
    };

    /// <summary>Nouns of engine objects that are piped from one cmdlet to the next by name or id.</summary>
    public static readonly IReadOnlySet<string> PipedNouns = new HashSet<string>(StringComparer.Ordinal)
    {
        "DockerContainer", "DockerImage", "DockerVolume", "DockerNetwork",
    };

    /// <summary>Parameters that identify an engine object when it comes down the pipeline.</summary>
    public static readonly IReadOnlyList<string> IdentityParameters = new[] { "Name", "Id", "Reference" };

    public static IEnumerable<string> ShouldProcess(CmdletMetadata cmdlet)
    {
        if (DestructiveVerbs.Contains(cmdlet.Verb) && !cmdlet.SupportsShouldProcess)
            yield return $"{cmdlet.Name} changes things ({cmdlet.Verb}) but does not declare SupportsShouldProcess = true.";
    }

    /// <summary>
    /// Verbs that make a new object: what they take from the pipeline is not an existing object's identity (Import takes
    /// archive files: Import-DockerImage).
    /// </summary>
    public static readonly IReadOnlySet<string> CreatingVerbs = new HashSet<string>(StringComparer.Ordinal) { "New", "Import" };

    /// <summary>
    /// Verbs whose first positional parameter is the thing acted on, not what comes down the pipeline: docker network
    /// connect NETWORK CONTAINER keeps docker's order, and the containers are what is piped.
    /// </summary>
    public static readonly IReadOnlySet<string> TargetFirstVerbs = new HashSet<string>(StringComparer.Ordinal) { "Connect", "Disconnect" };

    public static IEnumerable<string> PipelineBinding(CmdletMetadata cmdlet)
    {
        if (!PipedNouns.Contains(cmdlet.Noun) || CreatingVerbs.Contains(cmdlet.Verb)) yield break;
        var identity = cmdlet.Parameters.Where(p =>
            (IdentityParameters.Contains(p.Name, StringComparer.Ordinal) || p.Aliases.Any(a => IdentityParameters.Contains(a, StringComparer.Ordinal)))
            && p.Type.FullName == "System.String[]"
            && p.Sets.Any(s => s.ValueFromPipelineByPropertyName));
        if (!identity.Any())
            yield return $"{cmdlet.Name} has no string[] -Name, -Id or -Reference (by name or alias) bound ValueFromPipelineByPropertyName.";

        var defaultSet = cmdlet.ParameterSetNames[0];
        var first = cmdlet.ParametersIn(defaultSet).Where(p => p.Set.Position == 0).ToList();
        if (first.Count == 0)
            yield return $"{cmdlet.Name} has no parameter at position 0 in its default set '{defaultSet}'.";
        else if (!first.Any(p => p.Set.TakesPipelineInput) && !TargetFirstVerbs.Contains(cmdlet.Verb))
            yield return $"{cmdlet.Name}'s first positional parameter -{first[0].Parameter.Name} takes no pipeline input.";
    }

    /// <summary>
    /// The module's aliases against its manifest: every [Alias] on a cmdlet class is in AliasesToExport (PowerShell
    /// hides the others), and every name in AliasesToExport is such an alias, of a cmdlet that CmdletsToExport lists,
    /// so that it resolves to a command the user has. An alias may not be the name of a cmdlet, nor belong to two.
    /// </summary>
    public static IEnumerable<string> ExportedAliases(IReadOnlyList<CmdletMetadata> cmdlets, IReadOnlyList<string> cmdletsToExport, IReadOnlyList<string> aliasesToExport)
    {
        var declared = cmdlets.SelectMany(c => c.Aliases.Select(a => (Alias: a, Cmdlet: c.Name))).ToList();
        foreach (var twice in declared.GroupBy(d => d.Alias, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            yield return $"The alias {twice.Key} is declared on {string.Join(" and ", twice.Select(d => d.Cmdlet))}.";
        foreach (var (alias, cmdlet) in declared.Where(d => cmdlets.Any(c => string.Equals(c.Name, d.Alias, StringComparison.OrdinalIgnoreCase))))
            yield return $"The alias {alias} of {cmdlet} is also the name of a cmdlet.";
        foreach (var (alias, cmdlet) in declared.Where(d => !aliasesToExport.Contains(d.Alias, StringComparer.Ordinal)))
            yield return $"{alias} (the [Alias] of {cmdlet}) is not in AliasesToExport, so PowerShell does not export it.";
        foreach (var exported in aliasesToExport)
        {
            var owner = declared.FirstOrDefault(d => string.Equals(d.Alias, exported, StringComparison.Ordinal)).Cmdlet;
            if (owner is null)
                yield return $"AliasesToExport lists {exported}, which no cmdlet declares with [Alias] (spelt exactly so).";
            else if (!cmdletsToExport.Contains(owner, StringComparer.Ordinal))
                yield return $"AliasesToExport lists {exported}, an alias of {owner}, which CmdletsToExport does not list.";
        }
        foreach (var twice in aliasesToExport.GroupBy(a => a, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            yield return $"AliasesToExport lists {twice.Key} {twice.Count()} times.";
    }

    public static IEnumerable<string> ParameterSets(CmdletMetadata cmdlet)
    {
        var declared = cmdlet.Parameters.SelectMany(p => p.Sets).Where(s => !s.IsAllSets).Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList();

        if (cmdlet.DefaultParameterSetName is { } defaultSet && declared.Count > 0 && !declared.Contains(defaultSet, StringComparer.Ordinal))
            yield return $"{cmdlet.Name}: DefaultParameterSetName '{defaultSet}' is not a set any parameter declares ({string.Join(", ", declared)}).";
        if (cmdlet.DefaultParameterSetName is not null && declared.Count == 0)
            yield return $"{cmdlet.Name}: DefaultParameterSetName '{cmdlet.DefaultParameterSetName}' is given but no parameter declares a set.";
        if (declared.Count > 1 && cmdlet.DefaultParameterSetName is null)
            yield return $"{cmdlet.Name} has the sets {string.Join(", ", declared)} but no DefaultParameterSetName.";

        foreach (var clash in declared.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            yield return $"{cmdlet.Name}: the set names {string.Join(" and ", clash)} differ only in case.";

        foreach (var output in cmdlet.OutputTypes)
        {
            foreach (var set in output.ParameterSetNames.Where(s => !declared.Contains(s, StringComparer.Ordinal)))
                yield return $"{cmdlet.Name}: [OutputType({output.TypeName})] names the set '{set}', which no parameter declares.";
        }

        foreach (var set in cmdlet.ParameterSetNames)
        {
            foreach (var position in cmdlet.ParametersIn(set).Where(p => p.Set.Position is not null).GroupBy(p => p.Set.Position).Where(g => g.Count() > 1))
                yield return $"{cmdlet.Name}: in set '{set}', {string.Join(" and ", position.Select(p => "-" + p.Parameter.Name))} share position {position.Key}.";
        }
    }
}
