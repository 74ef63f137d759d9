using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Matching;

namespace DockerPS.Completion;

/// <summary>A completion candidate: the text to insert (quoted when needed) and a tooltip.</summary>
public readonly struct Candidate
{
    public Candidate(string value, string toolTip)
    {
        Value = value;
        CompletionText = CompletionSource.Quote(value);
        ToolTip = toolTip;
    }

    public string Value { get; }

    public string CompletionText { get; }

    public string ToolTip { get; }
}

/// <summary>
/// Fetches names from the engine for tab completion: fast (a short timeout), silent when the engine is down or
/// slow, matching what was typed as a prefix with PowerShell's wildcards. No PowerShell types, so it is tested.
/// </summary>
public static class CompletionSource
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(1500);

    public static IReadOnlyList<Candidate> Containers(DockerClient client, string? typed, TimeSpan timeout) =>
        Fetch(async ct =>
        {
            var list = await client.Containers.ListAsync(new ContainerListOptions { All = true }, ct).ConfigureAwait(false);
            return list.Select(c => (c.Name, $"{c.Name} ({c.ShortId}) {c.Image} - {c.Status}"));
        }, typed, timeout);

    public static IReadOnlyList<Candidate> Images(DockerClient client, string? typed, TimeSpan timeout) =>
        Fetch(async ct =>
        {
            var list = await client.Images.ListAsync(null, ct).ConfigureAwait(false);
            return list.Where(i => i.Reference is not null).Select(i => (i.Reference!, $"{i.Reference} ({i.ShortId})"));
        }, typed, timeout);

    public static IReadOnlyList<Candidate> Contexts(IDockerEnvironment? environment, string? typed)
    {
        try
        {
            var names = new EndpointResolver(environment).Contexts.ListNames();
            return Filter(names.Select(n => (n, "docker context " + n)), typed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Array.Empty<Candidate>();
        }
    }

    private static readonly string[] DetachKeyNames = new[] { "ctrl-@" }
        .Concat(Enumerable.Range('a', 26).Select(c => "ctrl-" + (char)c))
        .Concat(new[] { "ctrl-[", "ctrl-\\", "ctrl-]", "ctrl-^", "ctrl-_", "DEL" })
        .ToArray();

    /// <summary>
    /// Keys for the last piece of a detach sequence being typed (docker's syntax: ctrl-a to ctrl-z, ctrl-@, ctrl-[,
    /// ctrl-\, ctrl-], ctrl-^, ctrl-_ or DEL after the keys already typed); nothing typed offers docker's default.
    /// Matched as a plain prefix: these keys are full of wildcard characters.
    /// </summary>
    public static IReadOnlyList<Candidate> DetachKeys(string? typed)
    {
        var word = Unquote(typed ?? string.Empty);
        if (word.Length == 0) return new[] { new Candidate("ctrl-p,ctrl-q", "docker's default: Ctrl+P then Ctrl+Q") };
        var comma = word.LastIndexOf(',');
        var before = word.Substring(0, comma + 1);
        var piece = word.Substring(comma + 1);
        return DetachKeyNames.Where(k => k.StartsWith(piece, StringComparison.Ordinal))
            .Select(k => new Candidate(before + k, k == "DEL" ? "Delete" : "Ctrl+" + k.Substring(5).ToUpperInvariant()))
            .ToArray();
    }

    private static Candidate[] Fetch(Func<CancellationToken, Task<IEnumerable<(string Value, string Tip)>>> fetch, string? typed, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var task = Task.Run(() => fetch(cts.Token), cts.Token);
            if (!task.Wait(timeout)) return Array.Empty<Candidate>();
            return Filter(task.Result, typed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Completion never reports errors: an engine that is down or slow just offers nothing.
            return Array.Empty<Candidate>();
        }
        finally
        {
            cts.Cancel();
        }
    }

    private static Candidate[] Filter(IEnumerable<(string Value, string Tip)> items, string? typed)
    {
        var word = Unquote(typed ?? string.Empty);
        var pattern = new Wildcard(word + "*", ignoreCase: true);
        return items
            .Where(i => pattern.IsMatch(i.Value))
            .GroupBy(i => i.Value, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(i => i.Value, StringComparer.OrdinalIgnoreCase)
            .Select(i => new Candidate(i.Value, i.Tip))
            .ToArray();
    }

    private static string Unquote(string word)
    {
        if (word.Length > 0 && (word[0] == '\'' || word[0] == '"')) word = word.Substring(1);
        if (word.Length > 0 && (word[word.Length - 1] == '\'' || word[word.Length - 1] == '"')) word = word.Substring(0, word.Length - 1);
        return word;
    }

    /// <summary>
    /// Single-quotes a value unless PowerShell reads it back as the same bare string: it must start with a letter
    /// (a leading digit makes 007, 1kb or 0x10 a number) and hold only name characters.
    /// </summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && char.IsLetter(value[0]) && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@' or '+')) return value;
        return "'" + value.Replace("'", "''") + "'";
    }
}
