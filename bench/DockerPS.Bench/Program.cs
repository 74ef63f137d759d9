namespace DockerPS.Bench;

internal static class Program
{
    private const string Usage = "usage: DockerPS.Bench demo | bench [--engines engine20,engine28] [--containers 200] [--out docs/benchmarks.md] | cp [--size-mb 1024] [--runs 3] | containers [--log-mb 500] | images [--size-mb 1024] [--runs 3] | registry [--size-mb 500] [--runs 3] | build-context [--sizes 256,1024] [--runs 3]; every benchmark takes --engines and --out";

    /// <summary>The subcommands, each given the arguments after its name.</summary>
    private static readonly Dictionary<string, Func<string[], Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["demo"] = async _ =>
        {
            await Demo.RunAsync().ConfigureAwait(false);
            return 0;
        },
        ["bench"] = ListBenchmark.RunAsync,
        ["cp"] = CopyBenchmark.RunAsync,
        ["containers"] = ContainerBenchmark.RunAsync,
        ["images"] = ImageArchiveBenchmark.RunAsync,
        ["registry"] = RegistryBenchmark.RunAsync,
        ["build-context"] = BuildContextBenchmark.RunAsync,
    };

    private static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var command = args.Length > 0 ? args[0] : "bench";
        if (!Commands.TryGetValue(command, out var run))
        {
            Console.Error.WriteLine($"unknown subcommand '{command}'");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        try
        {
            return await run(args.Length > 0 ? args[1..] : args).ConfigureAwait(false);
        }
        catch (BenchUsageException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (Engine.Errors.DockerException ex)
        {
            Console.Error.WriteLine($"{ex.ErrorId}: {ex.Message}");
            return 1;
        }
    }
}
