using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Http;

/// <summary>Reads bytes already taken from a stream, then the rest of that stream.</summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly byte[] _prefix;
    private readonly int _length;
    private readonly Stream _rest;
    private int _position;

    public PrefixedStream(byte[] prefix, int length, Stream rest)
    {
        _prefix = prefix;
        _length = length;
        _rest = rest;
    }


    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_position < _length)
        {
            var n = Math.Min(count, _length - _position);
            Buffer.BlockCopy(_prefix, _position, buffer, offset, n);
            _position += n;
            return Task.FromResult(n);
        }
        return _rest.ReadAsync(buffer, offset, count, cancellationToken);
    }
}
