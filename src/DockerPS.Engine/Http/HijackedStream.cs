using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Http;

/// <summary>
/// The raw two-way stream of an upgraded (attach, exec) connection: bytes the engine sent after its response head
/// are read first. <see cref="CloseWrite"/> ends the input side while output is still read.
/// </summary>
public sealed class HijackedStream : Stream
{
    private readonly HttpConnection _connection;

    internal HijackedStream(HttpConnection connection) => _connection = connection;

    /// <summary>True when the transport can end its write side alone (unix, tcp, ssh).</summary>
    public bool CanCloseWrite => _connection.Transport.CanCloseWrite;

    /// <summary>Signals the end of input to the process in the container (like closing its stdin).</summary>
    public void CloseWrite() => _connection.Transport.CloseWrite();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => _connection.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => _connection.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => Blocking.Result(_connection.ReadAsync(buffer, offset, count, CancellationToken.None, sync: true));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _connection.ReadAsync(buffer, offset, count, cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _connection.WriteRawAsync(buffer, offset, count, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _connection.Dispose();
        base.Dispose(disposing);
    }
}
