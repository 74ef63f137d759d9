using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace DockerPS.Engine.Http;

/// <summary>
/// A response whose head has arrived; <see cref="Body"/> streams the rest. Disposing it returns the connection for
/// reuse when the body was read to its end, and closes it otherwise.
/// </summary>
public sealed class DockerResponse : IDisposable
{
    private readonly HttpConnection _connection;
    private readonly ConnectionPool _pool;
    private readonly BodyStream _body;
    private readonly bool _reusable;
    private CancellationTokenRegistration _abortRegistration;
    private CancellationTokenSource? _timeout;
    private int _disposed;
    private bool _hijacked;

    internal DockerResponse(ResponseHead head, HttpConnection connection, ConnectionPool pool, BodyStream body, bool reusable)
    {
        StatusCode = head.StatusCode;
        Headers = head.Headers;
        _connection = connection;
        _pool = pool;
        _body = body;
        _reusable = reusable;
    }

    public int StatusCode { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public Stream Body => _body;

    /// <summary>The body length the engine declared, when it declared one.</summary>
    public long? ContentLength => _body is ContentLengthBodyStream c ? c.Remaining : _body is EmptyBodyStream ? 0 : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>The timeout that covers this call until its body is read; disposed with the response.</summary>
    internal void Owns(CancellationTokenSource? timeout) => _timeout = timeout;

    internal void AbortOn(CancellationToken cancellationToken)
    {
        _abortRegistration = _connection.AbortOn(cancellationToken);
    }

    /// <summary>Takes the connection over as a raw two-way stream (after an upgrade). The response no longer owns it.</summary>
    public HijackedStream Hijack()
    {
        _hijacked = true;
        return new HijackedStream(_connection);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _abortRegistration.Dispose();
        _timeout?.Dispose();
        if (_hijacked) return;
        if (_reusable && _body.IsComplete) _pool.Return(_connection);
        else _connection.Dispose();
    }
}
