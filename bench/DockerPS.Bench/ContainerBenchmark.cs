using System.Diagnostics;
using System.Threading;
using DockerPS.Engine;
using DockerPS.Engine.Api;

namespace DockerPS.Bench;

/// <summary>
/// Issue 3's figures, on each engine, side by side with the docker CLI: create+start+wait+remove of busybox true
/// (vs docker run --rm), stopping and removing 200 containers (vs one docker rm -f with 200 ids), and reading 500 MB
/// of container output (vs docker logs), with the managed memory growth while reading.
/// </summary>
internal static class ContainerBenchmark
{
    private const string LogOption = "--log-mb";

    public static async Task<int> RunAsync(string[] args)
    {
        var bench = await BenchSession.StartAsync("containers", args, LogOption).ConfigureAwait(false);
        var logMegabytes = bench.Options.Number(LogOption, 500, minimum: 1);
        var image = bench.Endpoints.Busybox;
        var report = bench.Report;
        report.Heading($"Measured {BenchReport.Stamp}; medians.");
        report.Table("llrrr", "engine", "what", "DockerPS", "docker CLI", "CLI / DockerPS");
        foreach (var engine in bench.Engines)
        {
            var name = engine.Name;
            using var client = engine.Connect();
            var cli = new CliProcess(engine);
            Console.Error.WriteLine($"[{name}] run --rm");

            var run = await Stats.MedianMillisecondsAsync(1, 11, async () =>
            {
                var o = new ContainerCreateOptions(image) { Command = new[] { "true" }, AutoRemove = true };
                await ContainerRunner.RunAttachedAsync(client, o, _ => { }, CancellationToken.None).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var runCli = await Stats.MedianMillisecondsAsync(1, 11, () => cli.RunAsync("run", "--rm", image, "true")).ConfigureAwait(false);
            report.Line(Row(name, "run --rm busybox true", run, runCli));

            Console.Error.WriteLine($"[{name}] starting 200");
            var ids = await StartManyAsync(client, image, 200).ConfigureAwait(false);
            Console.Error.WriteLine($"[{name}] removing 200");
            var sw = Stopwatch.StartNew();
            await Throttled.ForEachAsync(ids, 16, id => client.Containers.RemoveAsync(id, force: true)).ConfigureAwait(false);
            var rm = sw.Elapsed.TotalMilliseconds;
            ids = await StartManyAsync(client, image, 200).ConfigureAwait(false);
            var rmCli = (await cli.RunAsync(new[] { "rm", "-f" }.Concat(ids).ToArray()).ConfigureAwait(false)).Seconds * 1000;
            report.Line(Row(name, "stop and remove 200 running containers", rm, rmCli));

            Console.Error.WriteLine($"[{name}] logs");
            var (logs, logsCli, growth) = await LogsAsync(client, cli, image, logMegabytes).ConfigureAwait(false);
            report.Line($"{Row(name, $"read {logMegabytes} MB of logs", logs, logsCli)} (DockerPS {logMegabytes / (logs / 1000):0} MB/s, docker {logMegabytes / (logsCli / 1000):0} MB/s; managed memory growth {growth / 1048576.0:0.0} MB)");
        }
        return await bench.FinishAsync().ConfigureAwait(false);
    }

    private static FormattableString Row(string engine, string what, double ours, double theirs) =>
        $"| {engine} | {what} | {ours:0.0} ms | {theirs:0.0} ms | {theirs / ours:0.00}x |";

    private static async Task<List<string>> StartManyAsync(DockerClient client, string image, int count) =>
        (await Throttled.SelectAsync(Enumerable.Range(0, count), 8, _ =>
            ContainerRunner.RunDetachedAsync(client, new ContainerCreateOptions(image) { Command = new[] { "sleep", "600" }, Labels = new Dictionary<string, string> { ["dockerps.bench"] = "rm" } }, CancellationToken.None)).ConfigureAwait(false)).ToList();

    private static async Task<(double Ours, double Cli, long Growth)> LogsAsync(DockerClient client, CliProcess cli, string image, int megabytes)
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
            using var memory = new MemorySampler();
            long lines = 0;
            var sw = Stopwatch.StartNew();
            await client.Containers.ReadLogsAsync(id, new LogOptions(), _ =>
            {
                if (++lines % 20000 == 0) memory.SampleManaged();
            }).ConfigureAwait(false);
            var ours = sw.Elapsed.TotalMilliseconds;
            var theirs = (await cli.RunAsync("logs", id).ConfigureAwait(false)).Seconds * 1000;
            return (ours, theirs, memory.PeakManaged);
        }
        finally
        {
            await client.Containers.RemoveAsync(id, force: true).ConfigureAwait(false);
        }
    }
}
