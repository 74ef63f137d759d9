namespace DockerPS.Bench.Support;

/// <summary>
/// A subcommand's command line: every option is <c>--name value</c>, the subcommand lists the ones it takes, and
/// anything else is refused with a message that names it. The last of a repeated option counts. Values are read with
/// the subcommand's own defaults, so each keeps the figures it has always measured by default.
/// </summary>
internal sealed class BenchOptions
{
    private readonly string _command;
    private readonly Dictionary<string, string> _values;

    // The options every benchmark takes (the engines to measure, a file for the report) and those several do (the
    // number of paired runs, the size of the data moved in MiB).
    public const string EnginesOption = "--engines";
    public const string OutOption = "--out";
    public const string RunsOption = "--runs";
    public const string SizeOption = "--size-mb";

    private BenchOptions(string command, Dictionary<string, string> values)
    {
        _command = command;
        _values = values;
    }

    /// <summary>The engine names given with --engines (comma-separated); null for all of them.</summary>
    public IReadOnlySet<string>? Engines => _values.TryGetValue(EnginesOption, out var names) ? names.Split(',').ToHashSet(StringComparer.Ordinal) : null;

    /// <summary>The file the report is also written to (--out); null to print it only.</summary>
    public string? Out => _values.GetValueOrDefault(OutOption);

    /// <exception cref="BenchUsageException">An option the subcommand does not take, or one without its value.</exception>
    public static BenchOptions Parse(string command, string[] args, params string[] accepted)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!accepted.Contains(name, StringComparer.Ordinal))
            {
                throw new BenchUsageException($"{command}: unknown option '{name}'; it takes {string.Join(", ", accepted)}");
            }
            if (i + 1 == args.Length) throw new BenchUsageException($"{command}: {name} needs a value");
            values[name] = args[++i];
        }
        return new BenchOptions(command, values);
    }

    /// <summary>The number of paired runs (--runs): 3 unless given, at least 1.</summary>
    public int Runs => Number(RunsOption, 3, minimum: 1);

    /// <summary>The size of the data moved in MiB (--size-mb): the benchmark's default unless given, at least 1.</summary>
    public int SizeMb(int defaultValue) => Number(SizeOption, defaultValue, minimum: 1);

    /// <summary>A whole number of at least <paramref name="minimum"/>, or the default when the option is absent.</summary>
    public int Number(string name, int defaultValue, int minimum) =>
        _values.TryGetValue(name, out var text) ? Parse(name, text, minimum) : defaultValue;

    /// <summary>A comma-separated list of whole numbers, each at least <paramref name="minimum"/>, or the default.</summary>
    public int[] Numbers(string name, int[] defaultValue, int minimum) =>
        _values.TryGetValue(name, out var text) ? text.Split(',').Select(t => Parse(name, t, minimum)).ToArray() : defaultValue;

    private int Parse(string name, string text, int minimum)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new BenchUsageException($"{_command}: {name} takes a whole number of at least {minimum}, not '{text}'");
        }
        return value;
    }
}
