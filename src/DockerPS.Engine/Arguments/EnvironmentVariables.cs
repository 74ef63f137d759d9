using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>One entry of a container's environment.</summary>
public sealed class EnvironmentVariable
{
    public EnvironmentVariable(string name, string? value)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Value = value;
    }

    public string Name { get; }

    /// <summary>
    /// The value; null when none was given and none was found locally. The engine then removes the variable from
    /// the container, even one the image sets (docker: "the variable is unset in the container").
    /// </summary>
    public string? Value { get; }

    /// <summary>The engine's form: <c>NAME=value</c>, or <c>NAME</c> alone for an unset.</summary>
    public override string ToString() => Value is null ? Name : Name + "=" + Value;
}

/// <summary>
/// The environment given with <c>-Environment</c> and <c>-EnvFile</c>, in order, as the engine's <c>Env</c> list.
/// </summary>
/// <remarks>
/// <para><c>NAME=value</c> sets; <c>NAME</c> alone takes the value NAME has in the local environment (the
/// <c>lookup</c> callback, by default the process environment). When NAME is not set locally, <c>-Environment</c>
/// passes the bare NAME, which the engine reads as "unset NAME in the container" (docker/cli <c>opts.ValidateEnv</c>,
/// moby <c>ReplaceOrAppendEnvValues</c>), while an env file leaves the line out (docker/cli <c>pkg/kvfile</c>).</para>
/// <para>A name must not be empty or contain whitespace. Values are taken as written: no quote removal, no
/// expansion. Later entries override earlier ones in the container, so pass the env file first.</para>
/// </remarks>
public sealed class EnvironmentVariables
{
    private const string Expected = "NAME=value, or NAME alone to pass the value NAME has here; for example A=1, JAVA_OPTS=-Xmx1g or HOME";
    private const string FileExpected = "one NAME=value or NAME per line, lines starting with # being comments; for example DEBUG=1";

    private static readonly Func<string, string?> ProcessEnvironment = Environment.GetEnvironmentVariable;

    private EnvironmentVariables(IReadOnlyList<EnvironmentVariable> variables) => Variables = variables;

    public static EnvironmentVariables Empty { get; } = new(Array.Empty<EnvironmentVariable>());

    /// <summary>The entries in the order given.</summary>
    public IReadOnlyList<EnvironmentVariable> Variables { get; }

    /// <summary>The engine's <c>Env</c>: <c>NAME=value</c> strings, and bare <c>NAME</c> for an unset.</summary>
    public IReadOnlyList<string> ToEngineList()
    {
        var list = new string[Variables.Count];
        for (var i = 0; i < list.Length; i++) list[i] = Variables[i].ToString();
        return list;
    }

    /// <summary>These entries followed by <paramref name="later"/>'s, which override them in the container.</summary>
    public EnvironmentVariables Concat(EnvironmentVariables later)
    {
        if (later is null) throw new ArgumentNullException(nameof(later));
        var all = new List<EnvironmentVariable>(Variables);
        all.AddRange(later.Variables);
        return new EnvironmentVariables(all.AsReadOnly());
    }

