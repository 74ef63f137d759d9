using DockerPS.Engine.Build;

namespace DockerPS.Bench;

/// <summary>
/// docker build of a large context (1 GiB of incompressible files by default, plus a thousand small ones) with the
/// classic builder: DockerPS in-process against <c>DOCKER_BUILDKIT=0 docker build</c> as a process, on each engine,
/// alternating which goes first; medians of the runs. The Dockerfile uses none of the context (FROM scratch and a
/// LABEL, no cache), so what is timed is the context going from the files to the engine, which unpacks it before the
/// first step. For DockerPS the peak growth of the process's working set and of the managed heap over the upload
/// is sampled every 10 ms, with the bytes allocated; for the CLI, its peak resident set (GNU time). Run with several
/// sizes (--sizes 256,1024) to see whether DockerPS's memory stays flat as the context grows.
/// </summary>
internal static class BuildContextBenchmark
{
    private const string SizesOption = "--sizes";

    public static async Task<int> RunAsync(string[] args)
    {
        var bench = await BenchSession.StartAsync("build-context", args, SizesOption, BenchOptions.RunsOption).ConfigureAwait(false);
        var sizes = bench.Options.Numbers(SizesOption, new[] { 1024 }, minimum: 1);
        var runs = bench.Options.Runs;

        var report = bench.Report;
        report.Heading($"docker build of a large context, measured {BenchReport.Stamp}; medians of {runs} runs.");
        report.Table("lrrrrrrrr", "engine", "context", "DockerPS", "docker build (classic)", "DockerPS / CLI (paired)", "DockerPS peak working-set growth", "DockerPS peak managed-heap growth", "DockerPS bytes allocated", "CLI peak RSS");

        foreach (var sizeMb in sizes)
        {
            var work = Path.Combine(Path.GetTempPath(), "dpsbuild-bench-ctx-" + Guid.NewGuid().ToString("n")[..8]);
            try
            {
                var (bytes, files) = await MakeContextAsync(work, sizeMb).ConfigureAwait(false);
                Console.Error.WriteLine($"context: {files} files, {bytes / 1048576.0:F0} MiB in {work}");
                foreach (var engine in bench.Engines)
                {
                    using var client = engine.Connect();
                    var cli = new CliProcess(engine) { KeepOutput = true, MeasureResources = true, Environment = { ["DOCKER_BUILDKIT"] = "0" } };
                    var ours = new List<MemorySample>();
                    var theirs = new List<CliResult>();
                    var tagOurs = $"dpsbuild-bench-ctx-ours:{engine.Name}";
                    var tagCli = $"dpsbuild-bench-ctx-cli:{engine.Name}";
                    var images = new List<string>();
                    async Task<MemorySample> Ours()
                    {
                        var build = new DockerBuildOptions { NoCache = true };
                        build.Tags.Add(tagOurs);
                        build.Labels["dpsbuild.bench"] = "context";
                        var (result, sample) = await MemorySampler.MeasureAsync(() => client.Images.BuildAsync(work, build)).ConfigureAwait(false);
                        images.Add(result.ImageId);
                        return sample;
                    }
                    async Task<CliResult> Cli()
                    {
                        var result = await cli.RunAsync("build", "--no-cache", "-q", "--label", "dpsbuild.bench=context", "-t", tagCli, work).ConfigureAwait(false);
                        images.Add(result.Output.Trim());
                        return result;
                    }
                    try
                    {
                        // A first, untimed round warms the page cache and both code paths.
                        await Ours().ConfigureAwait(false);
                        await Cli().ConfigureAwait(false);
                        await PairedRuns.RunAsync(runs, async (_, mine) =>
                        {
                            await PageCache.FlushAsync().ConfigureAwait(false);
                            if (mine) ours.Add(await Ours().ConfigureAwait(false));
                            else theirs.Add(await Cli().ConfigureAwait(false));
                        }).ConfigureAwait(false);
                    }
                    finally
                    {
                        // Every build re-tags, leaving the previous image untagged: all of them go.
                        await cli.TryRunAsync(new[] { "rmi", "-f" }.Concat(images.Distinct()).ToArray()).ConfigureAwait(false);
                    }
                    var peakSet = ours.Max(s => s.PeakWorkingSet) / 1048576.0;
                    var peakHeap = ours.Max(s => s.PeakManaged) / 1048576.0;
                    var allocated = ours.Max(s => s.Allocated) / 1048576.0;
                    var paired = PairedRuns.MedianRatio(ours.Select(s => s.Seconds), theirs.Select(s => s.Seconds));
                    report.Line($"| {engine.Name} | {bytes / 1048576.0:F0} MiB, {files} files | {Stats.Median(ours.Select(s => s.Seconds)):F2} s | {Stats.Median(theirs.Select(s => s.Seconds)):F2} s | {paired:F2} | {peakSet:F1} MiB | {peakHeap:F1} MiB | {allocated:F1} MiB | {Stats.Median(theirs.Select(s => s.PeakRssKb)) / 1024:F0} MiB |");
                    Console.Error.WriteLine($"{engine.Name} {sizeMb} MiB: DockerPS {Stats.Each(ours.Select(s => s.Seconds), "F1")} s, CLI {Stats.Each(theirs.Select(s => s.Seconds), "F1")} s; peak set +{peakSet:F1} MiB, heap +{peakHeap:F1} MiB, allocated {allocated:F1} MiB; CLI RSS {Stats.Each(theirs.Select(s => s.PeakRssKb / 1024), "F1")} MiB");
                }
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }

        return await bench.FinishAsync().ConfigureAwait(false);
    }

    /// <summary>Incompressible files of 64 MiB up to the size, a thousand 4 KiB files in ten folders, and the Dockerfile.</summary>
    private static async Task<(long Bytes, int Files)> MakeContextAsync(string root, int sizeMb)
    {
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "Dockerfile"), "FROM scratch\nLABEL dpsbuild.bench=context\n").ConfigureAwait(false);
        var random = new Random(1);
        long total = 0;
        var files = 1;
        var big = (long)sizeMb * 1024 * 1024;
        for (var i = 0; total < big; i++)
        {
            var size = Math.Min(64L * 1024 * 1024, big - total);
            await RandomData.WriteFileAsync(Path.Combine(root, $"blob-{i:D3}.bin"), size, random).ConfigureAwait(false);
            total += size;
            files++;
        }
        var small = new byte[4096];
        for (var d = 0; d < 10; d++)
        {
            var dir = Path.Combine(root, "small", "d" + d);
            Directory.CreateDirectory(dir);
            for (var i = 0; i < 100; i++)
            {
                random.NextBytes(small);
                await File.WriteAllBytesAsync(Path.Combine(dir, $"f{i:D3}.dat"), small).ConfigureAwait(false);
                total += small.Length;
                files++;
            }
        }
        return (total, files);
    }
}
