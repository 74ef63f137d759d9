using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Streams;

/// <summary>Which of a process's streams a piece of output came from.</summary>
public enum StreamKind
{
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,

    /// <summary>The engine's own error channel (exec and attach may write its failures here).</summary>
    SystemError = 3,
}

/// <summary>One read from a multiplexed stream: how many bytes, and from which stream. Zero bytes is the end.</summary>
public readonly struct MultiplexedRead
{
    public MultiplexedRead(StreamKind stream, int count)
    {
        Stream = stream;
        Count = count;
    }

    public StreamKind Stream { get; }

    public int Count { get; }
}

/// <summary>
/// Reads the engine's multiplexed stdout/stderr format: each frame is an 8-byte header (stream type, three zero
/// bytes, big-endian payload length) and its payload. Payloads are handed out as they arrive, never held whole.
/// An unknown stream type, a malformed header or a stream that ends inside a frame is an error.
/// </summary>
public sealed class MultiplexedStreamReader
{
    private readonly Stream _source;
    private readonly byte[] _header = new byte[8];
    private StreamKind _current;
    private long _remaining;

    public MultiplexedStreamReader(Stream source) => _source = source ?? throw new ArgumentNullException(nameof(source));

    /// <summary>Total payload bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public async Task<MultiplexedRead> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count));
        while (_remaining == 0)
        {
            if (!await ReadHeaderAsync(cancellationToken).ConfigureAwait(false)) return new MultiplexedRead(StreamKind.Stdout, 0);
        }

        var n = await _source.ReadAsync(buffer, offset, (int)Math.Min(count, _remaining), cancellationToken).ConfigureAwait(false);
        if (n == 0) throw new DockerProtocolException($"The engine's output stream ended inside a frame, {_remaining} bytes short.");
        _remaining -= n;
        BytesRead += n;
        return new MultiplexedRead(_current, n);
    }

    private async Task<bool> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        var got = 0;
        while (got < 8)
        {
            var n = await _source.ReadAsync(_header, got, 8 - got, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                if (got == 0) return false;
                throw new DockerProtocolException($"The engine's output stream ended inside a frame header ({got} of 8 bytes).");
            }
            got += n;
        }

        var type = _header[0];
        if (type > 3 || _header[1] != 0 || _header[2] != 0 || _header[3] != 0)
            throw new DockerProtocolException($"The engine's output stream has a malformed frame header (stream type {type}, bytes {_header[1]:x2} {_header[2]:x2} {_header[3]:x2}); is the container running with a TTY?");
        _current = (StreamKind)type;
        _remaining = ((long)_header[4] << 24) | ((long)_header[5] << 16) | ((long)_header[6] << 8) | _header[7];
        return true;
    }
}
