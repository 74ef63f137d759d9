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
/// A tiny in-process HTTP server on loopback for fault injection: each accepted connection is handed to a script
/// that reads requests and writes whatever bytes the test wants (good, malformed, truncated or none).
/// </summary>
public sealed class FaultServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Conn, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    // Accepted connections stay referenced until the server is disposed: a script that waits forever (Task.Delay
    // with no timer) is referenced by nothing, and a collected TcpClient would reset the connection under the test.
    private readonly ConcurrentBag<TcpClient> _clients = new();

    public FaultServer(Func<Conn, Task> script)
    {
        _script = script;
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public ConcurrentQueue<string> RequestLines { get; } = new();

    /// <summary>Each request's whole head (request line and headers), for tests that check what was sent.</summary>
    public ConcurrentQueue<string> RequestHeads { get; } = new();

    public DockerClient Client(DockerClientOptions? options = null) =>
        new(DockerHostParser.Parse("tcp://127.0.0.1:" + Port), options ?? new DockerClientOptions { PinnedApiVersion = new ApiVersion(1, 41) });

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _clients.Add(client);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await _script(new Conn(client.GetStream(), this));
                    }
                    catch (IOException)
                    {
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            });
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        while (_clients.TryTake(out var c)) c.Dispose();
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
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await _stream.ReadAsync(one) == 0) return null;
                head.Append((char)one[0]);
            }
            var text = head.ToString();
            var line = text.Substring(0, text.IndexOf("\r\n", StringComparison.Ordinal));
            _server.RequestLines.Enqueue(line);
            _server.RequestHeads.Enqueue(text);
            var cl = text.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
            if (cl >= 0)
            {
                var end = text.IndexOf("\r\n", cl, StringComparison.Ordinal);
                var length = int.Parse(text.AsSpan(cl + 16, end - cl - 16), System.Globalization.CultureInfo.InvariantCulture);
                var body = new byte[length];
                var got = 0;
                while (got < length) got += await _stream.ReadAsync(body.AsMemory(got));
            }
            return line;
        }

        public Task WriteAsync(string text) => _stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

        public Task WriteAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

        public static string Json(int status, string body, string reason = "OK") =>
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
    }
}
