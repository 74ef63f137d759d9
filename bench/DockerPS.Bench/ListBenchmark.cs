using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Endpoints;

namespace DockerPS.Bench;

/// <summary>
/// List calls three ways, on each engine, on the engine as it is and with 200 more containers: the DockerPS client
/// in-process, a raw HTTP/1.1 request on a kept-alive socket (the floor), and the docker CLI as a process
/// (<c>docker ps -a --format json</c>, <c>docker images --format json</c>). Medians. Also first-call latency
/// (connect + negotiate + list) and bytes allocated per list call.
/// </summary>
internal static class ListBenchmark
{
    private const string Label = "dockerps.bench";

    private sealed record Engine(string Name, string Host, string Cli);

    public static async Task<int> RunAsync(string[] args)
    {
        var opts = Options(args);
        var file = Environment.GetEnvironmentVariable("DOCKERPS_TEST_ENV") is { Length: > 0 } f ? f : "/var/lib/dockerps-ci/endpoints.json";
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file).ConfigureAwait(false));
        var engines = doc.RootElement.GetProperty("engines").EnumerateArray()
            .Select(e => new Engine(e.GetProperty("name").GetString()!, e.GetProperty("host").GetString()!, e.GetProperty("cli").GetString()!))
            .Where(e => opts.Engines is null || opts.Engines.Contains(e.Name))
            .ToList();
        var image = doc.RootElement.GetProperty("images").GetProperty("busybox").GetString()!;

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; medians.");
        report.AppendLine();
        report.AppendLine("| engine | call | containers | DockerPS client | raw HTTP | docker CLI | client / raw | CLI / client |");
        report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        var extra = new StringBuilder();
        extra.AppendLine("| engine | DockerPS first call (connect + negotiate + list) | raw first call (connect + list) | bytes allocated per `ps -a` list call (as is / +200) |");
        extra.AppendLine("|---|---:|---:|---:|");

        foreach (var engine in engines)
        {
            var endpoint = DockerHostParser.Parse(engine.Host);
            using var client = new DockerClient(endpoint);
            var version = (await client.GetApiVersionAsync().ConfigureAwait(false)).ToString();
            var before = (await client.Containers.ListAsync(new ContainerListOptions { All = true }).ConfigureAwait(false)).Count;

            var rows = new List<string>();
            var allocs = new List<long>();
            await MeasureAsync(engine, client, endpoint, version, before, rows, allocs).ConfigureAwait(false);

            var ids = await CreateContainersAsync(client, image, opts.Containers).ConfigureAwait(false);
            try
            {
                await MeasureAsync(engine, client, endpoint, version, before + ids.Count, rows, allocs).ConfigureAwait(false);
            }
            finally
            {
                await RemoveContainersAsync(client, ids).ConfigureAwait(false);
            }
            foreach (var r in rows) report.AppendLine(r);

            var first = await MedianAsync(15, async () =>
            {
                using var fresh = new DockerClient(endpoint);
                await fresh.Containers.ListAsync(new ContainerListOptions { All = true }).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var rawFirst = await MedianAsync(15, async () =>
            {
                using var raw = await RawHttp.ConnectAsync(endpoint).ConfigureAwait(false);
                await raw.GetAsync($"/v{version}/containers/json?all=1").ConfigureAwait(false);
            }).ConfigureAwait(false);
            extra.AppendLine(CultureInfo.InvariantCulture, $"| {engine.Name} | {Ms(first)} | {Ms(rawFirst)} | {string.Join(" / ", allocs.Select(a => a.ToString("N0", CultureInfo.InvariantCulture)))} |");
        }

        var text = report + Environment.NewLine + extra;
        Console.WriteLine(text);
        if (opts.Out is not null) await File.WriteAllTextAsync(opts.Out, text).ConfigureAwait(false);
        return 0;
    }

    private static async Task MeasureAsync(Engine engine, DockerClient client, DockerEndpoint endpoint, string version, int containers, List<string> rows, List<long> allocs)
    {
        using var raw = await RawHttp.ConnectAsync(endpoint).ConfigureAwait(false);
        var calls = new (string Name, Func<Task> Client, string Path, string CliArgs)[]
        {
            ("ps -a", () => client.Containers.ListAsync(new ContainerListOptions { All = true }), $"/v{version}/containers/json?all=1", "ps -a --format json"),
            ("images", () => client.Images.ListAsync(), $"/v{version}/images/json", "images --format json"),
        };
        foreach (var (name, call, path, cli) in calls)
        {
            var iterations = containers > 50 ? 200 : 1000;
            // Client and raw calls alternate, so both see the same machine: measured in separate blocks, the drift
            // between blocks on a busy 2-core machine is larger than the difference being measured.
            var (clientMs, rawMs) = await PairedMediansAsync(iterations, call, () => raw.GetAsync(path)).ConfigureAwait(false);
            var cliMs = await MedianAsync(11, () => RunCliAsync(engine, cli)).ConfigureAwait(false);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {engine.Name} (API {version}) | `{name}` | {containers} | {Ms(clientMs)} | {Ms(rawMs)} | {Ms(cliMs)} | {clientMs / rawMs:0.00}x | {cliMs / clientMs:0}x |"));
            if (name == "ps -a")
            {
                const int n = 50;
                var start = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < n; i++) await call().ConfigureAwait(false);
                allocs.Add((GC.GetTotalAllocatedBytes(precise: true) - start) / n);
            }
        }
    }

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " ms";

    private static async Task<(double A, double B)> PairedMediansAsync(int iterations, Func<Task> a, Func<Task> b)
    {
        for (var i = 0; i < 20; i++)
        {
            await a().ConfigureAwait(false);
            await b().ConfigureAwait(false);
        }
        var sa = new double[iterations];
        var sb = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            await a().ConfigureAwait(false);
            sa[i] = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            await b().ConfigureAwait(false);
            sb[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(sa);
        Array.Sort(sb);
        return (sa[iterations / 2], sb[iterations / 2]);
    }

    private static async Task<double> MedianAsync(int iterations, Func<Task> action)
    {
        for (var i = 0; i < Math.Min(10, iterations); i++) await action().ConfigureAwait(false);
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            await action().ConfigureAwait(false);
            samples[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples[iterations / 2];
    }

    private static async Task RunCliAsync(Engine engine, string args)
    {
        var info = new ProcessStartInfo(engine.Cli, $"-H {engine.Host} {args}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(info)!;
        await p.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await p.WaitForExitAsync().ConfigureAwait(false);
        if (p.ExitCode != 0) throw new InvalidOperationException($"docker {args} failed: {await p.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
    }

    private static async Task<List<string>> CreateContainersAsync(DockerClient client, string image, int count)
    {
        var ids = new List<string>();
        var run = Guid.NewGuid().ToString("n")[..8];
        using var gate = new SemaphoreSlim(8);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                var id = await client.Containers.CreateAsync(new ContainerCreateOptions(image)
                {
                    Name = $"dps-bench-{run}-{i}",
                    Command = new[] { "true" },
                    Labels = new Dictionary<string, string> { [Label] = run },
                }).ConfigureAwait(false);
                lock (ids) ids.Add(id);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return ids;
    }

    private static async Task RemoveContainersAsync(DockerClient client, List<string> ids)
    {
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(ids.Select(async id =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await client.Containers.RemoveAsync(id, force: true).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    private static (HashSet<string>? Engines, int Containers, string? Out) Options(string[] args)
    {
        HashSet<string>? engines = null;
        var containers = 200;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--engines": engines = args[++i].Split(',').ToHashSet(); break;
                case "--containers": containers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": output = args[++i]; break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }
        return (engines, containers, output);
    }
}

/// <summary>The floor: one hand-written HTTP/1.1 request on a kept-alive socket, body read and dropped, no parsing.</summary>
internal sealed class RawHttp : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[256 * 1024];

    private RawHttp(Socket socket) => _socket = socket;

    public static async Task<RawHttp> ConnectAsync(DockerEndpoint endpoint)
    {
        Socket socket;
        if (endpoint.Scheme == EndpointScheme.Unix)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.Address)).ConfigureAwait(false);
        }
        else
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endpoint.Address, endpoint.Port).ConfigureAwait(false);
        }
        return new RawHttp(socket);
    }

    public async Task GetAsync(string path)
    {
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: docker\r\n\r\n");
        await _socket.SendAsync(request, SocketFlags.None).ConfigureAwait(false);
        var have = 0;
        int headEnd;
        while ((headEnd = IndexOf(_buffer, have, "\r\n\r\n"u8)) < 0) have += await Receive(have).ConfigureAwait(false);
        var head = Encoding.ASCII.GetString(_buffer, 0, headEnd);
        var bodyStart = headEnd + 4;
        var cl = head.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
        if (cl >= 0)
        {
            var end = head.IndexOf('\r', cl);
            var length = int.Parse(head.AsSpan(cl + 16, (end < 0 ? head.Length : end) - cl - 16), CultureInfo.InvariantCulture);
            while (have < bodyStart + length) have += await Receive(have).ConfigureAwait(false);
            return;
        }
        // Chunked: read until the last chunk marker.
        while (IndexOf(_buffer, have, "\r\n0\r\n\r\n"u8) < 0 && !(have - bodyStart == 5 && _buffer[bodyStart] == (byte)'0')) have += await Receive(have).ConfigureAwait(false);
    }

    private async Task<int> Receive(int offset)
    {
        var n = await _socket.ReceiveAsync(_buffer.AsMemory(offset), SocketFlags.None).ConfigureAwait(false);
        if (n == 0) throw new IOException("engine closed the connection");
        return n;
    }

    private static int IndexOf(byte[] buffer, int length, ReadOnlySpan<byte> needle) => buffer.AsSpan(0, length).IndexOf(needle);

    public void Dispose() => _socket.Dispose();
}
