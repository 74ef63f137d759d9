using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Engine.Http;

/// <summary>What a request sends after its head: bytes it holds, or a stream it copies without holding it whole.</summary>
public abstract class RequestBody
{
    /// <summary>The length when known; null sends the body chunked.</summary>
    public abstract long? Length { get; }

    public abstract string ContentType { get; }

    /// <summary>True when the body can be sent again (a retry on a fresh connection).</summary>
    public abstract bool IsReplayable { get; }

    public abstract Task WriteToAsync(Stream destination, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the body with blocking calls, for a <see cref="DockerRequest.Blocking"/> call on a thread of its own.
    /// Bodies built for bulk transfers override it; the others wait for their asynchronous write.
    /// </summary>
    public virtual void WriteTo(Stream destination) => WriteToAsync(destination, CancellationToken.None).GetAwaiter().GetResult();
}

public sealed class BytesRequestBody : RequestBody
{
    public BytesRequestBody(byte[] bytes, string contentType)
    {
        Bytes = bytes;
        ContentType = contentType;
    }

    public byte[] Bytes { get; }

    public override long? Length => Bytes.Length;

    public override string ContentType { get; }

    public override bool IsReplayable => true;

    public override Task WriteToAsync(Stream destination, CancellationToken cancellationToken) =>
        destination.WriteAsync(Bytes, 0, Bytes.Length, cancellationToken);
}

/// <summary>A body copied from a stream in fixed-size pieces (tar archives, build contexts).</summary>
public sealed class StreamRequestBody : RequestBody
{
    private const int PieceSize = 81920;
    private readonly Stream _source;

    public StreamRequestBody(Stream source, string contentType, long? length = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        ContentType = contentType;
        Length = length;
    }

    public override long? Length { get; }

    public override string ContentType { get; }

    public override bool IsReplayable => false;

    public override async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[PieceSize];
        int n;
        while ((n = await _source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await destination.WriteAsync(buffer, 0, n, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// A body produced while it is sent: the writer callback writes straight into the request stream (sent chunked),
/// so content made on the fly (a tar of host files) is never held whole. Not replayable.
/// </summary>
public sealed class WriterRequestBody : RequestBody
{
    private readonly Func<Stream, CancellationToken, Task> _writer;

    public WriterRequestBody(Func<Stream, CancellationToken, Task> writer, string contentType)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        ContentType = contentType;
    }

    public override long? Length => null;

    public override string ContentType { get; }

    public override bool IsReplayable => false;

    public override Task WriteToAsync(Stream destination, CancellationToken cancellationToken) => _writer(destination, cancellationToken);
}
