using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Transport;

namespace DockerPS.Engine.Http;

/// <summary>Keeps idle keep-alive connections to one endpoint for reuse.</summary>
internal sealed class ConnectionPool : IDisposable
{
    private const int MaxIdle = 16;
    private readonly IDockerConnector _connector;
    private readonly ConcurrentBag<HttpConnection> _idle = new();
    private int _disposed;

    public ConnectionPool(IDockerConnector connector) => _connector = connector;

    public IDockerConnector Connector => _connector;

    public int IdleCount => _idle.Count;

    public bool TryRent(out HttpConnection connection)
    {
        while (_idle.TryTake(out connection!))
        {
            if (!connection.IsDisposed) return true;
        }
        return false;
    }

    public async Task<HttpConnection> OpenAsync(CancellationToken cancellationToken) =>
        new HttpConnection(await _connector.ConnectAsync(cancellationToken).ConfigureAwait(false));

    public void Return(HttpConnection connection)
    {
        if (Volatile.Read(ref _disposed) != 0 || connection.IsDisposed || connection.Buffered != 0 || _idle.Count >= MaxIdle)
        {
            connection.Dispose();
            return;
        }
        _idle.Add(connection);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        while (_idle.TryTake(out var c)) c.Dispose();
    }
}
