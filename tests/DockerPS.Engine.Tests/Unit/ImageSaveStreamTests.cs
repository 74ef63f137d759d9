using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit;

/// <summary>
/// docker save's archive as the engine may send it: whole, ending in two zero blocks; with the engine's error written
/// after the archive began (moby writes it into the stream once output has been flushed); or cut short.
/// </summary>
public class ImageSaveStreamTests
{
    private static FaultServer Serving(byte[] body) => new(async conn =>
    {
        if (await conn.ReadRequestAsync() is null) return;
        await conn.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nContent-Length: {body.Length}\r\n\r\n");
        await conn.WriteAsync(body);
    });

    private static byte[] Tar(int dataBlocks, byte[]? after = null)
    {
        var data = Enumerable.Repeat((byte)'x', dataBlocks * 512).ToArray();
        return data.Concat(new byte[1024]).Concat(after ?? Array.Empty<byte>()).ToArray();
    }

    [Fact]
    public async Task A_whole_archive_is_written_as_it_came()
    {
        var body = Tar(300);
        using var server = Serving(body);
        using var client = server.Client();
        using var sink = new MemoryStream();
        Assert.Equal(body.Length, await client.Images.SaveAsync(new[] { "busybox" }, sink));
        Assert.Equal(body, sink.ToArray());
        Assert.Contains("GET /v1.41/images/get?names=busybox HTTP/1.1", server.RequestLines);
    }

    [Fact]
    public async Task An_error_the_engine_writes_into_the_archive_is_an_error()
    {
        var partial = Enumerable.Repeat((byte)'x', 70_000).ToArray();
        var error = Encoding.UTF8.GetBytes("{\"errorDetail\":{\"message\":\"failed to get layer: disk I/O error\"},\"error\":\"failed to get layer: disk I/O error\"}\r\n");
        using var server = Serving(partial.Concat(error).ToArray());
        using var client = server.Client();
        var ex = await Assert.ThrowsAsync<DockerStreamException>(() => client.Images.SaveAsync(new[] { "busybox", "debian" }, Stream.Null));
        Assert.Equal("failed to get layer: disk I/O error", ex.Message);
        Assert.Equal("busybox, debian", ex.Target);
    }

    [Fact]
    public async Task An_archive_cut_short_is_an_error()
    {
        using var server = Serving(Enumerable.Repeat((byte)'x', 5000).ToArray());
        using var client = server.Client();
        await Assert.ThrowsAsync<DockerProtocolException>(() => client.Images.SaveAsync(new[] { "busybox" }, Stream.Null));
    }

