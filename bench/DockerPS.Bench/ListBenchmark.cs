using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
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
    private const string ContainersOption = "--containers";

    public static async Task<int> RunAsync(string[] args)
    {
        var bench = await BenchSession.StartAsync("bench", args, ContainersOption).ConfigureAwait(false);
        var containers = bench.Options.Number(ContainersOption, 200, minimum: 0);

        var report = bench.Report;
        report.Heading($"Measured {BenchReport.Stamp}; medians.");
        report.Table("llrrrrrr", "engine", "call", "containers", "DockerPS client", "raw HTTP", "docker CLI", "client / raw", "CLI / client");
        var extra = new BenchReport();
        extra.Table("lrrr", "engine", "DockerPS first call (connect + negotiate + list)", "raw first call (connect + list)", "bytes allocated per `ps -a` list call (as is / +200)");

        foreach (var engine in bench.Engines)
        {
            var endpoint = engine.Endpoint;
            using var client = new DockerClient(endpoint);
            var version = (await client.GetApiVersionAsync().ConfigureAwait(false)).ToString();
            var before = (await client.Containers.ListAsync(new ContainerListOptions { All = true }).ConfigureAwait(false)).Count;

            var allocs = new List<long>();
            await MeasureAsync(engine, client, endpoint, version, before, report, allocs).ConfigureAwait(false);

            var ids = await CreateContainersAsync(client, bench.Endpoints.Busybox, containers).ConfigureAwait(false);
            try
            {
                await MeasureAsync(engine, client, endpoint, version, before + ids.Count, report, allocs).ConfigureAwait(false);
            }
            finally
            {
                await Throttled.ForEachAsync(ids, 8, id => client.Containers.RemoveAsync(id, force: true)).ConfigureAwait(false);
            }

            var first = await Stats.MedianMillisecondsAsync(10, 15, async () =>
            {
                using var fresh = new DockerClient(endpoint);
                await fresh.Containers.ListAsync(new ContainerListOptions { All = true }).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var rawFirst = await Stats.MedianMillisecondsAsync(10, 15, async () =>
            {
                using var raw = await RawHttp.ConnectAsync(endpoint).ConfigureAwait(false);
                await raw.GetAsync($"/v{version}/containers/json?all=1").ConfigureAwait(false);
            }).ConfigureAwait(false);
            extra.Line($"| {engine.Name} | {Ms(first)} | {Ms(rawFirst)} | {string.Join(" / ", allocs.Select(a => a.ToString("N0", CultureInfo.InvariantCulture)))} |");
        }

        report.Append(extra);
        return await bench.FinishAsync().ConfigureAwait(false);
    }

    /// <summary>The two list calls, each timed the three ways, one report row each.</summary>
    private static async Task MeasureAsync(BenchEngine engine, DockerClient client, DockerEndpoint endpoint, string version, int containers, BenchReport report, List<long> allocs)
    {
        using var raw = await RawHttp.ConnectAsync(endpoint).ConfigureAwait(false);
        var cli = new CliProcess(engine);
        var calls = new (string Name, Func<Task> Client, string Path, string[] CliArgs)[]
        {
            ("ps -a", () => client.Containers.ListAsync(new ContainerListOptions { All = true }), $"/v{version}/containers/json?all=1", new[] { "ps", "-a", "--format", "json" }),
            ("images", () => client.Images.ListAsync(), $"/v{version}/images/json", new[] { "images", "--format", "json" }),
        };
        foreach (var (name, call, path, cliArgs) in calls)
        {
            var iterations = containers > 50 ? 200 : 1000;
            // Client and raw calls alternate, so both see the same machine: measured in separate blocks, the drift
            // between blocks on a busy 2-core machine is larger than the difference being measured.
            var (clientMs, rawMs) = await PairedMediansAsync(iterations, call, () => raw.GetAsync(path)).ConfigureAwait(false);
            var cliMs = await Stats.MedianMillisecondsAsync(10, 11, () => cli.RunAsync(cliArgs)).ConfigureAwait(false);
            report.Line($"| {engine.Name} (API {version}) | `{name}` | {containers} | {Ms(clientMs)} | {Ms(rawMs)} | {Ms(cliMs)} | {clientMs / rawMs:0.00}x | {cliMs / clientMs:0}x |");
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

    /// <summary>Medians of two calls made in turn, call by call, after 20 untimed rounds.</summary>
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
        return (Stats.HighMedian(sa), Stats.HighMedian(sb));
    }

    private static async Task<List<string>> CreateContainersAsync(DockerClient client, string image, int count)
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        return (await Throttled.SelectAsync(Enumerable.Range(0, count), 8, i => client.Containers.CreateAsync(new ContainerCreateOptions(image)
        {
            Name = $"dps-bench-{run}-{i}",
            Command = new[] { "true" },
            Labels = new Dictionary<string, string> { [Label] = run },
        })).ConfigureAwait(false)).ToList();
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
