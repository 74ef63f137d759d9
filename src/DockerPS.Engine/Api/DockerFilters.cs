using System;
using System.Collections.Generic;
using System.Text.Json;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Api;

/// <summary>Engine-side list filters (<c>--filter key=value</c>), sent as the <c>filters</c> JSON query parameter.</summary>
public sealed class DockerFilters
{
    private readonly Dictionary<string, List<string>> _filters = new(StringComparer.Ordinal);

    public bool IsEmpty => _filters.Count == 0;

    public IReadOnlyDictionary<string, List<string>> Values => _filters;

    public DockerFilters Add(string key, string value)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new DockerArgumentException($"A filter needs a key; got '{key}={value}'.", "InvalidFilter", key + "=" + value);
        if (!_filters.TryGetValue(key, out var list)) _filters[key] = list = new List<string>();
        if (!list.Contains(value)) list.Add(value);
        return this;
    }

    public bool Contains(string key) => _filters.ContainsKey(key);

    /// <summary>Adds <c>key=value</c> as the docker CLI's <c>--filter</c> takes it.</summary>
    public DockerFilters AddExpression(string expression)
    {
        var eq = expression?.IndexOf('=') ?? -1;
        if (expression is null || eq <= 0)
            throw new DockerArgumentException($"The filter '{expression}' is not of the form key=value (for example status=exited or label=app=web).", "InvalidFilter", expression);
        return Add(expression.Substring(0, eq).Trim(), expression.Substring(eq + 1));
    }

    public string ToJson() => JsonSerializer.Serialize(_filters, WireJsonContext.Default.DictionaryStringListString);
}
