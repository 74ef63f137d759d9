using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Http;

/// <summary>A read-only stream over a response body. <see cref="IsComplete"/> tells whether the body was read to its end.</summary>
internal abstract class BodyStream : ReadOnlyStream
{
    protected BodyStream(HttpConnection connection) => Connection = connection;

    protected HttpConnection Connection { get; }

    /// <summary>True once the whole body has been read, so the connection may carry another request.</summary>
    public bool IsComplete { get; protected set; }

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadCoreAsync(false, buffer, offset, count, cancellationToken).AsTask();

    /// <summary>
    /// A blocking read, for a bulk copy on a thread of its own (<see cref="HttpConnection.ReadAsync"/> says why);
    /// aborting the connection ends it.
    /// </summary>
    public sealed override int Read(byte[] buffer, int offset, int count) =>
        Blocking.Result(ReadCoreAsync(true, buffer, offset, count, CancellationToken.None));

    /// <summary>One read, asynchronous or (with <paramref name="sync"/>) complete on return.</summary>
    protected abstract ValueTask<int> ReadCoreAsync(bool sync, byte[] buffer, int offset, int count, CancellationToken cancellationToken);
}

internal sealed class EmptyBodyStream : BodyStream
{
    public EmptyBodyStream(HttpConnection connection) : base(connection) => IsComplete = true;

    protected override ValueTask<int> ReadCoreAsync(bool sync, byte[] buffer, int offset, int count, CancellationToken cancellationToken) => new(0);
}

internal sealed class ContentLengthBodyStream : BodyStream
{
    private long _remaining;

    public ContentLengthBodyStream(HttpConnection connection, long length) : base(connection)
    {
        _remaining = length;
        IsComplete = length == 0;
    }

    public long Remaining => _remaining;

    protected override async ValueTask<int> ReadCoreAsync(bool sync, byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_remaining == 0) return 0;
        var n = await Connection.ReadAsync(buffer, offset, (int)Math.Min(count, _remaining), cancellationToken, sync).ConfigureAwait(false);
        if (n == 0) throw new DockerProtocolException($"The engine closed the connection with {_remaining} bytes of the response body still to come.");
        _remaining -= n;
        if (_remaining == 0) IsComplete = true;
        return n;
    }
}

/// <summary>Decodes <c>Transfer-Encoding: chunked</c> as it reads, holding no more than one read's worth.</summary>
internal sealed class ChunkedBodyStream : BodyStream
{
    private long _chunkRemaining;
    private bool _done;

    public ChunkedBodyStream(HttpConnection connection) : base(connection) { }

    protected override async ValueTask<int> ReadCoreAsync(bool sync, byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_done || count == 0) return 0;
        if (_chunkRemaining == 0)
        {
            var line = await Connection.ReadLineAsync(allowEofAtStart: false, "a chunked response body", cancellationToken, sync).ConfigureAwait(false);
            var semicolon = line!.IndexOf(';');
            var sizeText = (semicolon >= 0 ? line.Substring(0, semicolon) : line).Trim();
            if (sizeText.Length == 0 || sizeText.Length > 15 || !long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _chunkRemaining) || _chunkRemaining < 0)
                throw new DockerProtocolException($"The engine sent a malformed chunk size: '{(line.Length > 40 ? line.Substring(0, 40) : line)}'.");
            if (_chunkRemaining == 0)
            {
                // Trailer headers, then the blank line that ends the body.
                string? trailer;
                do
                {
                    trailer = await Connection.ReadLineAsync(allowEofAtStart: false, "a chunked response body", cancellationToken, sync).ConfigureAwait(false);
                }
                while (trailer!.Length > 0);
                _done = true;
                IsComplete = true;
                return 0;
            }
        }

        var n = await Connection.ReadAsync(buffer, offset, (int)Math.Min(count, _chunkRemaining), cancellationToken, sync).ConfigureAwait(false);
        if (n == 0) throw new DockerProtocolException("The engine closed the connection in the middle of a chunked response.");
        _chunkRemaining -= n;
        if (_chunkRemaining == 0)
        {
            var end = await Connection.ReadLineAsync(allowEofAtStart: false, "a chunked response body", cancellationToken, sync).ConfigureAwait(false);
            if (end!.Length != 0) throw new DockerProtocolException("A chunk of the engine's response is longer than its declared size.");
        }
        return n;
    }
}

/// <summary>A body delimited by the end of the connection (HTTP/1.0 style); the connection cannot be reused.</summary>
internal sealed class UntilCloseBodyStream : BodyStream
{
    public UntilCloseBodyStream(HttpConnection connection) : base(connection) { }

    protected override async ValueTask<int> ReadCoreAsync(bool sync, byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        try
        {
            return await Connection.ReadAsync(buffer, offset, count, cancellationToken, sync).ConfigureAwait(false);
        }
        catch (IOException) when (Connection.IsDisposed)
        {
            return 0;
        }
    }
}

/// <summary>Encodes what is written to it as HTTP chunks; <see cref="FinishAsync"/> writes the last chunk.</summary>
internal sealed class ChunkedWriteStream : Stream
{
    private static readonly byte[] CrLfBytes = { (byte)'\r', (byte)'\n' };
    private static readonly byte[] LastChunk = Encoding.ASCII.GetBytes("0\r\n\r\n");
    private readonly Stream _inner;

    public ChunkedWriteStream(Stream inner) => _inner = inner;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => _inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Blocking.Wait(WriteAsync(buffer, offset, count, sync: true, CancellationToken.None));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer, offset, count, sync: false, cancellationToken).AsTask();

    private async ValueTask WriteAsync(byte[] buffer, int offset, int count, bool sync, CancellationToken cancellationToken)
    {
        if (count == 0) return;
        var size = Encoding.ASCII.GetBytes(count.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
        await WriteInnerAsync(size, 0, size.Length, sync, cancellationToken).ConfigureAwait(false);
        await WriteInnerAsync(buffer, offset, count, sync, cancellationToken).ConfigureAwait(false);
        await WriteInnerAsync(CrLfBytes, 0, 2, sync, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask FinishAsync(CancellationToken cancellationToken, bool sync = false) => WriteInnerAsync(LastChunk, 0, LastChunk.Length, sync, cancellationToken);

    private async ValueTask WriteInnerAsync(byte[] buffer, int offset, int count, bool sync, CancellationToken cancellationToken)
    {
        if (sync) _inner.Write(buffer, offset, count);
        else await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        // The inner stream is the connection's: it stays open.
        base.Dispose(disposing);
    }
}
