namespace DockerPS.Bench.Support;

/// <summary>
/// What every benchmark starts and ends with: its command line read (refused before anything is touched if it is
/// wrong), the endpoints file read and the engines chosen, and a report that is printed and, with --out, written at
/// the end.
/// </summary>
internal sealed class BenchSession
{
    private BenchSession(BenchOptions options, BenchEndpoints endpoints)
    {
        Options = options;
        Endpoints = endpoints;
        Engines = endpoints.Select(options.Engines);
    }

    public BenchOptions Options { get; }

    public BenchEndpoints Endpoints { get; }

    /// <summary>The engines to measure: those named by --engines, or all.</summary>
    public IReadOnlyList<BenchEngine> Engines { get; }

    public BenchReport Report { get; } = new();

    /// <summary>Reads the command line of <paramref name="command"/>, which takes <paramref name="options"/> besides --engines and --out, and the endpoints file.</summary>
    public static async Task<BenchSession> StartAsync(string command, string[] args, params string[] options)
    {
        var parsed = BenchOptions.Parse(command, args, [BenchOptions.EnginesOption, .. options, BenchOptions.OutOption]);
        return new BenchSession(parsed, await BenchEndpoints.LoadAsync().ConfigureAwait(false));
    }

    /// <summary>Prints the report, writes it to --out when given, and gives the exit code.</summary>
    public async Task<int> FinishAsync()
    {
        await Report.PublishAsync(Options.Out).ConfigureAwait(false);
        return 0;
    }
}
