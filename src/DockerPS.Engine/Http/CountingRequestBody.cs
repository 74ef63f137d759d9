using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Http;

/// <summary>
/// A body copied from a stream in large pieces (image archives of gigabytes), calling back with how many bytes have gone
/// so far. One pooled buffer is the only memory it holds. Sent with Content-Length when the length is known.
/// </summary>
internal sealed class CountingRequestBody : RequestBody
{
    private const int PieceSize = 256 * 1024;
    private readonly Stream _source;
    private readonly Action<long>? _sent;

    public CountingRequestBody(Stream source, string contentType, long? length, Action<long>? sent)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        ContentType = contentType;
        Length = length;
        _sent = sent;
    }

    public override long? Length { get; }

    public override string ContentType { get; }

    public override bool IsReplayable => false;

    public override Task WriteToAsync(Stream destination, CancellationToken cancellationToken) => CopyAsync(destination, sync: false, cancellationToken).AsTask();

    public override void WriteTo(Stream destination) => Blocking.Result(CopyAsync(destination, sync: true, CancellationToken.None));

    private async ValueTask<long> CopyAsync(Stream destination, bool sync, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(PieceSize);
        try
        {
            long total = 0;
            int n;
            // A file opened for synchronous I/O is read in place: its ReadAsync would hop to another thread per piece.
            var readInPlace = sync || _source is FileStream { IsAsync: false };
            while ((n = readInPlace ? _source.Read(buffer, 0, PieceSize) : await _source.ReadAsync(buffer, 0, PieceSize, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (Length is long declared && total + n > declared)
                    throw new Errors.DockerException($"The file grew while it was sent: more than the {declared} bytes it had when the call began.", "SourceChanged", Errors.DockerErrorCategory.InvalidData);
                if (sync) destination.Write(buffer, 0, n);
                else await destination.WriteAsync(buffer, 0, n, cancellationToken).ConfigureAwait(false);
                total += n;
                _sent?.Invoke(total);
            }
            if (Length is long expected && total != expected)
                throw new Errors.DockerException($"The file shrank while it was sent: it ended after {total} of the {expected} bytes it had when the call began.", "SourceChanged", Errors.DockerErrorCategory.InvalidData);
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