    [Fact]
    public async Task A_failed_save_to_a_file_leaves_nothing_behind()
    {
        using var server = Serving(Enumerable.Repeat((byte)'x', 5000).ToArray());
        using var client = server.Client();
        using var temp = new TempDirectory();
        await Assert.ThrowsAsync<DockerProtocolException>(() => client.Images.SaveToFileAsync(new[] { "busybox" }, Path.Combine(temp.Path, "out.tar")));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}

/// <summary>
/// Archives to and from files over a unix socket go through a connection of their own in blocking mode, copied on a
/// thread of their own (DockerRequest.Blocking): an in-process server on a unix socket checks what arrives, and that
/// cancellation still ends a read or write blocked in the kernel at once.
/// </summary>
public class BlockingArchiveTransferTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_save_to_a_file_over_a_unix_socket_has_a_connection_of_its_own_and_writes_every_byte()
    {
        var body = Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 7)).Concat(new byte[1024]).ToArray();
        using var server = new FaultServer(async conn =>
        {
            while (await conn.ReadRequestAsync() is { } line)
            {
                if (line.StartsWith("GET /_ping", StringComparison.Ordinal)) await conn.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
                else
                {
                    await conn.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n");
                    await conn.WriteAsync(Chunks(body));
                }
            }
        }, unixSocket: true);
        using var client = server.Client();
        using var temp = new TempDirectory();
        await client.System.PingAsync();
        Assert.Equal(1, server.Connections);

        var path = Path.Combine(temp.Path, "out.tar");
        Assert.Equal(body.Length, await client.Images.SaveToFileAsync(new[] { "busybox" }, path));
        Assert.Equal(body, File.ReadAllBytes(path));
        // The idle pooled connection was not used: the save opened its own, blocking one.
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task Cancelling_a_save_blocked_on_a_silent_unix_socket_engine_ends_it_and_leaves_no_file()
    {
        var wrote = new TaskCompletionSource();
        using var server = new FaultServer(async conn =>
        {
            if (await conn.ReadRequestAsync() is null) return;
            await conn.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n2710\r\n" + new string('x', 10000) + "\r\n");
            wrote.TrySetResult();
            await Task.Delay(Timeout.Infinite);
        }, unixSocket: true);
        using var client = server.Client();
        using var temp = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var save = client.Images.SaveToFileAsync(new[] { "busybox" }, Path.Combine(temp.Path, "out.tar"), cancellationToken: cancel.Token);
        // The head and 10000 bytes went out and nothing more comes: the copy reads them, then blocks in the kernel.
        await wrote.Task.WaitAsync(Hang);
        await Task.Delay(300);
        Assert.False(save.IsCompleted);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => save.WaitAsync(Hang));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task A_load_from_a_file_over_a_unix_socket_sends_every_byte_with_its_length()
    {
        using var temp = new TempDirectory();
        var bytes = Enumerable.Range(0, 2_500_000).Select(i => (byte)(i * 13)).ToArray();
        var path = Path.Combine(temp.Path, "in.tar");
        File.WriteAllBytes(path, bytes);
        byte[]? received = null;
        using var server = new FaultServer(async conn =>
        {
            if (await conn.ReadRequestAsync() is null) return;
            received = conn.LastBody;
            await conn.WriteAsync(FaultServer.Conn.Json(200, "{\"stream\":\"Loaded image: app:1\\n\"}\r\n"));
        }, unixSocket: true);
        using var client = server.Client();
        var loaded = await client.Images.LoadFromFileAsync(path);
        Assert.Equal(new[] { "app:1" }, loaded.References);
        Assert.Equal(bytes, received);
        Assert.Contains($"Content-Length: {bytes.Length}", server.RequestHeads.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_load_blocked_on_a_unix_socket_engine_that_stopped_reading_ends_it()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "in.tar");
        File.WriteAllBytes(path, new byte[32 * 1024 * 1024]);
        var asked = new TaskCompletionSource();
        using var server = new FaultServer(async conn =>
        {
            if (await conn.ReadHeadOnlyAsync() is null) return;
            asked.TrySetResult();
            await Task.Delay(Timeout.Infinite);
        }, unixSocket: true);
        using var client = server.Client();
        using var cancel = new CancellationTokenSource();
        var load = client.Images.LoadFromFileAsync(path, cancellationToken: cancel.Token);
        // With 32 MiB to send and nobody reading, the body fills the socket's buffer and the next write blocks.
        await asked.Task.WaitAsync(Hang);
        await Task.Delay(300);
        Assert.False(load.IsCompleted);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load.WaitAsync(Hang));
    }

    /// <summary>The body as the engine sends it: chunks of 32 KiB, then the last chunk.</summary>
    private static byte[] Chunks(byte[] body)
    {
        using var text = new MemoryStream();
        for (var i = 0; i < body.Length; i += 32768)
        {
            var n = Math.Min(32768, body.Length - i);
            text.Write(Encoding.ASCII.GetBytes(n.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"));
            text.Write(body, i, n);
            text.Write("\r\n"u8);
        }
        text.Write("0\r\n\r\n"u8);
        return text.ToArray();
    }
}

/// <summary>
/// How an abort ends a read blocked in the transport: closing a socket under a blocking read may end it as an end of
/// stream instead of an error (seen in CI), and either way the reader sees a cancellation, not "the engine closed the
/// connection". A stream stands in for the socket, so both endings are certain.
/// </summary>
public class AbortedReadTests
{
    // A small read fills the connection's buffer (as a chunk-size line does); a large one reads straight through.
    [Theory]
    [InlineData(true, true, 10)]
    [InlineData(true, false, 10)]
    [InlineData(false, true, 10)]
    [InlineData(false, false, 10)]
    [InlineData(true, true, 1 << 20)]
    [InlineData(true, false, 1 << 20)]
    [InlineData(false, true, 1 << 20)]
    [InlineData(false, false, 1 << 20)]
    public async Task A_read_the_abort_ends_is_a_cancellation_however_the_transport_ends_it(bool endsAsEndOfStream, bool blocking, int count)
    {
        var stream = new BlockedStream(endsAsEndOfStream);
        var connection = new DockerPS.Engine.Http.HttpConnection(new DockerPS.Engine.Transport.TransportConnection(stream));
        using var cancel = new CancellationTokenSource();
        using var registration = connection.AbortOn(cancel.Token);
        var buffer = new byte[count];
        var read = Task.Run(async () => await connection.ReadAsync(buffer, 0, count, CancellationToken.None, sync: blocking));
        await stream.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>A transport whose reads block until it is disposed, then end as an end of stream or as an error.</summary>
    private sealed class BlockedStream : DockerPS.Engine.Streams.ReadOnlyStream
    {
        private readonly bool _endsAsEndOfStream;
        private readonly ManualResetEventSlim _disposed = new();

        public BlockedStream(bool endsAsEndOfStream) => _endsAsEndOfStream = endsAsEndOfStream;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override int Read(byte[] buffer, int offset, int count) => Block();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.Run(Block, CancellationToken.None);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Task.Run(Block, CancellationToken.None));

        private int Block()
        {
            Entered.TrySetResult();
            _disposed.Wait();
            return _endsAsEndOfStream ? 0 : throw new IOException("The socket was closed.");
        }

        protected override void Dispose(bool disposing)
        {
            _disposed.Set();
            base.Dispose(disposing);
        }
    }
}
