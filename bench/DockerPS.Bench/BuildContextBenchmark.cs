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
using DockerPS.Engine.Build;
using DockerPS.Engine.Endpoints;

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
    private sealed record Engine(string Name, string Host, string Cli);

    public static async Task<int> RunAsync(string[] args)
    {
        var (only, sizes, runs, output) = Options(args);
        var file = Environment.GetEnvironmentVariable("DOCKERPS_TEST_ENV") is { Length: > 0 } f ? f : "/var/lib/dockerps-ci/endpoints.json";
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file).ConfigureAwait(false));
        var engines = doc.RootElement.GetProperty("engines").EnumerateArray()
            .Select(e => new Engine(e.GetProperty("name").GetString()!, e.GetProperty("host").GetString()!, e.GetProperty("cli").GetString()!))
            .Where(e => only is null || only.Contains(e.Name))
            .ToList();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"docker build of a large context, measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; medians of {runs} runs.");
        report.AppendLine();
        report.AppendLine("| engine | context | DockerPS | docker build (classic) | DockerPS / CLI (paired) | DockerPS peak working-set growth | DockerPS peak managed-heap growth | DockerPS bytes allocated | CLI peak RSS |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");

        foreach (var sizeMb in sizes)
        {
            var work = Path.Combine(Path.GetTempPath(), "dpsbuild-bench-ctx-" + Guid.NewGuid().ToString("n")[..8]);
            try
            {
                var (bytes, files) = await MakeContextAsync(work, sizeMb).ConfigureAwait(false);
                Console.Error.WriteLine($"context: {files} files, {bytes / 1048576.0:F0} MiB in {work}");
                foreach (var engine in engines)
                {
                    using var client = new DockerClient(DockerHostParser.Parse(engine.Host));
                    var ours = new List<double>();
                    var cli = new List<double>();
                    var cliRss = new List<double>();
                    long peakSet = 0, peakHeap = 0, allocated = 0;
                    var tagOurs = $"dpsbuild-bench-ctx-ours:{engine.Name}";
                    var tagCli = $"dpsbuild-bench-ctx-cli:{engine.Name}";
                    var images = new List<string>();
                    try
                    {
                        // A first, untimed round warms the page cache and both code paths.
                        await OursAsync(client, work, tagOurs, images).ConfigureAwait(false);
                        await CliAsync(engine, work, tagCli, images).ConfigureAwait(false);
                        for (var run = 0; run < runs; run++)
                        {
                            var oursFirst = run % 2 == 0;
                            for (var turn = 0; turn < 2; turn++)
                            {
                                await SyncAsync().ConfigureAwait(false);
                                if ((turn == 0) == oursFirst)
                                {
                                    var (seconds, set, heap, alloc) = await OursAsync(client, work, tagOurs, images).ConfigureAwait(false);
                                    ours.Add(seconds);
                                    peakSet = Math.Max(peakSet, set);
                                    peakHeap = Math.Max(peakHeap, heap);
                                    allocated = Math.Max(allocated, alloc);
                                }
                                else
                                {
                                    var (seconds, rss) = await CliAsync(engine, work, tagCli, images).ConfigureAwait(false);
                                    cli.Add(seconds);
                                    cliRss.Add(rss);
                                }
                            }
                        }
                    }
                    finally
                    {
                        // Every build re-tags, leaving the previous image untagged: all of them go.
                        await DockerAsync(engine, false, new[] { "rmi", "-f" }.Concat(images.Distinct()).ToArray()).ConfigureAwait(false);
                    }
                    var paired = Median(ours.Zip(cli, (a, b) => a / b).ToList());
                    report.AppendLine(CultureInfo.InvariantCulture,
                        $"| {engine.Name} | {bytes / 1048576.0:F0} MiB, {files} files | {Median(ours):F2} s | {Median(cli):F2} s | {paired:F2} | {peakSet / 1048576.0:F1} MiB | {peakHeap / 1048576.0:F1} MiB | {allocated / 1048576.0:F1} MiB | {Median(cliRss) / 1024:F0} MiB |");
                    Console.Error.WriteLine($"{engine.Name} {sizeMb} MiB: DockerPS {Format(ours)} s, CLI {Format(cli)} s; peak set +{peakSet / 1048576.0:F1} MiB, heap +{peakHeap / 1048576.0:F1} MiB, allocated {allocated / 1048576.0:F1} MiB; CLI RSS {Format(cliRss.Select(r => r / 1024).ToList())} MiB");
                }
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }

        Console.WriteLine(report.ToString());
        if (output is not null) await File.WriteAllTextAsync(output, report.ToString()).ConfigureAwait(false);
        return 0;
    }

    /// <summary>One DockerPS build, with the process's memory sampled while it runs.</summary>
    private static async Task<(double Seconds, long PeakSet, long PeakHeap, long Allocated)> OursAsync(DockerClient client, string context, string tag, List<string> images)
    {
        var options = new DockerBuildOptions { NoCache = true };
        options.Tags.Add(tag);
        options.Labels["dpsbuild.bench"] = "context";
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseSet = Environment.WorkingSet;
        var baseHeap = GC.GetTotalMemory(false);
        var baseAllocated = GC.GetTotalAllocatedBytes(precise: true);
        long peakSet = 0, peakHeap = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakSet = Math.Max(peakSet, Environment.WorkingSet - baseSet);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false) - baseHeap);
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
        var result = await client.Images.BuildAsync(context, options).ConfigureAwait(false);
        var seconds = sw.Elapsed.TotalSeconds;
        images.Add(result.ImageId);
        await stop.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        return (seconds, peakSet, peakHeap, GC.GetTotalAllocatedBytes(precise: true) - baseAllocated);
    }

    /// <summary>One docker CLI build under GNU time: wall seconds and peak resident set (KiB).</summary>
    private static async Task<(double Seconds, double RssKb)> CliAsync(Engine engine, string context, string tag, List<string> images)
    {
        var sw = Stopwatch.StartNew();
        var (stdout, stderr) = await DockerAsync(engine, true, "build", "--no-cache", "-q", "--label", "dpsbuild.bench=context", "-t", tag, context).ConfigureAwait(false);
        var seconds = sw.Elapsed.TotalSeconds;
        images.Add(stdout.Trim());
        var line = stderr.Split('\n').Last(l => l.StartsWith("RSSKB=", StringComparison.Ordinal));
        return (seconds, double.Parse(line.AsSpan("RSSKB=".Length), CultureInfo.InvariantCulture));
    }

    private static async Task<(string Stdout, string Stderr)> DockerAsync(Engine engine, bool check, params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add("RSSKB=%M");
        info.ArgumentList.Add(engine.Cli);
        info.ArgumentList.Add("-H");
        info.ArgumentList.Add(engine.Host);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOCKER_BUILDKIT"] = "0";
        info.Environment.Remove("DOCKER_HOST");
        info.Environment.Remove("DOCKER_CONTEXT");
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await p.WaitForExitAsync().ConfigureAwait(false);
        if (check && p.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', args)} failed: {stderr}");
        return (await stdout.ConfigureAwait(false), stderr);
    }

    /// <summary>Incompressible files of 64 MiB up to the size, a thousand 4 KiB files in ten folders, and the Dockerfile.</summary>
    private static async Task<(long Bytes, int Files)> MakeContextAsync(string root, int sizeMb)
    {
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "Dockerfile"), "FROM scratch\nLABEL dpsbuild.bench=context\n").ConfigureAwait(false);
        var random = new Random(1);
        var chunk = new byte[4 * 1024 * 1024];
        long total = 0;
        var files = 1;
        var big = (long)sizeMb * 1024 * 1024;
        for (var i = 0; total < big; i++)
        {
            var size = Math.Min(64L * 1024 * 1024, big - total);
            await using (var file = new FileStream(Path.Combine(root, $"blob-{i:D3}.bin"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                for (long written = 0; written < size; written += chunk.Length)
                {
                    random.NextBytes(chunk);
                    await file.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - written))).ConfigureAwait(false);
                }
            }
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

    private static async Task SyncAsync()
    {
        using var p = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false });
        if (p is not null) await p.WaitForExitAsync().ConfigureAwait(false);
    }

    private static string Format(List<double> values) => string.Join("/", values.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)));

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static (HashSet<string>? Engines, int[] Sizes, int Runs, string? Out) Options(string[] args)
    {
        HashSet<string>? engines = null;
        var sizes = new[] { 1024 };
        var runs = 3;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--engines": engines = args[++i].Split(',').ToHashSet(); break;
                case "--sizes": sizes = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": output = args[++i]; break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }
        return (engines, sizes, runs, output);
    }
}
