using System.Formats.Tar;
using System.Text;
using DockerPS.Engine.Api;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Model;
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
    public static async Task<int> RunAsync(string[] args)
    {
        var bench = await BenchSession.StartAsync("registry", args, BenchOptions.SizeOption, BenchOptions.RunsOption).ConfigureAwait(false);
        var sizeMb = bench.Options.SizeMb(500);
        var runs = bench.Options.Runs;
        var registry = bench.Endpoints.Registry;
        var address = registry.Address;

        var work = Path.Combine(Path.GetTempPath(), "dpsreg-bench-" + Guid.NewGuid().ToString("n")[..8]);
        var config = Path.Combine(work, "docker-config");
        Directory.CreateDirectory(config);
        var env = new BenchEnvironment(config);
        var store = new DockerCredentialStore(env);
        var run = Guid.NewGuid().ToString("n")[..6];
        var repo = $"{address}/dpsreg-bench";
        var report = bench.Report;
        try
        {
            var bulk = MakeBulk(sizeMb);
            report.Heading($"docker push and docker pull of one image of {sizeMb} MiB of random (incompressible) layer data through the local registry ({address}, htpasswd auth), measured {BenchReport.Stamp}; {runs} paired runs, seconds (median), DockerPS first in odd runs.");
            report.Table("llrrrlrr", "engine", "operation", "DockerPS", "docker CLI", "DockerPS / CLI (paired median)", "each run's ratio", "DockerPS peak managed growth", "DockerPS bytes allocated");

            foreach (var engine in bench.Engines)
            {
                using var client = engine.Connect();
                var cli = new CliProcess(engine) { Environment = { ["DOCKER_CONFIG"] = env.ConfigDirectory } };
                await client.Images.LoginAsync(new RegistryAuth(address, registry.Username, registry.Password), store).ConfigureAwait(false);
                var made = new List<string>();
                try
                {
                    var push = new PairedFigures();
                    var pull = new PairedFigures();
                    string? pullRef = null;

                    await PairedRuns.RunAsync(runs, async (i, ours) =>
                    {
                        var reference = $"{repo}:{engine.Name}-{run}-{i}-{(ours ? "ours" : "cli")}";
                        await ImportAsync(cli, work, bulk, reference).ConfigureAwait(false);
                        made.Add(reference);
                        await PageCache.FlushAsync().ConfigureAwait(false);
                        if (ours)
                        {
                            IReadOnlyList<DockerImage>? pushed = null;
                            push.Ours.Add(await push.MeasureOursAsync(async memory => pushed = await client.Images.PushAsync(reference, new ImagePushOptions { Credentials = store, Progress = memory.Progress<JsonMessage>() }).ConfigureAwait(false)).ConfigureAwait(false));
                            if (pushed!.Single().Digest is null) throw new InvalidOperationException("no digest after the push");
                            pullRef ??= reference;
                        }
                        else
                        {
                            push.Cli.Add((await cli.RunAsync("push", reference).ConfigureAwait(false)).Seconds);
                        }
                        if (reference != pullRef) await cli.RunAsync("rmi", reference).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                    Console.Error.WriteLine($"{engine.Name} push: ours {Stats.Each(push.Ours, "F2")} cli {Stats.Each(push.Cli, "F2")}");

                    await cli.RunAsync("rmi", pullRef!).ConfigureAwait(false);
                    await PairedRuns.RunAsync(runs, async (_, ours) =>
                    {
                        await PageCache.FlushAsync().ConfigureAwait(false);
                        if (ours) pull.Ours.Add(await pull.MeasureOursAsync(memory => client.Images.PullAsync(pullRef!, new ImagePullOptions { Credentials = store, Progress = memory.Progress<JsonMessage>() })).ConfigureAwait(false));
                        else pull.Cli.Add((await cli.RunAsync("pull", pullRef!).ConfigureAwait(false)).Seconds);
                        await cli.RunAsync("rmi", pullRef!).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                    Console.Error.WriteLine($"{engine.Name} pull: ours {Stats.Each(pull.Ours, "F2")} cli {Stats.Each(pull.Cli, "F2")}");
                    Row(report, engine.Name, "push", push);
                    Row(report, engine.Name, "pull", pull);
                }
                finally
                {
                    foreach (var reference in made) await cli.TryRunAsync("rmi", "-f", reference).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return await bench.FinishAsync().ConfigureAwait(false);
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
    private static async Task ImportAsync(CliProcess cli, string work, byte[][] bulk, string reference)
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
        await cli.RunAsync("import", tar, reference).ConfigureAwait(false);
        File.Delete(tar);
    }

    private static void Row(BenchReport report, string engine, string operation, PairedFigures seconds) =>
        report.Line($"| {engine} | {operation} | {Stats.Median(seconds.Ours):F2} s | {Stats.Median(seconds.Cli):F2} s | {seconds.MedianRatio:F3} | {Stats.Each(seconds.Ratios, "F3", ", ")} | {seconds.PeakManaged / 1048576.0:F1} MiB | {seconds.Allocated / 1048576.0:F1} MiB |");

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
}
