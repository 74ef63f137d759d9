using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Model;

namespace DockerPS.Engine.Matching;

/// <summary>What a selection found, and which literal (non-wildcard) inputs found nothing.</summary>
public sealed class Selection<T>
{
    private readonly IReadOnlyList<(string Input, IReadOnlyList<T> Hits)> _literals;

    internal Selection(IReadOnlyList<T> matches, IReadOnlyList<(string Input, IReadOnlyList<T> Hits)> literals)
    {
        Matches = matches;
        _literals = literals;
        Unmatched = UnmatchedWithout(_ => false);
    }

    public IReadOnlyList<T> Matches { get; }

    /// <summary>Inputs without wildcards that matched nothing: each is a "not found" for the caller to report.</summary>
    public IReadOnlyList<string> Unmatched { get; }

    /// <summary>
    /// The inputs without wildcards that match nothing once the items <paramref name="removed"/> picks are gone, in the
    /// order given: what the same selection over a list read a moment later would leave unmatched. A caller that asks
    /// the engine about each match after the list learns this way which inputs to report when some were removed in
    /// between; an item only a wildcard (or no input at all) picked is reported by none.
    /// </summary>
    public IReadOnlyList<string> UnmatchedWithout(Func<T, bool> removed) =>
        _literals.Where(l => l.Hits.All(removed)).Select(l => l.Input).ToArray();
}

/// <summary>What each input of one selection picked, in the order the inputs came.</summary>
internal sealed class Picks<T>
{
    private readonly IReadOnlyList<T> _all;
    private readonly HashSet<T> _picked = new();
    private readonly List<(string Input, IReadOnlyList<T> Hits)> _literals = new();

    public Picks(IReadOnlyList<T> all) => _all = all;

    public void Add(string input, IReadOnlyList<T> hits)
    {
        _picked.UnionWith(hits);
        if (!Wildcard.HasWildcard(input)) _literals.Add((input, hits));
    }

    /// <summary>The picked items in the list's order (the engine's), each once.</summary>
    public Selection<T> ToSelection() => new(_all.Where(_picked.Contains).ToArray(), _literals);

    /// <summary>No input at all: everything listed, and nothing to report.</summary>
    public static Selection<T> Everything(IReadOnlyList<T> all) => new(all, Array.Empty<(string, IReadOnlyList<T>)>());
}

/// <summary>
/// Picks containers and images the way PowerShell users expect of a Get- cmdlet: wildcards select any number
/// (none is fine), a literal must find at least one. Container names and image references match case-insensitively;
/// ids match as prefixes (<c>e2af613</c>), as docker resolves them.
/// </summary>
public static class Selector
{
    public static Selection<DockerContainer> Containers(IReadOnlyList<DockerContainer> all, IReadOnlyList<string>? names, IReadOnlyList<string>? ids)
    {
        if ((names is null || names.Count == 0) && (ids is null || ids.Count == 0)) return Picks<DockerContainer>.Everything(all);
        var picks = new Picks<DockerContainer>(all);

        foreach (var name in names ?? Array.Empty<string>())
        {
            List<DockerContainer> hits;
            if (Wildcard.HasWildcard(name))
            {
                var w = new Wildcard(name, ignoreCase: true);
                hits = all.Where(c => c.Names.Any(w.IsMatch)).ToList();
            }
            else
            {
                var literal = Wildcard.Unescape(name).TrimStart('/');
                hits = all.Where(c => c.Names.Any(n => string.Equals(n, literal, StringComparison.OrdinalIgnoreCase))).ToList();
                // docker accepts an id or id prefix wherever a name goes.
                if (hits.Count == 0) hits = all.Where(c => IsIdPrefix(c.Id, literal)).ToList();
            }
            picks.Add(name, hits);
        }

        foreach (var id in ids ?? Array.Empty<string>()) picks.Add(id, MatchIds(all, c => c.Id, id));
        return picks.ToSelection();
    }

    /// <summary>
    /// Image rows by reference: a pattern with a tag (<c>repo:tag</c>) matches <see cref="DockerImage.Reference"/>;
    /// one without matches the repository (all its tags), as <c>docker images repo</c> does. A literal that matches
    /// no reference is tried as an image id prefix.
    /// </summary>
    public static Selection<DockerImage> Images(IReadOnlyList<DockerImage> all, IReadOnlyList<string>? references, IReadOnlyList<string>? ids)
    {
        if ((references is null || references.Count == 0) && (ids is null || ids.Count == 0)) return Picks<DockerImage>.Everything(all);
        var picks = new Picks<DockerImage>(all);

        foreach (var reference in references ?? Array.Empty<string>())
        {
            var hasTag = HasTag(reference);
            List<DockerImage> hits;
            if (Wildcard.HasWildcard(reference))
            {
                var w = new Wildcard(reference, ignoreCase: true);
                hits = all.Where(i => i.Reference is not null && w.IsMatch(hasTag ? i.Reference : i.Repository)).ToList();
            }
            else
            {
                var literal = Wildcard.Unescape(reference);
                hits = all.Where(i => i.Reference is not null && string.Equals(hasTag ? i.Reference : i.Repository, literal, StringComparison.OrdinalIgnoreCase)).ToList();
                if (hits.Count == 0) hits = all.Where(i => IsIdPrefix(i.Id, literal)).ToList();
            }
            picks.Add(reference, hits);
        }

        foreach (var id in ids ?? Array.Empty<string>()) picks.Add(id, MatchIds(all, i => i.Id, id));
        return picks.ToSelection();
    }

