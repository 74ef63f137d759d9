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


}

internal sealed class EmptyBodyStream : BodyStream
{
    public EmptyBodyStream(HttpConnection connection) : base(connection) => IsComplete = true;

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(0);
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

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_remaining == 0) return 0;
        var n = await Connection.ReadAsync(buffer, offset, (int)Math.Min(count, _remaining), cancellationToken).ConfigureAwait(false);
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

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_done || count == 0) return 0;
        if (_chunkRemaining == 0)
        {
            var line = await Connection.ReadLineAsync(allowEofAtStart: false, "a chunked response body", cancellationToken).ConfigureAwait(false);
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
                    trailer = await Connection.ReadLineAsync(allowEofAtStart: false, "a chunked response body", cancellationToken).ConfigureAwait(false);
                }
                while (trailer!.Length > 0);
                _done = true;
                IsComplete = true;
                return 0;
            }
        }

        var n = await Connection.ReadAsync(buffer, offset, (int)Math.Min(count, _chunkRemaining), cancellationToken).ConfigureAwait(false);
        if (n == 0) throw new DockerProtocolException("The engine closed the connection in the middle of a chunked response.");
        _chunkRemaining -= n;
        if (_chunkRemaining == 0)
        {
            var end = await Connection.ReadLineAsync(allowEofAtStart: false, "a chunked response body", cancellationToken).ConfigureAwait(false);
            if (end!.Length != 0) throw new DockerProtocolException("A chunk of the engine's response is longer than its declared size.");
        }
        return n;
    }
}

/// <summary>A body delimited by the end of the connection (HTTP/1.0 style); the connection cannot be reused.</summary>
internal sealed class UntilCloseBodyStream : BodyStream
{
    public UntilCloseBodyStream(HttpConnection connection) : base(connection) { }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        try
        {
            return await Connection.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
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
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (count == 0) return;
        var size = Encoding.ASCII.GetBytes(count.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
        await _inner.WriteAsync(size, 0, size.Length, cancellationToken).ConfigureAwait(false);
        await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        await _inner.WriteAsync(CrLfBytes, 0, 2, cancellationToken).ConfigureAwait(false);
    }

    public Task FinishAsync(CancellationToken cancellationToken) => _inner.WriteAsync(LastChunk, 0, LastChunk.Length, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        // The inner stream is the connection's: it stays open.
        base.Dispose(disposing);
    }
}
