using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Registry;
using DockerPS.Engine.Streams;

namespace DockerPS.Bench;

/// <summary>
/// docker pull and docker push of one image with ~500 MB of incompressible layer data through the test registry
/// (htpasswd auth): DockerPS in-process against the docker CLI as a process, on each engine, alternating which goes
/// first; medians and the median of each run's paired ratio. Each push sends a layer the registry has never seen
/// (a fresh import with the same random bulk and a unique small file), so no push is a "Layer already exists"; each
/// pull follows the removal of the local copy. Both use the same credentials: DockerPS logs in, into a temporary
/// DOCKER_CONFIG that the CLI is given too. Also the peak growth of managed memory and the bytes allocated by
/// DockerPS during its transfers, to show the progress stream is read as it comes, not held.
/// </summary>
internal static class RegistryBenchmark
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
        var registry = doc.RootElement.GetProperty("registry");
        var address = registry.GetProperty("address").GetString()!;
        var user = registry.GetProperty("username").GetString()!;
        var password = registry.GetProperty("password").GetString()!;

        var work = Path.Combine(Path.GetTempPath(), "dpsreg-bench-" + Guid.NewGuid().ToString("n")[..8]);
        var config = Path.Combine(work, "docker-config");
        Directory.CreateDirectory(config);
        var env = new BenchEnvironment(config);
        var store = new DockerCredentialStore(env);
        var run = Guid.NewGuid().ToString("n")[..6];
        var repo = $"{address}/dpsreg-bench";
        var report = new StringBuilder();
        try
        {
            var bulk = MakeBulk(sizeMb);
            report.AppendLine(CultureInfo.InvariantCulture, $"docker push and docker pull of one image of {sizeMb} MiB of random (incompressible) layer data through the local registry ({address}, htpasswd auth), measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; {runs} paired runs, seconds (median), DockerPS first in odd runs.");
            report.AppendLine();
            report.AppendLine("| engine | operation | DockerPS | docker CLI | DockerPS / CLI (paired median) | each run's ratio | DockerPS peak managed growth | DockerPS bytes allocated |");
            report.AppendLine("|---|---|---:|---:|---:|---|---:|---:|");

            foreach (var engine in engines)
            {
                using var client = new DockerClient(DockerHostParser.Parse(engine.Host));
                await client.Images.LoginAsync(new RegistryAuth(address, user, password), store).ConfigureAwait(false);
                var made = new List<string>();
                try
                {
                    var pushOurs = new List<double>();
                    var pushCli = new List<double>();
                    var pullOurs = new List<double>();
                    var pullCli = new List<double>();
                    long pushPeak = 0, pullPeak = 0, pushAlloc = 0, pullAlloc = 0;
                    string? pullRef = null;

                    for (var i = 0; i < runs; i++)
                    {
                        var oursFirst = i % 2 == 0;
                        foreach (var ours in new[] { oursFirst, !oursFirst })
                        {
                            var reference = $"{repo}:{engine.Name}-{run}-{i}-{(ours ? "ours" : "cli")}";
                            await ImportAsync(engine, work, bulk, reference, env).ConfigureAwait(false);
                            made.Add(reference);
                            await SyncAsync().ConfigureAwait(false);
                            if (ours)
                            {
                                var probe = new MemoryProbe();
                                var sw = Stopwatch.StartNew();
                                var pushed = await client.Images.PushAsync(reference, new ImagePushOptions { Credentials = store, Progress = probe }).ConfigureAwait(false);
                                pushOurs.Add(sw.Elapsed.TotalSeconds);
                                (pushPeak, pushAlloc) = (Math.Max(pushPeak, probe.Peak), Math.Max(pushAlloc, probe.Allocated));
                                if (pushed.Single().Digest is null) throw new InvalidOperationException("no digest after the push");
                                pullRef ??= reference;
                            }
                            else
                            {
                                var sw = Stopwatch.StartNew();
                                await CliAsync(engine, env, "push", reference).ConfigureAwait(false);
                                pushCli.Add(sw.Elapsed.TotalSeconds);
                            }
                            if (reference != pullRef) await CliAsync(engine, env, "rmi", reference).ConfigureAwait(false);
                        }
                    }
                    Console.Error.WriteLine($"{engine.Name} push: ours {Format(pushOurs)} cli {Format(pushCli)}");

                    await CliAsync(engine, env, "rmi", pullRef!).ConfigureAwait(false);
                    for (var i = 0; i < runs; i++)
                    {
                        var oursFirst = i % 2 == 0;
                        foreach (var ours in new[] { oursFirst, !oursFirst })
                        {
                            await SyncAsync().ConfigureAwait(false);
                            if (ours)
                            {
                                var probe = new MemoryProbe();
                                var sw = Stopwatch.StartNew();
                                await client.Images.PullAsync(pullRef!, new ImagePullOptions { Credentials = store, Progress = probe }).ConfigureAwait(false);
                                pullOurs.Add(sw.Elapsed.TotalSeconds);
                                (pullPeak, pullAlloc) = (Math.Max(pullPeak, probe.Peak), Math.Max(pullAlloc, probe.Allocated));
                            }
                            else
                            {
                                var sw = Stopwatch.StartNew();
                                await CliAsync(engine, env, "pull", pullRef!).ConfigureAwait(false);
                                pullCli.Add(sw.Elapsed.TotalSeconds);
                            }
                            await CliAsync(engine, env, "rmi", pullRef!).ConfigureAwait(false);
                        }
                    }
                    Console.Error.WriteLine($"{engine.Name} pull: ours {Format(pullOurs)} cli {Format(pullCli)}");
                    Row(report, engine.Name, "push", pushOurs, pushCli, pushPeak, pushAlloc);
                    Row(report, engine.Name, "pull", pullOurs, pullCli, pullPeak, pullAlloc);
                }
                finally
                {
                    foreach (var reference in made) await CliAsync(engine, env, new[] { "rmi", "-f", reference }, false).ConfigureAwait(false);
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

    private static void Row(StringBuilder report, string engine, string operation, List<double> ours, List<double> cli, long peak, long allocated)
    {
        var ratios = ours.Zip(cli, (a, b) => a / b).ToList();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {engine} | {operation} | {Median(ours):F2} s | {Median(cli):F2} s | {Median(ratios):F3} | {string.Join(", ", ratios.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))} | {peak / 1048576.0:F1} MiB | {allocated / 1048576.0:F1} MiB |");
    }

    private static string Format(List<double> values) => string.Join("/", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The random bulk of the layer, made once: ten files' worth of incompressible bytes.</summary>
    private static byte[][] MakeBulk(int sizeMb)
    {
        var random = new Random(7);
        var files = new byte[10][];
        for (var i = 0; i < files.Length; i++)
        {
            files[i] = new byte[sizeMb * 1024 * 1024 / files.Length];
            random.NextBytes(files[i]);
        }
        return files;
    }

    /// <summary>docker import of a tar with the bulk and one unique file, so the layer is new to the registry.</summary>
    private static async Task ImportAsync(Engine engine, string work, byte[][] bulk, string reference, BenchEnvironment env)
    {
        var tar = Path.Combine(work, "layer.tar");
        await using (var stream = File.Create(tar))
        {
            await using var writer = new TarWriter(stream, TarEntryFormat.Pax);
            for (var i = 0; i < bulk.Length; i++)
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, $"data/part-{i}.bin") { DataStream = new MemoryStream(bulk[i], writable: false), Mode = (UnixFileMode)0x1A4 }).ConfigureAwait(false);
            }
            var unique = Encoding.UTF8.GetBytes(reference + " " + Guid.NewGuid());
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "data/unique.txt") { DataStream = new MemoryStream(unique), Mode = (UnixFileMode)0x1A4 }).ConfigureAwait(false);
        }
        await CliAsync(engine, env, "import", tar, reference).ConfigureAwait(false);
        File.Delete(tar);
    }

    private static async Task SyncAsync()
    {
        using var p = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false });
        if (p is not null) await p.WaitForExitAsync().ConfigureAwait(false);
    }

    private static async Task CliAsync(Engine engine, BenchEnvironment env, params string[] args) => await CliAsync(engine, env, args, true).ConfigureAwait(false);

    private static async Task CliAsync(Engine engine, BenchEnvironment env, string[] args, bool check)
    {
        var info = new ProcessStartInfo(engine.Cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-H");
        info.ArgumentList.Add(engine.Host);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("DOCKER_HOST");
        info.Environment.Remove("DOCKER_CONTEXT");
        info.Environment["DOCKER_CONFIG"] = env.ConfigDirectory;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await p.WaitForExitAsync().ConfigureAwait(false);
        await stdout.ConfigureAwait(false);
        if (check && p.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', args)} failed: {stderr}");
    }

    /// <summary>The peak of managed memory over what was in use when the transfer started, and the bytes allocated, sampled at each progress message.</summary>
    private sealed class MemoryProbe : IProgress<JsonMessage>
    {
        private readonly long _baseline;
        private readonly long _allocatedBefore;

        public MemoryProbe()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            _baseline = GC.GetTotalMemory(false);
            _allocatedBefore = GC.GetTotalAllocatedBytes(false);
        }

        public long Peak { get; private set; }

        public long Allocated => GC.GetTotalAllocatedBytes(false) - _allocatedBefore;

        public void Report(JsonMessage value) => Peak = Math.Max(Peak, GC.GetTotalMemory(false) - _baseline);
    }

    /// <summary>The process environment with DOCKER_CONFIG pointing at the benchmark's own folder.</summary>
    private sealed class BenchEnvironment : IDockerEnvironment
    {
        public BenchEnvironment(string configDirectory) => ConfigDirectory = configDirectory;

        public string ConfigDirectory { get; }

        public string? GetVariable(string name) => name == "DOCKER_CONFIG" ? ConfigDirectory : Environment.GetEnvironmentVariable(name);

        public string HomeDirectory => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        public bool IsWindows => OperatingSystem.IsWindows();

        public bool FileExists(string path) => File.Exists(path);

        public string ReadAllText(string path) => File.ReadAllText(path);
    }

    private static (HashSet<string>? Engines, int SizeMb, int Runs, string? Out) Options(string[] args)
    {
        HashSet<string>? engines = null;
        var size = 500;
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
