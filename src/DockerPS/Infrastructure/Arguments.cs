using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine.Arguments;

namespace DockerPS.Infrastructure;

/// <summary>What PowerShell hands a cmdlet, made plain for the engine layer's parsers.</summary>
internal static class Arguments
{
    /// <summary>The object inside a PSObject wrapper ($true arrives wrapped, and would otherwise read "True").</summary>
    public static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

    /// <summary>-Label as users give it: @{ app = 'web' }, 'app=web', or several strings.</summary>
    public static Labels LabelsOf(object? value) => Unwrap(value) switch
    {
        null => Labels.Empty,
        IDictionary table => Labels.FromDictionary(table),
        var other => Labels.Parse(Strings(other)),
    };

    /// <summary>-Environment as users give it: @{ A = 1 }, 'A=1', or several strings.</summary>
    public static EnvironmentVariables? EnvironmentOf(object? value) => Unwrap(value) switch
    {
        null => null,
        IDictionary table => EnvironmentVariables.FromDictionary(table),
        var other => EnvironmentVariables.Parse(Strings(other)),
    };

    /// <summary>-BuildArg as users give it: @{ VERSION = '1.2' }, 'VERSION=1.2', or several strings.</summary>
    public static BuildArguments BuildArgumentsOf(object? value) => Unwrap(value) switch
    {
        null => BuildArguments.Empty,
        IDictionary table => BuildArguments.FromDictionary(table),
        var other => BuildArguments.Parse(Strings(other)),
    };

    /// <summary>Driver options (-Option @{ name = 'value' }): one text value per non-empty name.</summary>
    public static System.Collections.Generic.Dictionary<string, string>? OptionsOf(IDictionary? table, string parameter)
    {
        if (table is null) return null;
        var result = new System.Collections.Generic.Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            var key = System.Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture)?.Trim();
            if (string.IsNullOrEmpty(key))
                throw new Engine.Errors.DockerArgumentException($"{parameter} has an option with an empty name; write @{{ name = 'value' }}.", "InvalidOption", parameter);
            var value = Unwrap(entry.Value);
            if (value is IEnumerable and not string)
                throw new Engine.Errors.DockerArgumentException($"{parameter} option '{key}' has several values; each option takes one.", "InvalidOption", key);
            result[key!] = value is bool b ? (b ? "true" : "false") : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        }
        return result;
    }

    /// <summary>One string, or each item of a list, as invariant text.</summary>
    private static string[] Strings(object value) => value is string one || value is not IEnumerable
        ? new[] { System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty }
        : ((IEnumerable)value).Cast<object?>().Select(o => System.Convert.ToString(Unwrap(o), CultureInfo.InvariantCulture) ?? string.Empty).ToArray();

    /// <summary>A host path resolved against PowerShell's current location, not the process's working directory.</summary>
    public static string ResolveHostPath(PSCmdlet cmdlet, string path) =>
        cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
