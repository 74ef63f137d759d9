using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Matching;

namespace DockerPS.Completion;

/// <summary>
/// The parameters of one command as the binder sees them: its name, the aliases that point to it, and every
/// parameter (common ones included) with its aliases.
/// </summary>
public sealed class CommandShape
{
    public CommandShape(string name, IEnumerable<string> aliases, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> parameters)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Aliases = (aliases ?? Enumerable.Empty<string>()).ToArray();
        Parameters = (parameters ?? throw new ArgumentNullException(nameof(parameters))).ToArray();
    }

    public string Name { get; }

    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Each parameter's name and its aliases.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Parameters { get; }
}

/// <summary>
/// What <c>$PSDefaultParameterValues</c> gives one parameter of one command, decided the way PowerShell's binder
/// decides it, so that a completer asks the engine the command itself would use. No PowerShell types: the
/// dictionary's entries and the command's shape come in as plain values.
/// </summary>
/// <remarks>
/// The rules, as PowerShell applies them: keys are <c>Command:Parameter</c> (either name may be quoted, blanks
/// around them are ignored) and keys that are not are skipped; a <c>Disabled</c> key with a true value turns every
/// default off. The command part matches the command's name or one of its aliases, with wildcards; the parameter part
/// matches a parameter's name or alias, and a wildcard there that fits more than one name or alias is ambiguous and
/// ignored. When the matching keys give the parameter different values, it gets none.
/// </remarks>
public static class DefaultParameterLookup
{
    /// <summary>The key that, with a true value, turns every default off.</summary>
    public const string DisabledKey = "Disabled";

    /// <summary>
    /// The default value for <paramref name="parameter"/> of <paramref name="command"/>, or false when none applies.
    /// <paramref name="isTrue"/> is PowerShell's truth test, for the value of a <c>Disabled</c> key.
    /// </summary>
    public static bool TryFind(IDictionary? defaults, CommandShape command, string parameter, Func<object?, bool> isTrue, out object? value)
    {
        if (command is null) throw new ArgumentNullException(nameof(command));
        if (isTrue is null) throw new ArgumentNullException(nameof(isTrue));
        value = null;
        if (defaults is null || defaults.Count == 0) return false;

        var target = Resolve(command, parameter);
        if (target is null) return false;

        var found = new List<object?>();
        foreach (DictionaryEntry entry in defaults)
        {
            if (entry.Key is not string key) continue;
            key = key.Trim();
            if (!TryParseKey(key, out var commandPart, out var parameterPart))
            {
                if (key.Equals(DisabledKey, StringComparison.OrdinalIgnoreCase) && isTrue(entry.Value)) return false;
                continue;
            }
            if (!CommandMatches(command, commandPart, Wildcard.HasWildcard(key))) continue;
            var named = Wildcard.HasWildcard(parameterPart) ? Single(command, parameterPart) : Resolve(command, parameterPart);
            if (string.Equals(named, target, StringComparison.OrdinalIgnoreCase)) found.Add(entry.Value);
        }

        if (found.Count == 0 || found.Skip(1).Any(v => !Equals(v, found[0]))) return false;
        value = found[0];
        return true;
    }

    /// <summary>
    /// Splits <c>Command:Parameter</c>. The command name ends at the first colon unless quoted; the parameter name is
    /// the rest, which may be quoted. Both are trimmed and must not be empty.
    /// </summary>
    public static bool TryParseKey(string key, out string command, out string parameter)
    {
        command = parameter = string.Empty;
        if (key is null) return false;
        var i = SkipBlanks(key, 0);
        if (i == key.Length) return false;

        if (Quote(key[i]) != 0)
        {
            var close = ClosingQuote(key, i);
            if (close < 0) return false;
            command = key.Substring(i + 1, close - i - 1).Trim();
            i = SkipBlanks(key, close + 1);
            if (i == key.Length || key[i] != ':') return false;
        }
        else
        {
            var colon = key.IndexOf(':', i);
            if (colon < 0) return false;
            command = key.Substring(i, colon - i).Trim();
            i = colon;
        }
        if (command.Length == 0) return false;

        i = SkipBlanks(key, i + 1);
        if (i == key.Length) return false;
        if (Quote(key[i]) != 0)
        {
            var close = ClosingQuote(key, i);
            // Nothing may follow the closing quote.
            if (close != key.Length - 1) return false;
            parameter = key.Substring(i + 1, close - i - 1).Trim();
        }
        else
        {
            parameter = key.Substring(i).Trim();
        }
        return parameter.Length > 0;
    }

    /// <summary>
    /// A key with no wildcard anywhere names the command exactly; otherwise its command part is a pattern. Either
    /// way an alias of the command may stand for it.
    /// </summary>
    private static bool CommandMatches(CommandShape command, string commandPart, bool wildcardKey)
    {
        var pattern = new Wildcard(commandPart, ignoreCase: true);
        if (wildcardKey ? pattern.IsMatch(command.Name) : commandPart.Equals(command.Name, StringComparison.OrdinalIgnoreCase)) return true;
        return command.Aliases.Any(pattern.IsMatch);
    }

    /// <summary>The parameter a name or alias names exactly (case-insensitive), or null.</summary>
    private static string? Resolve(CommandShape command, string name)
    {
        foreach (var p in command.Parameters)
        {
            if (p.Key.Equals(name, StringComparison.OrdinalIgnoreCase) || p.Value.Any(a => a.Equals(name, StringComparison.OrdinalIgnoreCase))) return p.Key;
        }
        return null;
    }

    /// <summary>
    /// The parameter a wildcard names, or null when it fits none or more than one name or alias (a parameter whose
    /// name and alias both fit counts twice, as PowerShell counts it).
    /// </summary>
    private static string? Single(CommandShape command, string pattern)
    {
        var wildcard = new Wildcard(pattern, ignoreCase: true);
        var hits = command.Parameters
            .SelectMany(p => new[] { p.Key }.Concat(p.Value).Where(wildcard.IsMatch).Select(_ => p.Key))
            .Take(2)
            .ToList();
        return hits.Count == 1 ? hits[0] : null;
    }

    private static int SkipBlanks(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    /// <summary>1 for a single quote, 2 for a double quote (typographic ones too, as PowerShell reads them), else 0.</summary>
    private static int Quote(char c) => c switch
    {
        '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B' => 1,
        '"' or '\u201C' or '\u201D' or '\u201E' => 2,
        _ => 0,
    };

    /// <summary>The next quote of the same kind as the one at <paramref name="open"/>, or -1.</summary>
    private static int ClosingQuote(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (Quote(text[i]) == Quote(text[open])) return i;
        }
        return -1;
    }
}
