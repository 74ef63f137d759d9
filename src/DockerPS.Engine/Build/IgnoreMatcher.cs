using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Build;

/// <summary>
/// The .dockerignore patterns of a build context, matched as moby/patternmatcher matches them: patterns apply in
/// order, a later one overriding an earlier one; an exception ('!') only re-includes what an earlier pattern
/// excluded; and a pattern that matches a directory also matches everything below it. Paths are relative to the
/// context, with '/'.
/// </summary>
public sealed class IgnoreMatcher
{
    private readonly IgnorePattern[] _patterns;

    /// <summary>
    /// Cleans and checks patterns as docker does (white space trimmed, empty ones dropped, a bare "!" refused, the
    /// syntax of Go's filepath.Match required). With <paramref name="windows"/>, '\' separates path parts and
    /// escapes nothing, as for docker on Windows.
    /// </summary>
    public IgnoreMatcher(IEnumerable<string> patterns, bool windows = false)
    {
        if (patterns is null) throw new ArgumentNullException(nameof(patterns));
        var list = new List<IgnorePattern>();
        foreach (var raw in patterns)
        {
            var p = GoText.TrimSpace(raw ?? string.Empty);
            if (p.Length == 0) continue;
            if (windows) p = p.Replace('\\', '/');
            p = CopyPaths.CleanPosix(p);
            var exception = false;
            if (p[0] == '!')
            {
                if (p.Length == 1)
                    throw new DockerArgumentException("The .dockerignore pattern '!' is not valid: an exception needs a pattern after '!'.", "InvalidDockerignorePattern", raw);
                exception = true;
                p = p.Substring(1);
            }
            var problem = GlobSyntax.Problem(p, windows);
            if (problem is not null)
                throw new DockerArgumentException($"The .dockerignore pattern '{raw}' is not valid: {problem} (syntax error in pattern).", "InvalidDockerignorePattern", raw);
            list.Add(new IgnorePattern(p, exception, windows));
        }
        _patterns = list.ToArray();
        HasExceptions = _patterns.Any(x => x.IsException);
    }

    public IReadOnlyList<IgnorePattern> Patterns => _patterns;

    /// <summary>True when some pattern is an exception ('!').</summary>
    public bool HasExceptions { get; }

    /// <summary>
    /// Whether <paramref name="path"/> is excluded: by a pattern that matches it or one of its parent directories,
    /// and not re-included by a later exception (patternmatcher MatchesOrParentMatches).
    /// </summary>
    public bool IsExcluded(string path)
    {
        var parents = ParentPrefixes(path);
        var matched = false;
        foreach (var pattern in _patterns)
        {
            // An inclusion cannot change an excluded path, nor an exception an included one.
            if (pattern.IsException != matched) continue;
            var match = pattern.IsMatch(path);
            for (var i = 0; !match && i < parents.Count; i++) match = pattern.IsMatch(parents[i]);
            if (match) matched = !pattern.IsException;
        }
        return matched;
    }

    /// <summary>
    /// docker's older check, kept by the docker CLI to decide whether the Dockerfile and .dockerignore need an
    /// exception of their own (patternmatcher Matches): a parent directory is only tried with as many leading
    /// parts as the pattern has.
    /// </summary>
    public bool IsExcludedShallow(string path)
    {
        var parent = CopyPaths.DirPosix(path);
        var parentParts = parent.Split('/');
        var matched = false;
        foreach (var pattern in _patterns)
        {
            if (pattern.IsException != matched) continue;
            var match = pattern.IsMatch(path);
            if (!match && parent != "." && pattern.Parts.Length <= parentParts.Length)
                match = pattern.IsMatch(string.Join("/", parentParts, 0, pattern.Parts.Length));
            if (match) matched = !pattern.IsException;
        }
        return matched;
    }

