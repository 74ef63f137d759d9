using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// <c>-BuildArg</c>: the values of a Dockerfile's ARG instructions, as <c>docker build --build-arg</c> takes them
/// (docker/cli <c>opts.ValidateEnv</c>, <c>ConvertKVStringsToMapWithNil</c>): a hashtable <c>@{ VERSION = '1.2' }</c>,
/// or strings <c>'VERSION=1.2'</c>. A name given without a value (<c>'HTTP_PROXY'</c>, or <c>$null</c> in a
/// hashtable) takes the value the variable has in this process's environment; when it has none, the name is sent
/// with no value and the ARG keeps its default. A name must not be empty; a later name of the same name wins.
/// </summary>
public sealed class BuildArguments
{
    private const string What = "build argument";
    private const string Expected = "NAME=value, or NAME alone to pass the value NAME has here; for example VERSION=1.2 or @{ VERSION = '1.2' }";

    private static readonly Func<string, string?> ProcessEnvironment = Environment.GetEnvironmentVariable;

    private BuildArguments(IReadOnlyDictionary<string, string?> entries) => Entries = entries;

    public static BuildArguments Empty { get; } = new(new ReadOnlyDictionary<string, string?>(new Dictionary<string, string?>()));

    /// <summary>The engine's <c>buildargs</c> map: a null value is a name without a value.</summary>
    public IReadOnlyDictionary<string, string?> Entries { get; }

    /// <summary>Strings <c>NAME=value</c> or <c>NAME</c>. Throws <see cref="Errors.DockerArgumentException"/> (InvalidBuildArg).</summary>
    public static BuildArguments Parse(IEnumerable<string> values, Func<string, string?>? lookup = null)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        lookup ??= ProcessEnvironment;
        var all = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value is null) throw ArgumentFailure.CreateShown("InvalidBuildArg", What, "$null", "$null", "it is empty", Expected);
            var eq = value.IndexOf('=');
            var name = eq < 0 ? value : value.Substring(0, eq);
            var reason = CheckName(name);
            if (reason is not null) throw ArgumentFailure.Create("InvalidBuildArg", What, value, reason, Expected);
            all[name] = eq < 0 ? lookup(name) : value.Substring(eq + 1);
        }
        return new BuildArguments(new ReadOnlyDictionary<string, string?>(all));
    }

    /// <summary>The hashtable form; values are converted as for labels, <c>$null</c> taking the local value. Throws InvalidBuildArg.</summary>
    public static BuildArguments FromDictionary(IDictionary values, Func<string, string?>? lookup = null)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        lookup ??= ProcessEnvironment;
        var all = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in values)
        {
            var shown = "@{ " + ValueText.Show(entry.Key) + " = " + ValueText.Show(entry.Value) + " }";
            if (!ValueText.TryConvert(entry.Key, out var name))
                throw ArgumentFailure.CreateShown("InvalidBuildArg", What, shown, shown, "the name is a collection", Expected);
            var reason = CheckName(name) ?? (name.IndexOf('=') >= 0 ? $"the name '{name}' contains '='" : null);
            if (reason is not null) throw ArgumentFailure.CreateShown("InvalidBuildArg", What, shown, shown, reason, Expected);
            string? text = null;
            if (entry.Value is null) text = lookup(name);
            else if (!ValueText.TryConvert(entry.Value, out text))
                throw ArgumentFailure.CreateShown("InvalidBuildArg", What, shown, shown, $"the value of {name} is a collection; join it into one string", Expected);
            all[name] = text;
        }
        return new BuildArguments(new ReadOnlyDictionary<string, string?>(all));
    }

    private static string? CheckName(string name)
    {
        if (name.Length == 0) return "the name before '=' is empty";
        if (name.Trim().Length == 0) return "the name is only white space";
        return null;
    }
}
