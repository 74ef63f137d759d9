using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Endpoints;

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
    private sealed record Engine(string Name, string Host, string Cli);

    private sealed record Sample(double Seconds, long PeakWorkingSet, long PeakManaged, long Allocated, double CpuSeconds);

    /// <summary>The CLI's user and system CPU seconds, through /usr/bin/time where it is installed (NaN where not).</summary>
    private sealed record CliSample(double Seconds, double CpuSeconds);

    private const string TimeCommand = "/usr/bin/time";

    public static async Task<int> RunAsync(string[] args)
    {
        var (only, sizeMb, runs, output) = Options(args);
        var file = Environment.GetEnvironmentVariable("DOCKERPS_TEST_ENV") is { Length: > 0 } f ? f : "/var/lib/dockerps-ci/endpoints.json";
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file).ConfigureAwait(false));
        var engines = doc.RootElement.GetProperty("engines").EnumerateArray()
            .Select(e => new Engine(e.GetProperty("name").GetString()!, e.GetProperty("host").GetString()!, e.GetProperty("cli").GetString()!))
            .Where(e => only is null || only.Contains(e.Name))
            .ToList();

        var run = Guid.NewGuid().ToString("n")[..8];
        var work = Path.Combine(Path.GetTempPath(), "dpsimg-bench-" + run);
        Directory.CreateDirectory(work);
        var report = new StringBuilder();
        try
        {
            var rootfs = Path.Combine(work, "rootfs.tar");
            await MakeRootFsAsync(rootfs, (long)sizeMb * 1024 * 1024).ConfigureAwait(false);

            report.AppendLine(CultureInfo.InvariantCulture, $"docker save -o and docker load -i of one image of {sizeMb} MiB of random data, measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; medians of {runs} paired runs.");
            report.AppendLine();
            report.AppendLine("| engine | operation | archive | DockerPS | docker CLI | DockerPS / CLI time (paired) | client CPU s, DockerPS / CLI | DockerPS peak working set growth | peak managed heap growth | allocated |");
            report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");

            foreach (var engine in engines)
            {
                using var client = new DockerClient(DockerHostParser.Parse(engine.Host));
                var reference = $"dpsimg-bench-{run}:{sizeMb}m";
                var import = new ImageImportOptions { Reference = ImageName.Parse(reference), Message = "DockerPS save/load benchmark" };
                import.Changes.Add(DockerfileChange.Parse("LABEL dpsimg.bench=" + run));
                var id = await client.Images.ImportFromFileAsync(rootfs, import).ConfigureAwait(false);
                try
                {
                    var ours = Path.Combine(work, "ours.tar");
                    var cli = Path.Combine(work, "cli.tar");
                    var saveOurs = new List<Sample>();
                    var saveCli = new List<CliSample>();
                    var loadOurs = new List<Sample>();
                    var loadCli = new List<CliSample>();
                    for (var i = 0; i < runs; i++)
                    {
                        var oursFirst = i % 2 == 0;
                        foreach (var mine in new[] { oursFirst, !oursFirst })
                        {
                            await SyncAsync().ConfigureAwait(false);
                            if (mine) saveOurs.Add(await MeasureAsync(() => client.Images.SaveToFileAsync(new[] { reference }, ours)).ConfigureAwait(false));
                            else saveCli.Add(await CliAsync(engine, work, "save", "-o", cli, reference).ConfigureAwait(false));
                        }
                        foreach (var mine in new[] { oursFirst, !oursFirst })
                        {
                            await client.Images.RemoveAsync(reference).ConfigureAwait(false);
                            await SyncAsync().ConfigureAwait(false);
                            if (mine)
                            {
                                DockerImageLoadResult? loaded = null;
                                loadOurs.Add(await MeasureAsync(async () => loaded = await client.Images.LoadFromFileAsync(ours).ConfigureAwait(false)).ConfigureAwait(false));
                                if (loaded?.References.SingleOrDefault() != reference) throw new InvalidOperationException($"{engine.Name}: the load reported {string.Join(", ", loaded?.References ?? Array.Empty<string>())}, not {reference}.");
                            }
                            else
                            {
                                loadCli.Add(await CliAsync(engine, work, "load", "-q", "-i", cli).ConfigureAwait(false));
                            }
                            var back = await client.Images.InspectAsync(reference).ConfigureAwait(false);
                            if (back.Id != id) throw new InvalidOperationException($"{engine.Name}: the image came back as {back.Id}, not {id}.");
                        }
                    }
                    var archive = new FileInfo(ours).Length;
                    Row(report, engine.Name, "save", archive, saveOurs, saveCli);
                    Row(report, engine.Name, "load", archive, loadOurs, loadCli);
                    Console.Error.WriteLine($"{engine.Name}: save {Format(saveOurs.Select(s => s.Seconds))} s vs {Format(saveCli.Select(s => s.Seconds))} s; load {Format(loadOurs.Select(s => s.Seconds))} s vs {Format(loadCli.Select(s => s.Seconds))} s");
                    Console.Error.WriteLine($"{engine.Name} CPU: save {Format(saveOurs.Select(s => s.CpuSeconds))} s vs {Format(saveCli.Select(s => s.CpuSeconds))} s; load {Format(loadOurs.Select(s => s.CpuSeconds))} s vs {Format(loadCli.Select(s => s.CpuSeconds))} s");
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

        Console.WriteLine(report.ToString());
        if (output is not null) await File.WriteAllTextAsync(output, report.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static void Row(StringBuilder report, string engine, string operation, long archive, List<Sample> ours, List<CliSample> cli)
    {
        var mib = archive / 1048576.0;
        var o = Median(ours.Select(s => s.Seconds).ToList());
        var c = Median(cli.Select(s => s.Seconds).ToList());
        var paired = Median(ours.Zip(cli, (a, b) => a.Seconds / b.Seconds).ToList());
        var cpuOurs = Median(ours.Select(s => s.CpuSeconds).ToList());
        var cpuCli = Median(cli.Select(s => s.CpuSeconds).ToList());
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {engine} | {operation} | {mib:F0} MiB | {mib / o:F0} MiB/s ({o:F2} s) | {mib / c:F0} MiB/s ({c:F2} s) | {paired:F2} | {cpuOurs:F2} / {cpuCli:F2} | {ours.Max(s => s.PeakWorkingSet) / 1048576.0:F1} MiB | {ours.Max(s => s.PeakManaged) / 1048576.0:F1} MiB | {ours.Max(s => s.Allocated) / 1048576.0:F1} MiB |");
    }

    /// <summary>Times an in-process operation and samples the process's memory every 10 ms while it runs.</summary>
    private static async Task<Sample> MeasureAsync(Func<Task> operation)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseWorkingSet = process.WorkingSet64;
        var baseManaged = GC.GetTotalMemory(false);
        var baseAllocated = GC.GetTotalAllocatedBytes(precise: true);
        var baseCpu = process.TotalProcessorTime;
        long peakWorkingSet = 0, peakManaged = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var p = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                p.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, p.WorkingSet64 - baseWorkingSet);
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false) - baseManaged);
                try
                {
                    await Task.Delay(10, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var sw = Stopwatch.StartNew();
        await operation().ConfigureAwait(false);
        var seconds = sw.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - baseAllocated;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - baseCpu).TotalSeconds;
        stop.Cancel();
        await sampler.ConfigureAwait(false);
        return new Sample(seconds, peakWorkingSet, peakManaged, allocated, cpu);
    }

    /// <summary>A root file system tarball of 64 MiB files of random bytes (incompressible), written with the engine layer's tar writer.</summary>
    private static async Task MakeRootFsAsync(string path, long bytes)
    {
        const int fileSize = 64 * 1024 * 1024;
        var chunk = new byte[4 * 1024 * 1024];
        var random = new Random(1);
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        using var tar = new TarWriter(stream, leaveOpen: true);
        await tar.WriteHeaderAsync(new TarEntry("data/", TarEntryType.Directory) { Mode = 0x1ED, ModificationTime = DateTime.UtcNow }).ConfigureAwait(false);
        for (var n = 0; (long)n * fileSize < bytes; n++)
        {
            var size = (int)Math.Min(fileSize, bytes - (long)n * fileSize);
            await tar.WriteHeaderAsync(new TarEntry($"data/random-{n:D3}.bin", TarEntryType.RegularFile) { Mode = 0x1A4, Size = size, ModificationTime = DateTime.UtcNow }).ConfigureAwait(false);
            for (var written = 0; written < size; written += chunk.Length)
            {
                random.NextBytes(chunk);
                var count = Math.Min(chunk.Length, size - written);
                await tar.WriteDataAsync(chunk, 0, count).ConfigureAwait(false);
            }
        }
        await tar.FinishAsync().ConfigureAwait(false);
    }

    /// <summary>Writes dirty pages back (sync) so that the operation measured next does not pay for the last one's.</summary>
    private static async Task SyncAsync()
    {
        using var p = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false });
        if (p is not null) await p.WaitForExitAsync().ConfigureAwait(false);
    }

    private static string Format(IEnumerable<double> values) => string.Join("/", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Runs the docker CLI; its wall time, and its CPU time through /usr/bin/time where that is installed.</summary>
    private static async Task<CliSample> CliAsync(Engine engine, string work, params string[] args)
    {
        var timed = File.Exists(TimeCommand);
        var times = Path.Combine(work, "cli-times.txt");
        var info = new ProcessStartInfo(timed ? TimeCommand : engine.Cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (timed)
        {
            foreach (var a in new[] { "-f", "%U %S", "-o", times, engine.Cli }) info.ArgumentList.Add(a);
        }
        info.ArgumentList.Add("-H");
        info.ArgumentList.Add(engine.Host);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("DOCKER_HOST");
        info.Environment.Remove("DOCKER_CONTEXT");
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await p.WaitForExitAsync().ConfigureAwait(false);
        await stdout.ConfigureAwait(false);
        var seconds = sw.Elapsed.TotalSeconds;
        if (p.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', args)} failed: {stderr}");
        var cpu = double.NaN;
        if (timed)
        {
            var parts = (await File.ReadAllTextAsync(times).ConfigureAwait(false)).Trim().Split(' ');
            cpu = double.Parse(parts[0], CultureInfo.InvariantCulture) + double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return new CliSample(seconds, cpu);
    }

    private static (HashSet<string>? Engines, int SizeMb, int Runs, string? Out) Options(string[] args)
    {
        HashSet<string>? engines = null;
        var size = 1024;
        var runs = 3;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--engines": engines = args[++i].Split(',').ToHashSet(); break;
                case "--size-mb": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": output = args[++i]; break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }
        return (engines, size, runs, output);
    }
}
