using System;
using System.IO;

namespace DockerPS.Engine.Transport;

/// <summary>
/// A connected byte stream to an engine, and the way to half-close it (end the write side while still reading),
/// which hijacked attach and exec streams need to signal end of input.
/// </summary>
public sealed class TransportConnection : IDisposable
{
    private readonly Action? _closeWrite;
    private readonly IDisposable? _owner;

    public TransportConnection(Stream stream, Action? closeWrite = null, IDisposable? owner = null)
    {
        Stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _closeWrite = closeWrite;
        _owner = owner;
    }

    public Stream Stream { get; }

    public bool CanCloseWrite => _closeWrite is not null;

    public void CloseWrite()
    {
        if (_closeWrite is null) throw new NotSupportedException("This transport cannot close its write side alone.");
        _closeWrite();
    }

    public void Dispose()
    {
        Stream.Dispose();
        _owner?.Dispose();
    }
}
