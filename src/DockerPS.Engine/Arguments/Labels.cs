using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// <c>-Label</c>: <c>'key=value'</c> or <c>'key'</c> (an empty value), as <c>docker run -l</c> (docker/cli
/// <c>opts.ValidateLabel</c>, <c>ConvertKVStringsToMap</c>), or a hashtable. A key must not be empty or contain
/// whitespace; a later key of the same name wins.
/// </summary>
public sealed class Labels
{
    private const string What = "label";
    private const string Expected = "key=value, or key alone for an empty value; for example com.example.owner=ops or maintenance";

    private Labels(IReadOnlyDictionary<string, string> entries) => Entries = entries;

    public static Labels Empty { get; } = new(new ReadOnlyDictionary<string, string>(new Dictionary<string, string>()));

    /// <summary>The engine's <c>Labels</c> map.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; }

    /// <summary>These labels with <paramref name="later"/>'s added, theirs winning.</summary>
    public Labels Merge(Labels later)
    {
        if (later is null) throw new ArgumentNullException(nameof(later));
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in Entries) all[kv.Key] = kv.Value;
        foreach (var kv in later.Entries) all[kv.Key] = kv.Value;
        return new Labels(new ReadOnlyDictionary<string, string>(all));
    }

    /// <summary>Throws <see cref="DockerArgumentException"/> (InvalidLabel).</summary>
    public static Labels Parse(IEnumerable<string> values)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value is null) throw ArgumentFailure.CreateShown("InvalidLabel", What, "$null", "$null", "it is empty", Expected);
            var eq = value.IndexOf('=');
            var key = eq < 0 ? value : value.Substring(0, eq);
            var reason = CheckKey(key);
            if (reason is not null) throw ArgumentFailure.Create("InvalidLabel", What, value, reason, Expected);
            all[key] = eq < 0 ? string.Empty : value.Substring(eq + 1);
        }
        return new Labels(new ReadOnlyDictionary<string, string>(all));
    }

    /// <summary>
    /// The hashtable form, <c>@{ 'com.example.owner' = 'ops' }</c>: values converted as for the environment
    /// (invariant culture, <c>$true</c> as "true"), <c>$null</c> as an empty value. Throws InvalidLabel.
    /// </summary>
    public static Labels FromDictionary(IDictionary values)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in values)
        {
            var shown = "@{ " + ValueText.Show(entry.Key) + " = " + ValueText.Show(entry.Value) + " }";
            if (!ValueText.TryConvert(entry.Key, out var key))
                throw ArgumentFailure.CreateShown("InvalidLabel", What, shown, shown, "the key is a collection", Expected);
            var reason = CheckKey(key) ?? (key.IndexOf('=') >= 0 ? $"the key '{key}' contains '='" : null);
            if (reason is not null) throw ArgumentFailure.CreateShown("InvalidLabel", What, shown, shown, reason, Expected);
            var text = string.Empty;
            if (entry.Value is not null && !ValueText.TryConvert(entry.Value, out text))
                throw ArgumentFailure.CreateShown("InvalidLabel", What, shown, shown, $"the value of {key} is a collection; join it into one string", Expected);
            all[key] = text;
        }
        return new Labels(new ReadOnlyDictionary<string, string>(all));
    }

    private static string? CheckKey(string key)
    {
        if (key.Length == 0) return "the key before '=' is empty";
        foreach (var c in key)
            if (char.IsWhiteSpace(c)) return $"the key '{key}' contains whitespace";
        return null;
    }
}
