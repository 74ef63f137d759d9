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
using DockerPS.Engine.Endpoints;

namespace DockerPS.Bench;

/// <summary>
/// Issue 3's figures, on each engine, side by side with the docker CLI: create+start+wait+remove of busybox true
/// (vs docker run --rm), stopping and removing 200 containers (vs one docker rm -f with 200 ids), and reading 500 MB
/// of container output (vs docker logs), with the managed memory growth while reading.
/// </summary>
internal static class ContainerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var logMegabytes = args.Length > 1 && args[0] == "--log-mb" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        var file = Environment.GetEnvironmentVariable("DOCKERPS_TEST_ENV") is { Length: > 0 } f ? f : "/var/lib/dockerps-ci/endpoints.json";
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file).ConfigureAwait(false));
        var image = doc.RootElement.GetProperty("images").GetProperty("busybox").GetString()!;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores; medians.");
        report.AppendLine();
        report.AppendLine("| engine | what | DockerPS | docker CLI | CLI / DockerPS |");
        report.AppendLine("|---|---|---:|---:|---:|");
        foreach (var e in doc.RootElement.GetProperty("engines").EnumerateArray())
        {
            var name = e.GetProperty("name").GetString()!;
            var host = e.GetProperty("host").GetString()!;
            var cli = e.GetProperty("cli").GetString()!;
            using var client = new DockerClient(DockerHostParser.Parse(host));
            Console.Error.WriteLine($"[{name}] run --rm");

            var run = await MedianAsync(11, async () =>
            {
                var o = new ContainerCreateOptions(image) { Command = new[] { "true" }, AutoRemove = true };
                await ContainerRunner.RunAttachedAsync(client, o, _ => { }, CancellationToken.None).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var runCli = await MedianAsync(11, () => Cli(cli, host, $"run --rm {image} true")).ConfigureAwait(false);
            report.AppendLine(Row(name, "run --rm busybox true", run, runCli));

            Console.Error.WriteLine($"[{name}] starting 200");
            var ids = await StartManyAsync(client, image, 200).ConfigureAwait(false);
            Console.Error.WriteLine($"[{name}] removing 200");
            var sw = Stopwatch.StartNew();
            using (var gate = new SemaphoreSlim(16))
            {
                await Task.WhenAll(ids.Select(async id =>
                {
                    await gate.WaitAsync().ConfigureAwait(false);
                    try { await client.Containers.RemoveAsync(id, force: true).ConfigureAwait(false); }
                    finally { gate.Release(); }
                })).ConfigureAwait(false);
            }
            var rm = sw.Elapsed.TotalMilliseconds;
            ids = await StartManyAsync(client, image, 200).ConfigureAwait(false);
            sw.Restart();
            await Cli(cli, host, "rm -f " + string.Join(" ", ids)).ConfigureAwait(false);
            var rmCli = sw.Elapsed.TotalMilliseconds;
            report.AppendLine(Row(name, "stop and remove 200 running containers", rm, rmCli));

            Console.Error.WriteLine($"[{name}] logs");
            var (logs, logsCli, growth) = await LogsAsync(client, cli, host, image, logMegabytes).ConfigureAwait(false);
            report.AppendLine(Row(name, $"read {logMegabytes} MB of logs", logs, logsCli)
                + string.Create(CultureInfo.InvariantCulture, $" (DockerPS {logMegabytes / (logs / 1000):0} MB/s, docker {logMegabytes / (logsCli / 1000):0} MB/s; managed memory growth {growth / 1048576.0:0.0} MB)"));
        }
        Console.WriteLine(report);
        return 0;
    }

    private static string Row(string engine, string what, double ours, double theirs) =>
        string.Create(CultureInfo.InvariantCulture, $"| {engine} | {what} | {ours:0.0} ms | {theirs:0.0} ms | {theirs / ours:0.00}x |");

    private static async Task<List<string>> StartManyAsync(DockerClient client, string image, int count)
    {
        var ids = new List<string>();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                var id = await ContainerRunner.RunDetachedAsync(client, new ContainerCreateOptions(image) { Command = new[] { "sleep", "600" }, Labels = new Dictionary<string, string> { ["dockerps.bench"] = "rm" } }, CancellationToken.None).ConfigureAwait(false);
                lock (ids) ids.Add(id);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return ids;
    }

    private static async Task<(double Ours, double Cli, long Growth)> LogsAsync(DockerClient client, string cli, string host, string image, int megabytes)
    {
        // One line of 1 KB repeated: the json-file driver stores it, both readers read it all back.
        var id = await client.Containers.CreateAsync(new ContainerCreateOptions(image)
        {
            Command = new[] { "sh", "-c", $"yes \"$(head -c 1023 /dev/zero | tr '\\0' x)\" | head -n {megabytes * 1024}" },
        }).ConfigureAwait(false);
        try
        {
            await client.Containers.StartAsync(id).ConfigureAwait(false);
            await client.Containers.WaitAsync(id).ConfigureAwait(false);
            GC.Collect();
            var before = GC.GetTotalMemory(true);
            long peak = 0;
            long lines = 0;
            var sw = Stopwatch.StartNew();
            await client.Containers.ReadLogsAsync(id, new LogOptions(), _ =>
            {
                if (++lines % 20000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(false) - before);
            }).ConfigureAwait(false);
            var ours = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            await Cli(cli, host, "logs " + id).ConfigureAwait(false);
            return (ours, sw.Elapsed.TotalMilliseconds, peak);
        }
        finally
        {
            await client.Containers.RemoveAsync(id, force: true).ConfigureAwait(false);
        }
    }

    private static async Task<double> MedianAsync(int n, Func<Task> action)
    {
        await action().ConfigureAwait(false);
        var samples = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sw = Stopwatch.StartNew();
            await action().ConfigureAwait(false);
            samples[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples[n / 2];
    }

    private static async Task Cli(string cli, string host, string args)
    {
        var info = new ProcessStartInfo(cli, $"-H {host} {args}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(info)!;
        var drainOut = p.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var drainErr = p.StandardError.BaseStream.CopyToAsync(Stream.Null);
        await Task.WhenAll(drainOut, drainErr, p.WaitForExitAsync()).ConfigureAwait(false);
        if (p.ExitCode != 0) throw new InvalidOperationException($"docker {args[..Math.Min(60, args.Length)]} failed with {p.ExitCode}");
    }
}