    /// <summary>
    /// The decision for one path during a walk of the context, given what its parent directory's decision recorded
    /// (patternmatcher MatchesUsingParentResults, as go-archive's TarWithOptions uses it): a pattern that matched the
    /// parent counts as matching the child without being tried. <paramref name="parent"/> is null for a path at the
    /// top of the context (then parents are tried as <see cref="IsExcluded(string)"/> does).
    /// </summary>
    public bool IsExcluded(string path, MatchState? parent, out MatchState state)
    {
        var matches = new bool[_patterns.Length];
        List<string>? parents = null;
        var matched = false;
        for (var i = 0; i < _patterns.Length; i++)
        {
            var pattern = _patterns[i];
            var match = parent is not null && parent.Matched[i];
            if (!match)
            {
                if (pattern.IsException != matched) continue;
                match = pattern.IsMatch(path);
                if (!match && parent is null)
                {
                    parents ??= ParentPrefixes(path);
                    for (var j = 0; !match && j < parents.Count; j++) match = pattern.IsMatch(parents[j]);
                }
            }
            matches[i] = match;
            if (match) matched = !pattern.IsException;
        }
        state = new MatchState(matches);
        return matched;
    }

    /// <summary>
    /// True when an exception could re-include something under the excluded directory <paramref name="directory"/>,
    /// so docker walks into it rather than skipping it whole: an exception whose text starts with the directory's
    /// path and a '/'. Wildcards in the exception are not expanded for this (nor are they by docker).
    /// </summary>
    public bool MayReinclude(string directory)
    {
        if (!HasExceptions) return false;
        var prefix = directory + "/";
        return _patterns.Any(p => p.IsException && (p.Text + "/").StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>"a", "a/b" for "a/b/c": each parent directory of a path, from the top.</summary>
    private static List<string> ParentPrefixes(string path)
    {
        var result = new List<string>();
        var parent = CopyPaths.DirPosix(path);
        if (parent == ".") return result;
        for (var i = parent.IndexOf('/'); i >= 0; i = parent.IndexOf('/', i + 1)) result.Add(parent.Substring(0, i));
        result.Add(parent);
        return result;
    }

    /// <summary>Which patterns matched a directory, handed to the decisions for its contents.</summary>
    public sealed class MatchState
    {
        internal MatchState(bool[] matched) => Matched = matched;

        internal bool[] Matched { get; }
    }
}

/// <summary>Go's string helpers that .NET has no exact equivalent of.</summary>
internal static class GoText
{
    /// <summary>strings.TrimSpace: Unicode white space at both ends (the same set as char.IsWhiteSpace).</summary>
    public static string TrimSpace(string s) => s.Trim();
}

/// <summary>
/// The syntax Go's filepath.Match accepts, which docker requires of every .dockerignore pattern: '[' opens a class
/// of characters and ranges (optionally negated with '^') that must be closed and non-empty, a range needs both
/// ends, and '\' (except on Windows) escapes the next character, which must exist.
/// </summary>
internal static class GlobSyntax
{
    /// <summary>Why Go's filepath.Match would call the pattern malformed, or null.</summary>
    public static string? Problem(string pattern, bool windows)
    {
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\' && !windows)
            {
                if (i + 1 >= pattern.Length) return "it ends with an escaping '\\'";
                i += 2;
                continue;
            }
            if (c != '[')
            {
                i++;
                continue;
            }
            i++;
            if (i < pattern.Length && pattern[i] == '^') i++;
            var ranges = 0;
            while (true)
            {
                if (i < pattern.Length && pattern[i] == ']' && ranges > 0)
                {
                    i++;
                    break;
                }
                var problem = ClassChar(pattern, ref i, windows);
                if (problem is not null) return problem;
                if (pattern[i] == '-')
                {
                    i++;
                    problem = ClassChar(pattern, ref i, windows);
                    if (problem is not null) return problem;
                }
                ranges++;
            }
        }
        return null;
    }

    /// <summary>Go's getEsc: one class character (maybe escaped), which must be followed by more of the pattern.</summary>
    private static string? ClassChar(string pattern, ref int i, bool windows)
    {
        if (i >= pattern.Length) return "a '[' class is not closed with ']'";
        if (pattern[i] is '-' or ']') return $"a '[' class has '{pattern[i]}' where a character is expected";
        if (pattern[i] == '\\' && !windows)
        {
            i++;
            if (i >= pattern.Length) return "it ends with an escaping '\\'";
        }
        i += char.IsSurrogatePair(pattern, i) ? 2 : 1;
        return i >= pattern.Length ? "a '[' class is not closed with ']'" : null;
    }
}
