using System.Collections;
using System.Globalization;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;

namespace DockerPS.Infrastructure;

/// <summary>Turns what users type for filters (a hashtable, key=value strings, labels) into engine filters.</summary>
internal static class FilterArguments
{
    /// <summary>Adds <c>-Filter @{ key = 'value' }</c> or <c>@{ key = 'a','b' }</c>.</summary>
    public static void AddHashtable(DockerFilters filters, IDictionary? table)
    {
        if (table is null) return;
        foreach (DictionaryEntry entry in table)
        {
            var key = entry.Key?.ToString() ?? string.Empty;
            switch (Unwrap(entry.Value))
            {
                case string s:
                    filters.Add(key, s);
                    break;
                case IEnumerable many:
                    foreach (var item in many) filters.Add(key, ToText(key, Unwrap(item)));
                    break;
                default:
                    filters.Add(key, ToText(key, Unwrap(entry.Value)));
                    break;
            }
        }
    }

    /// <summary>Adds <c>-Label app</c> or <c>-Label app=web</c> as label filters.</summary>
    public static void AddLabels(DockerFilters filters, string[]? labels)
    {
        if (labels is null) return;
        foreach (var label in labels)
        {
            if (string.IsNullOrWhiteSpace(label) || label.StartsWith("=", System.StringComparison.Ordinal))
                throw new DockerArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.InvalidLabelFilter, label), "InvalidLabelFilter", label);
            filters.Add("label", label);
        }
    }

    private static object? Unwrap(object? value) => value is System.Management.Automation.PSObject ps ? ps.BaseObject : value;

    private static string ToText(string key, object? value) => value switch
    {
        null => throw new DockerArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.InvalidFilterValue, key, "null"), "InvalidFilter", key),
        string s => s,
        bool b => b ? "true" : "false",
        System.IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new DockerArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.InvalidFilterValue, key, value.GetType().Name), "InvalidFilter", key),
    };
}
