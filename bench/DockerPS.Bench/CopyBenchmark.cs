using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Endpoints;

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
    private sealed record Engine(string Name, string Host, string Cli);

    public static async Task<int> RunAsync(string[] args)
    {
        var (only, sizeMb, runs, output) = Options(args);
        var file = Environment.GetEnvironmentVariable("DOCKERPS_TEST_ENV") is { Length: > 0 } f ? f : "/var/lib/dockerps-ci/endpoints.json";
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file).ConfigureAwait(false));
        var engines = doc.RootElement.GetProperty("engines").EnumerateArray()
            .Select(e => new Engine(e.GetProperty("name").GetString()!, e.GetProperty("host").GetString()!, e.GetProperty("cli").GetString()!))
            .Where(e => only is null || only.Contains(e.Name))
            .ToList();
        var image = doc.RootElement.GetProperty("images").GetProperty("busybox").GetString()!;

        var work = Path.Combine(Path.GetTempPath(), "dockerps-bench-cp-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(work);
        var report = new StringBuilder();
        try
        {
            var source = Path.Combine(work, "payload.bin");
            var bytes = (long)sizeMb * 1024 * 1024;
            await MakePayloadAsync(source, bytes).ConfigureAwait(false);
            var sourceHash = Hash(source);

            report.AppendLine(CultureInfo.InvariantCulture, $"docker cp of one {sizeMb} MiB file, measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; medians of {runs} runs, MiB/s.");
            report.AppendLine();
            report.AppendLine("| engine | direction | DockerPS | docker cp | DockerPS / docker cp (paired) | DockerPS peak managed growth |");
            report.AppendLine("|---|---|---:|---:|---:|---:|");

            foreach (var engine in engines)
            {
                using var client = new DockerClient(DockerHostParser.Parse(engine.Host));
                var container = await client.Containers.CreateAsync(new ContainerCreateOptions(image)
                {
                    Command = new[] { "sleep", "300" },
                    Labels = new Dictionary<string, string> { ["dockerps.bench"] = "cp" },
                }).ConfigureAwait(false);
                try
                {
                    var inOurs = new List<double>();
                    var inCli = new List<double>();
                    var outOurs = new List<double>();
                    var outCli = new List<double>();
                    long inPeak = 0, outPeak = 0;
                    for (var run = 0; run < runs; run++)
                    {
                        var oursFirst = run % 2 == 0;
                        async Task In(bool ours)
                        {
                            await SyncAsync().ConfigureAwait(false);
                            if (ours)
                            {
                                var probe = new MemoryProbe();
                                var sw = Stopwatch.StartNew();
                                await client.Archive.CopyToContainerAsync(source, container, "/tmp/ours.bin", new DockerCopyOptions { Progress = probe, ProgressInterval = TimeSpan.FromMilliseconds(50) }).ConfigureAwait(false);
                                inOurs.Add(bytes / 1048576.0 / sw.Elapsed.TotalSeconds);
                                inPeak = Math.Max(inPeak, probe.Peak);
                            }
                            else
                            {
                                var sw = Stopwatch.StartNew();
                                await CliAsync(engine, "cp", source, container + ":/tmp/cli.bin").ConfigureAwait(false);
                                inCli.Add(bytes / 1048576.0 / sw.Elapsed.TotalSeconds);
                            }
                        }
                        async Task Out(bool ours)
                        {
                            var target = Path.Combine(work, ours ? "out-ours.bin" : "out-cli.bin");
                            File.Delete(target);
                            await SyncAsync().ConfigureAwait(false);
                            if (ours)
                            {
                                var probe = new MemoryProbe();
                                var sw = Stopwatch.StartNew();
                                await client.Archive.CopyFromContainerAsync(container, "/tmp/ours.bin", target, new DockerCopyOptions { Progress = probe, ProgressInterval = TimeSpan.FromMilliseconds(50) }).ConfigureAwait(false);
                                outOurs.Add(bytes / 1048576.0 / sw.Elapsed.TotalSeconds);
                                outPeak = Math.Max(outPeak, probe.Peak);
                            }
                            else
                            {
                                var sw = Stopwatch.StartNew();
                                await CliAsync(engine, "cp", container + ":/tmp/cli.bin", target).ConfigureAwait(false);
                                outCli.Add(bytes / 1048576.0 / sw.Elapsed.TotalSeconds);
                            }
                        }
                        await In(oursFirst).ConfigureAwait(false);
                        await In(!oursFirst).ConfigureAwait(false);
                        await Out(oursFirst).ConfigureAwait(false);
                        await Out(!oursFirst).ConfigureAwait(false);
                    }
                    foreach (var name in new[] { "out-ours.bin", "out-cli.bin" })
                    {
                        if (Hash(Path.Combine(work, name)) != sourceHash) throw new InvalidOperationException($"{engine.Name}: {name} differs from the source.");
                    }
                    Row(report, engine.Name, "into the container", inOurs, inCli, inPeak);
                    Row(report, engine.Name, "out of the container", outOurs, outCli, outPeak);
                    Console.Error.WriteLine($"{engine.Name}: in {Format(inOurs)} vs {Format(inCli)}; out {Format(outOurs)} vs {Format(outCli)}");
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

        Console.WriteLine(report.ToString());
        if (output is not null) await File.WriteAllTextAsync(output, report.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static void Row(StringBuilder report, string engine, string direction, List<double> ours, List<double> cli, long peak)
    {
        var (o, c) = (Median(ours), Median(cli));
        var paired = Median(ours.Zip(cli, (a, b) => a / b).ToList());
        report.AppendLine(CultureInfo.InvariantCulture, $"| {engine} | {direction} | {o:F0} | {c:F0} | {paired:F2} | {peak / 1048576.0:F1} MiB |");
    }

    /// <summary>Writes dirty pages back (sync) so that the copy measured next does not pay for the last one's.</summary>
    private static async Task SyncAsync()
    {
        using var p = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false });
        if (p is not null) await p.WaitForExitAsync().ConfigureAwait(false);
    }

    private static string Format(List<double> values) => string.Join("/", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task MakePayloadAsync(string path, long bytes)
    {
        var chunk = new byte[4 * 1024 * 1024];
        var random = new Random(1);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        for (long written = 0; written < bytes; written += chunk.Length)
        {
            random.NextBytes(chunk);
            await file.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, bytes - written))).ConfigureAwait(false);
        }
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
    }

    private static async Task CliAsync(Engine engine, params string[] args)
    {
        var info = new ProcessStartInfo(engine.Cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-H");
        info.ArgumentList.Add(engine.Host);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("DOCKER_HOST");
        info.Environment.Remove("DOCKER_CONTEXT");
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await p.WaitForExitAsync().ConfigureAwait(false);
        await stdout.ConfigureAwait(false);
        if (p.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', args)} failed: {stderr}");
    }

    /// <summary>The peak of managed memory over what was in use when the copy started, sampled at each progress report.</summary>
    private sealed class MemoryProbe : IProgress<DockerCopyProgress>
    {
        private readonly long _baseline;

        public MemoryProbe()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            _baseline = GC.GetTotalMemory(false);
        }

        public long Peak { get; private set; }

        public void Report(DockerCopyProgress value) => Peak = Math.Max(Peak, GC.GetTotalMemory(false) - _baseline);
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
