using System;
using System.Globalization;
using System.Threading.Tasks;

namespace DockerPS.Bench;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var command = args.Length > 0 ? args[0] : "bench";
        try
        {
            switch (command)
            {
                case "demo":
                    await Demo.RunAsync().ConfigureAwait(false);
                    return 0;
                case "cp":
                    return await CopyBenchmark.RunAsync(args[1..]).ConfigureAwait(false);
                case "images":
                    return await ImageArchiveBenchmark.RunAsync(args[1..]).ConfigureAwait(false);
                case "build-context":
                    return await BuildContextBenchmark.RunAsync(args[1..]).ConfigureAwait(false);
                case "containers":
                    return await ContainerBenchmark.RunAsync(args[1..]).ConfigureAwait(false);
                case "registry":
                    return await RegistryBenchmark.RunAsync(args[1..]).ConfigureAwait(false);
                case "bench":
                    return await ListBenchmark.RunAsync(args[1..]).ConfigureAwait(false);
                default:
                    Console.Error.WriteLine("usage: DockerPS.Bench demo | bench [--engines engine20,engine28] [--containers 200] [--out docs/benchmarks.md] | cp | containers [--log-mb 500] | images [--size-mb 1024] [--runs 3] | registry [--size-mb 500] [--runs 3] | build-context [--sizes 256,1024] [--runs 3]");
                    return 2;
            }
        }
        catch (Engine.Errors.DockerException ex)
        {
            Console.Error.WriteLine($"{ex.ErrorId}: {ex.Message}");
            return 1;
        }
    }
}