    /// <summary>
    /// Objects by name: wildcards select any number, a literal must match one name exactly (case-insensitively). With
    /// <paramref name="idOf"/>, a literal that is no name may be an id prefix, matching every object it begins (docker
    /// resolves networks so).
    /// </summary>
    public static Selection<T> ByName<T>(IReadOnlyList<T> all, Func<T, string> nameOf, IReadOnlyList<string>? names, Func<T, string>? idOf = null)
    {
        if (names is null || names.Count == 0) return Picks<T>.Everything(all);
        var picks = new Picks<T>(all);
        foreach (var name in names)
        {
            List<T> hits;
            if (Wildcard.HasWildcard(name))
            {
                var w = new Wildcard(name, ignoreCase: true);
                hits = all.Where(x => w.IsMatch(nameOf(x))).ToList();
            }
            else
            {
                var literal = Wildcard.Unescape(name);
                hits = all.Where(x => string.Equals(nameOf(x), literal, StringComparison.OrdinalIgnoreCase)).ToList();
                if (hits.Count == 0 && idOf is not null) hits = all.Where(x => IsIdPrefix(idOf(x), literal)).ToList();
            }
            picks.Add(name, hits);
        }
        return picks.ToSelection();
    }

    /// <summary>
    /// The containers one input names, for a cmdlet that acts on them: a wildcard selects any number; a literal must
    /// name exactly one, by exact name, full id or unique id prefix (docker's order). An ambiguous prefix is an error
    /// listing the matches; nothing found is a not-found error.
    /// </summary>
    public static IReadOnlyList<DockerContainer> ResolveContainers(IReadOnlyList<DockerContainer> all, string input)
    {
        if (Wildcard.HasWildcard(input))
        {
            var w = new Wildcard(input, ignoreCase: true);
            return all.Where(c => c.Names.Any(w.IsMatch) || w.IsMatch(c.Id)).ToArray();
        }
        var literal = Wildcard.Unescape(input).TrimStart('/');
        var byName = all.Where(c => c.Names.Any(n => string.Equals(n, literal, StringComparison.Ordinal))).ToArray();
        if (byName.Length == 0) byName = all.Where(c => c.Names.Any(n => string.Equals(n, literal, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (byName.Length == 1) return byName;
        var full = all.Where(c => string.Equals(c.Id, literal, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (full.Length == 1) return full;
        var prefixed = all.Where(c => IsIdPrefix(c.Id, literal)).ToArray();
        if (prefixed.Length == 1) return prefixed;
        if (prefixed.Length > 1 || byName.Length > 1)
        {
            var matches = string.Join(", ", (prefixed.Length > 1 ? prefixed : byName).Select(c => $"{c.Name} ({c.ShortId})"));
            throw new Errors.DockerException($"'{input}' matches more than one container: {matches}. Give more of the id, or the name.",
                "AmbiguousContainer", Errors.DockerErrorCategory.InvalidArgument, input);
        }
        throw new Errors.DockerException($"No container has the name or id '{input}'.", "ContainerNotFound", Errors.DockerErrorCategory.ObjectNotFound, input);
    }

    private static List<T> MatchIds<T>(IReadOnlyList<T> all, Func<T, string> idOf, string pattern)
    {
        if (Wildcard.HasWildcard(pattern))
        {
            var w = new Wildcard(pattern, ignoreCase: true);
            return all.Where(x => w.IsMatch(idOf(x)) || w.IsMatch(StripAlgorithm(idOf(x)))).ToList();
        }
        var literal = Wildcard.Unescape(pattern);
        return all.Where(x => IsIdPrefix(idOf(x), literal)).ToList();
    }

    /// <summary>True when <paramref name="prefix"/> is a non-empty prefix of the id (with or without <c>sha256:</c>).</summary>
    public static bool IsIdPrefix(string id, string prefix)
    {
        if (prefix.Length == 0) return false;
        var bare = StripAlgorithm(prefix);
        if (bare.Length == 0 || !bare.All(IsHex)) return false;
        return StripAlgorithm(id).StartsWith(bare, StringComparison.OrdinalIgnoreCase);
    }

    private static string StripAlgorithm(string id) => id.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? id.Substring(7) : id;

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    private static bool HasTag(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/');
    }
}
