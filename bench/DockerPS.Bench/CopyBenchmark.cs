using DockerPS.Engine.Api;
using DockerPS.Engine.Archive;

namespace DockerPS.Bench;

/// <summary>
/// docker cp of one large file (1 GiB by default) into a container and back out: DockerPS in-process against the
/// docker CLI as a process, on each engine, alternating which goes first; medians of the runs. Also the peak
/// growth of managed memory during DockerPS's copies (sampled from its progress reports) and the file hashes.
/// Dirty pages are flushed (sync) before each timed copy, so one copy's write-back does not slow the next; the
/// ratio column is the median of each run's paired ratio, steadier than the ratio of medians on a busy machine.
/// </summary>
internal static class CopyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var bench = await BenchSession.StartAsync("cp", args, BenchOptions.SizeOption, BenchOptions.RunsOption).ConfigureAwait(false);
        var sizeMb = bench.Options.SizeMb(1024);
        var runs = bench.Options.Runs;
        var image = bench.Endpoints.Busybox;

        var work = Path.Combine(Path.GetTempPath(), "dockerps-bench-cp-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(work);
        var report = bench.Report;
        try
        {
            var source = Path.Combine(work, "payload.bin");
            var bytes = (long)sizeMb * 1024 * 1024;
            await RandomData.WriteFileAsync(source, bytes, new Random(1)).ConfigureAwait(false);
            var sourceHash = Hash(source);

            report.Heading($"docker cp of one {sizeMb} MiB file, measured {BenchReport.Stamp}; medians of {runs} runs, MiB/s.");
            report.Table("llrrrr", "engine", "direction", "DockerPS", "docker cp", "DockerPS / docker cp (paired)", "DockerPS peak managed growth");

            foreach (var engine in bench.Engines)
            {
                using var client = engine.Connect();
                var cli = new CliProcess(engine);
                var container = await client.Containers.CreateAsync(new ContainerCreateOptions(image)
                {
                    Command = new[] { "sleep", "300" },
                    Labels = new Dictionary<string, string> { ["dockerps.bench"] = "cp" },
                }).ConfigureAwait(false);
                try
                {
                    var into = new PairedFigures();
                    var outOf = new PairedFigures();
                    double Rate(double seconds) => bytes / 1048576.0 / seconds;
                    async Task Ours(PairedFigures figures, Func<DockerCopyOptions, Task> copy) =>
                        figures.Ours.Add(Rate(await figures.MeasureOursAsync(memory => copy(new DockerCopyOptions { Progress = memory.Progress<DockerCopyProgress>(), ProgressInterval = TimeSpan.FromMilliseconds(50) })).ConfigureAwait(false)));
                    await PairedRuns.RunAsync(
                        runs,
                        async (_, ours) =>
                        {
                            await PageCache.FlushAsync().ConfigureAwait(false);
                            if (ours)
                            {
                                await Ours(into, o => client.Archive.CopyToContainerAsync(source, container, "/tmp/ours.bin", o)).ConfigureAwait(false);
                            }
                            else
                            {
                                var run = await cli.RunAsync("cp", source, container + ":/tmp/cli.bin").ConfigureAwait(false);
                                into.Cli.Add(Rate(run.Seconds));
                            }
                        },
                        async (_, ours) =>
                        {
                            var target = Path.Combine(work, ours ? "out-ours.bin" : "out-cli.bin");
                            File.Delete(target);
                            await PageCache.FlushAsync().ConfigureAwait(false);
                            if (ours)
                            {
                                await Ours(outOf, o => client.Archive.CopyFromContainerAsync(container, "/tmp/ours.bin", target, o)).ConfigureAwait(false);
                            }
                            else
                            {
                                var run = await cli.RunAsync("cp", container + ":/tmp/cli.bin", target).ConfigureAwait(false);
                                outOf.Cli.Add(Rate(run.Seconds));
                            }
                        }).ConfigureAwait(false);
                    foreach (var name in new[] { "out-ours.bin", "out-cli.bin" })
                    {
                        if (Hash(Path.Combine(work, name)) != sourceHash) throw new InvalidOperationException($"{engine.Name}: {name} differs from the source.");
                    }
                    Row(report, engine.Name, "into the container", into);
                    Row(report, engine.Name, "out of the container", outOf);
                    Console.Error.WriteLine($"{engine.Name}: in {Stats.Each(into.Ours, "F0")} vs {Stats.Each(into.Cli, "F0")}; out {Stats.Each(outOf.Ours, "F0")} vs {Stats.Each(outOf.Cli, "F0")}");
                }
                finally
                {
                    await client.Containers.RemoveAsync(container, force: true).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return await bench.FinishAsync().ConfigureAwait(false);
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
    }

    private static void Row(BenchReport report, string engine, string direction, PairedFigures rates) =>
        report.Line($"| {engine} | {direction} | {Stats.Median(rates.Ours):F0} | {Stats.Median(rates.Cli):F0} | {rates.MedianRatio:F2} | {rates.PeakManaged / 1048576.0:F1} MiB |");
}