    /// <summary>
    /// The string form: <c>'A=1','B=2'</c>, <c>'HOME'</c>. <paramref name="lookup"/> returns a local value or null
    /// (default: the process environment). Throws <see cref="DockerArgumentException"/> (InvalidEnvironment).
    /// </summary>
    public static EnvironmentVariables Parse(IEnumerable<string> values, Func<string, string?>? lookup = null)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        lookup ??= ProcessEnvironment;
        var list = new List<EnvironmentVariable>();
        foreach (var value in values)
        {
            if (value is null) throw ArgumentFailure.CreateShown("InvalidEnvironment", "environment variable", "$null", "$null", "it is empty", Expected);
            var eq = value.IndexOf('=');
            var name = eq < 0 ? value : value.Substring(0, eq);
            var reason = CheckName(name);
            if (reason is not null) throw ArgumentFailure.Create("InvalidEnvironment", "environment variable", value, reason, Expected);
            list.Add(new EnvironmentVariable(name, eq < 0 ? lookup(name) : value.Substring(eq + 1)));
        }
        return new EnvironmentVariables(list.AsReadOnly());
    }

    /// <summary>
    /// The hashtable form: <c>@{ A = 1; DEBUG = $true }</c>. Values are converted culture-invariantly (1.5 is
    /// "1.5"; <c>$true</c> is "true", as compose writes it); a <c>$null</c> value is NAME alone (the local value, or
    /// an unset); a collection is refused. Throws <see cref="DockerArgumentException"/> (InvalidEnvironment).
    /// </summary>
    public static EnvironmentVariables FromDictionary(IDictionary values, Func<string, string?>? lookup = null)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        lookup ??= ProcessEnvironment;
        var list = new List<EnvironmentVariable>();
        foreach (DictionaryEntry entry in values)
        {
            var shown = "@{ " + ValueText.Show(entry.Key) + " = " + ValueText.Show(entry.Value) + " }";
            if (!ValueText.TryConvert(entry.Key, out var name))
                throw ArgumentFailure.CreateShown("InvalidEnvironment", "environment variable", shown, shown, "the name is a collection", Expected);
            var reason = CheckName(name) ?? (name.IndexOf('=') >= 0 ? $"the name '{name}' contains '='" : null);
            if (reason is not null) throw ArgumentFailure.CreateShown("InvalidEnvironment", "environment variable", shown, shown, reason, Expected);
            string? value;
            if (entry.Value is null) value = lookup(name);
            else if (!ValueText.TryConvert(entry.Value, out var text))
                throw ArgumentFailure.CreateShown("InvalidEnvironment", "environment variable", shown, shown, $"the value of {name} is a collection; join it into one string", Expected);
            else value = text;
            list.Add(new EnvironmentVariable(name, value));
        }
        return new EnvironmentVariables(list.AsReadOnly());
    }

    /// <summary>
    /// An env file's text, as <c>docker run --env-file</c> reads it: a leading BOM removed, leading whitespace of each
    /// line removed (trailing kept), empty lines and lines starting with <c>#</c> skipped, <c>NAME=value</c> taken as
    /// written (quotes included), <c>NAME</c> alone taken from <paramref name="lookup"/> or left out. A bad line is
    /// refused with <paramref name="fileName"/> and its line number. Throws <see cref="DockerArgumentException"/> (InvalidEnvFile).
    /// </summary>
    public static EnvironmentVariables ParseEnvFile(TextReader reader, string fileName, Func<string, string?>? lookup = null)
    {
        if (reader is null) throw new ArgumentNullException(nameof(reader));
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
        var lines = new List<string>(SplitLines(reader.ReadToEnd()));
        if (lines.Count > 0 && lines[0].Length > 0 && lines[0][0] == '\uFEFF') lines[0] = lines[0].Substring(1);
        return FromLines(lines, fileName, lookup ?? ProcessEnvironment);
    }

    /// <summary>
    /// As <see cref="ParseEnvFile(TextReader, string, Func{string, string})"/>, reading UTF-8 bytes: a line that is
    /// not valid UTF-8 is refused with its number, as docker does.
    /// </summary>
    public static EnvironmentVariables ParseEnvFile(Stream stream, string fileName, Func<string, string?>? lookup = null)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
        byte[] bytes;
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }

        var strict = new UTF8Encoding(false, true);
        var lines = new List<string>();
        var start = 0;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) start = 3;
        while (start <= bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var last = end < 0;
            if (last) end = bytes.Length;
            var length = end - start;
            if (length > 0 && bytes[end - 1] == (byte)'\r') length--;
            try
            {
                lines.Add(strict.GetString(bytes, start, length));
            }
            catch (DecoderFallbackException)
            {
                throw FileFailure(fileName, lines.Count + 1, "it is not valid UTF-8");
            }
            if (last) break;
            start = end + 1;
        }
        return FromLines(lines, fileName, lookup ?? ProcessEnvironment);
    }

    private static EnvironmentVariables FromLines(List<string> lines, string fileName, Func<string, string?> lookup)
    {
        var list = new List<EnvironmentVariable>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimStart();
            if (line.Length == 0 || line[0] == '#') continue;
            var eq = line.IndexOf('=');
            var name = eq < 0 ? line : line.Substring(0, eq);
            var reason = CheckName(name);
            if (reason is not null) throw FileFailure(fileName, i + 1, $"'{line}': {reason}");
            if (eq >= 0)
            {
                list.Add(new EnvironmentVariable(name, line.Substring(eq + 1)));
            }
            else
            {
                var value = lookup(name);
                if (value is not null) list.Add(new EnvironmentVariable(name, value));
            }
        }
        return new EnvironmentVariables(list.AsReadOnly());
    }

    private static DockerArgumentException FileFailure(string fileName, int line, string reason) =>
        new($"The env file '{fileName}' is not valid: line {line}: {reason}. Expected {FileExpected}.", "InvalidEnvFile", fileName);

    /// <summary>bufio.ScanLines: split at '\n', drop one '\r' before it; no empty token after a final newline.</summary>
    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var length = end - start;
            if (length > 0 && text[end - 1] == '\r') length--;
            yield return text.Substring(start, length);
            start = end + 1;
        }
    }

    internal static string? CheckName(string name)
    {
        if (name.Length == 0) return "the name before '=' is empty";
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c)) return $"the name '{name}' contains whitespace";
            if (c == '\0') return $"the name '{name}' contains a NUL character";
        }
        return null;
    }
}
