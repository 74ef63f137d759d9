using DockerPS.Engine.Api;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Arguments;

namespace DockerPS.Bench;

/// <summary>
/// docker save -o and docker load -i of one image of about 1 GiB of incompressible data (a root file system of random
/// files, imported): DockerPS in-process against the docker CLI as a process, on each engine, alternating which goes
/// first; medians of the runs and of each run's paired ratio. The image is removed before each load, so both loads do
/// the whole work. Memory: the peak growth of the process's working set and of the managed heap over what they were
/// when the operation began, sampled every 10 ms, and the bytes allocated during it. Client CPU time (user and system)
/// is compared too: unlike wall time it hardly depends on what else the machine is doing. Dirty pages are flushed (sync)
/// before each timed operation. Only the image made here (dpsimg-bench-*, labelled) is ever removed.
/// </summary>
internal static class ImageArchiveBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var bench = await BenchSession.StartAsync("images", args, BenchOptions.SizeOption, BenchOptions.RunsOption).ConfigureAwait(false);
        var sizeMb = bench.Options.SizeMb(1024);
        var runs = bench.Options.Runs;

        var run = Guid.NewGuid().ToString("n")[..8];
        var work = Path.Combine(Path.GetTempPath(), "dpsimg-bench-" + run);
        Directory.CreateDirectory(work);
        var report = bench.Report;
        try
        {
            var rootfs = Path.Combine(work, "rootfs.tar");
            await MakeRootFsAsync(rootfs, (long)sizeMb * 1024 * 1024).ConfigureAwait(false);

            report.Heading($"docker save -o and docker load -i of one image of {sizeMb} MiB of random data, measured {BenchReport.Stamp}; medians of {runs} paired runs.");
            report.Table("llrrrrrrrr", "engine", "operation", "archive", "DockerPS", "docker CLI", "DockerPS / CLI time (paired)", "client CPU s, DockerPS / CLI", "DockerPS peak working set growth", "peak managed heap growth", "allocated");

            foreach (var engine in bench.Engines)
            {
                using var client = engine.Connect();
                var cli = new CliProcess(engine) { MeasureResources = true };
                var reference = $"dpsimg-bench-{run}:{sizeMb}m";
                var import = new ImageImportOptions { Reference = ImageName.Parse(reference), Message = "DockerPS save/load benchmark" };
                import.Changes.Add(DockerfileChange.Parse("LABEL dpsimg.bench=" + run));
                var id = await client.Images.ImportFromFileAsync(rootfs, import).ConfigureAwait(false);
                try
                {
                    var ours = Path.Combine(work, "ours.tar");
                    var theirs = Path.Combine(work, "cli.tar");
                    var saveOurs = new List<MemorySample>();
                    var saveCli = new List<CliResult>();
                    var loadOurs = new List<MemorySample>();
                    var loadCli = new List<CliResult>();
                    await PairedRuns.RunAsync(
                        runs,
                        async (_, mine) =>
                        {
                            await PageCache.FlushAsync().ConfigureAwait(false);
                            if (mine) saveOurs.Add((await MemorySampler.MeasureAsync(() => client.Images.SaveToFileAsync(new[] { reference }, ours)).ConfigureAwait(false)).Sample);
                            else saveCli.Add(await cli.RunAsync("save", "-o", theirs, reference).ConfigureAwait(false));
                        },
                        async (_, mine) =>
                        {
                            await client.Images.RemoveAsync(reference).ConfigureAwait(false);
                            await PageCache.FlushAsync().ConfigureAwait(false);
                            if (mine)
                            {
                                var (loaded, sample) = await MemorySampler.MeasureAsync(() => client.Images.LoadFromFileAsync(ours)).ConfigureAwait(false);
                                loadOurs.Add(sample);
                                if (loaded.References.SingleOrDefault() != reference) throw new InvalidOperationException($"{engine.Name}: the load reported {string.Join(", ", loaded.References)}, not {reference}.");
                            }
                            else
                            {
                                loadCli.Add(await cli.RunAsync("load", "-q", "-i", theirs).ConfigureAwait(false));
                            }
                            var back = await client.Images.InspectAsync(reference).ConfigureAwait(false);
                            if (back.Id != id) throw new InvalidOperationException($"{engine.Name}: the image came back as {back.Id}, not {id}.");
                        }).ConfigureAwait(false);
                    var archive = new FileInfo(ours).Length;
                    Row(report, engine.Name, "save", archive, saveOurs, saveCli);
                    Row(report, engine.Name, "load", archive, loadOurs, loadCli);
                    Console.Error.WriteLine($"{engine.Name}: save {Stats.Each(saveOurs.Select(s => s.Seconds), "F2")} s vs {Stats.Each(saveCli.Select(s => s.Seconds), "F2")} s; load {Stats.Each(loadOurs.Select(s => s.Seconds), "F2")} s vs {Stats.Each(loadCli.Select(s => s.Seconds), "F2")} s");
                    Console.Error.WriteLine($"{engine.Name} CPU: save {Stats.Each(saveOurs.Select(s => s.CpuSeconds), "F2")} s vs {Stats.Each(saveCli.Select(s => s.CpuSeconds), "F2")} s; load {Stats.Each(loadOurs.Select(s => s.CpuSeconds), "F2")} s vs {Stats.Each(loadCli.Select(s => s.CpuSeconds), "F2")} s");
                }
                finally
                {
                    try
                    {
                        await client.Images.RemoveAsync(id, new ImageRemoveOptions { Force = true }).ConfigureAwait(false);
                    }
                    catch (DockerPS.Engine.Errors.DockerNotFoundException)
                    {
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return await bench.FinishAsync().ConfigureAwait(false);
    }

    private static void Row(BenchReport report, string engine, string operation, long archive, List<MemorySample> ours, List<CliResult> cli)
    {
        var mib = archive / 1048576.0;
        var o = Stats.Median(ours.Select(s => s.Seconds));
        var c = Stats.Median(cli.Select(s => s.Seconds));
        var paired = PairedRuns.MedianRatio(ours.Select(s => s.Seconds), cli.Select(s => s.Seconds));
        var cpuOurs = Stats.Median(ours.Select(s => s.CpuSeconds));
        var cpuCli = Stats.Median(cli.Select(s => s.CpuSeconds));
        report.Line($"| {engine} | {operation} | {mib:F0} MiB | {mib / o:F0} MiB/s ({o:F2} s) | {mib / c:F0} MiB/s ({c:F2} s) | {paired:F2} | {cpuOurs:F2} / {cpuCli:F2} | {ours.Max(s => s.PeakWorkingSet) / 1048576.0:F1} MiB | {ours.Max(s => s.PeakManaged) / 1048576.0:F1} MiB | {ours.Max(s => s.Allocated) / 1048576.0:F1} MiB |");
    }

    /// <summary>A root file system tarball of 64 MiB files of random bytes (incompressible), written with the engine layer's tar writer.</summary>
    private static async Task MakeRootFsAsync(string path, long bytes)
    {
        const int fileSize = 64 * 1024 * 1024;
        var random = new Random(1);
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        using var tar = new TarWriter(stream, leaveOpen: true);
        await tar.WriteHeaderAsync(new TarEntry("data/", TarEntryType.Directory) { Mode = 0x1ED, ModificationTime = DateTime.UtcNow }).ConfigureAwait(false);
        for (var n = 0; (long)n * fileSize < bytes; n++)
        {
            var size = (int)Math.Min(fileSize, bytes - (long)n * fileSize);
            await tar.WriteHeaderAsync(new TarEntry($"data/random-{n:D3}.bin", TarEntryType.RegularFile) { Mode = 0x1A4, Size = size, ModificationTime = DateTime.UtcNow }).ConfigureAwait(false);
            await RandomData.WriteAsync(random, size, (chunk, count) => tar.WriteDataAsync(chunk, 0, count)).ConfigureAwait(false);
        }
        await tar.FinishAsync().ConfigureAwait(false);
    }
}
