using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Endpoints;

namespace DockerPS.Engine.Tests.Support;

/// <summary>
/// A tiny in-process HTTP server for fault injection, on loopback tcp or on a unix socket of its own: each accepted
/// connection is handed to a script that reads requests and writes whatever bytes the test wants (good, malformed,
/// truncated or none).
/// </summary>
public sealed class FaultServer : IDisposable
{
    private readonly Socket _listener;
    private readonly string? _socketPath;
    private readonly Func<Conn, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    // Accepted connections stay referenced until the server is disposed: a script that waits forever (Task.Delay
    // with no timer) is referenced by nothing, and a collected socket would reset the connection under the test.
    private readonly ConcurrentBag<Socket> _clients = new();

    public FaultServer(Func<Conn, Task> script, bool unixSocket = false)
    {
        _script = script;
        if (unixSocket)
        {
            _socketPath = Path.Combine(Path.GetTempPath(), "dps-fault-" + Guid.NewGuid().ToString("n")[..12] + ".sock");
            _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            _listener.Bind(new UnixDomainSocketEndPoint(_socketPath));
        }
        else
        {
            _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }
        _listener.Listen(64);
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>The server as a DOCKER_HOST: tcp://127.0.0.1:port or unix:///tmp/dps-fault-....sock.</summary>
    public string Host => _socketPath is null ? "tcp://127.0.0.1:" + Port : "unix://" + _socketPath;

    public int Connections => Volatile.Read(ref _connections);

    public ConcurrentQueue<string> RequestLines { get; } = new();

    /// <summary>Each request's whole head (request line and headers), for tests that check what was sent.</summary>
    public ConcurrentQueue<string> RequestHeads { get; } = new();

    public DockerClient Client(DockerClientOptions? options = null) =>
        new(DockerHostParser.Parse(Host), options ?? new DockerClientOptions { PinnedApiVersion = new ApiVersion(1, 41) });

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _clients.Add(client);
            _ = Task.Run(async () =>
            {
                using var stream = new NetworkStream(client, ownsSocket: true);
                try
                {
                    await _script(new Conn(stream, this));
                }
                catch (IOException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            });
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        while (_clients.TryTake(out var c)) c.Dispose();
        if (_socketPath is not null) File.Delete(_socketPath);
    }

    /// <summary>One accepted connection, as the script sees it.</summary>
    public sealed class Conn
    {
        private readonly Stream _stream;
        private readonly FaultServer _server;

        public Conn(Stream stream, FaultServer server)
        {
            _stream = stream;
            _server = server;
        }

        /// <summary>Reads one request head (and a Content-Length body); returns its request line, or null at end.</summary>
        public async Task<string?> ReadRequestAsync()
        {
            var (line, head) = await ReadHeadAsync();
            if (line is null) return null;
            var cl = head.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
            if (cl >= 0)
            {
                var end = head.IndexOf("\r\n", cl, StringComparison.Ordinal);
                var length = int.Parse(head.AsSpan(cl + 16, end - cl - 16), System.Globalization.CultureInfo.InvariantCulture);
                var body = new byte[length];
                var got = 0;
                while (got < length)
                {
                    var n = await _stream.ReadAsync(body.AsMemory(got));
                    if (n == 0) return null;
                    got += n;
                }
                LastBody = body;
            }
            return line;
        }

        /// <summary>The Content-Length body of the last request read, when it had one.</summary>
        public byte[]? LastBody { get; private set; }

        /// <summary>Reads the request head only, leaving any body unread (a server that stops reading).</summary>
        public async Task<string?> ReadHeadOnlyAsync() => (await ReadHeadAsync()).Line;

        private async Task<(string? Line, string Head)> ReadHeadAsync()
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await _stream.ReadAsync(one) == 0) return (null, head.ToString());
                head.Append((char)one[0]);
            }
            var text = head.ToString();
            var line = text.Substring(0, text.IndexOf("\r\n", StringComparison.Ordinal));
            _server.RequestLines.Enqueue(line);
            _server.RequestHeads.Enqueue(text);
            return (line, text);
        }

        public Task WriteAsync(string text) => _stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

        public Task WriteAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

        public static string Json(int status, string body, string reason = "OK") =>
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
    }
}
