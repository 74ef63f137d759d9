using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Transport;

namespace DockerPS.Engine.Http;

/// <summary>
/// One HTTP/1.1 connection over a transport stream: writes request heads and bodies, reads response heads, and
/// serves buffered reads to the body streams. Not thread-safe: one request at a time.
/// </summary>
internal sealed class HttpConnection : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private const int MaxHeadBytes = 64 * 1024;
    private const string HeadDescription = "an HTTP response head";

    private readonly TransportConnection _transport;
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private int _disposed;
    private CancellationToken _abortedBy;

    public HttpConnection(TransportConnection transport)
    {
        _transport = transport;
        _stream = transport.Stream;
    }

    public TransportConnection Transport => _transport;

    /// <summary>How many requests this connection has carried; a reused connection may have been closed by the engine.</summary>
    public int RequestCount { get; private set; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Bytes read from the transport but not yet consumed.</summary>
    public int Buffered => _end - _start;

    /// <summary>Writes a request: head and body. With <paramref name="sync"/>, with blocking calls (see <see cref="ReadAsync"/>).</summary>
    public async ValueTask WriteRequestAsync(string method, string target, string host, IReadOnlyList<KeyValuePair<string, string>> headers, RequestBody? body, bool upgrade, CancellationToken cancellationToken, bool sync = false)
    {
        RequestCount++;
        var sb = new StringBuilder(256);
        sb.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        sb.Append("Host: ").Append(host).Append("\r\n");
        sb.Append("User-Agent: ").Append(DockerClient.UserAgent).Append("\r\n");
        foreach (var h in headers)
        {
            if (h.Key.IndexOfAny(CrLf) >= 0 || h.Value.IndexOfAny(CrLf) >= 0)
                throw new DockerArgumentException($"The HTTP header '{h.Key}' contains a line break.", "InvalidHeader", h.Key);
            sb.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
        }
        if (upgrade) sb.Append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        if (body is not null)
        {
            sb.Append("Content-Type: ").Append(body.ContentType).Append("\r\n");
            if (body.Length is long length) sb.Append("Content-Length: ").Append(length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            else sb.Append("Transfer-Encoding: chunked\r\n");
        }
        else if (method is "POST" or "PUT")
        {
            sb.Append("Content-Length: 0\r\n");
        }
        sb.Append("\r\n");

        var head = Encoding.ASCII.GetBytes(sb.ToString());
        if (body is BytesRequestBody bytes && head.Length + bytes.Bytes.Length <= BufferSize * 4)
        {
            // One write for head and a small body: one packet, one syscall.
            var all = new byte[head.Length + bytes.Bytes.Length];
            Buffer.BlockCopy(head, 0, all, 0, head.Length);
            Buffer.BlockCopy(bytes.Bytes, 0, all, head.Length, bytes.Bytes.Length);
            await WriteAsync(all, sync, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(head, sync, cancellationToken).ConfigureAwait(false);
            if (body is not null)
            {
                if (body.Length is null)
                {
                    using var chunked = new ChunkedWriteStream(_stream);
                    if (sync) body.WriteTo(chunked);
                    else await body.WriteToAsync(chunked, cancellationToken).ConfigureAwait(false);
                    await chunked.FinishAsync(cancellationToken, sync).ConfigureAwait(false);
                }
                else if (sync)
                {
                    body.WriteTo(_stream);
                }
                else
                {
                    await body.WriteToAsync(_stream, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        if (sync) _stream.Flush();
        else await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteAsync(byte[] bytes, bool sync, CancellationToken cancellationToken)
    {
        if (sync) _stream.Write(bytes, 0, bytes.Length);
        else await _stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
    }

    private static readonly char[] CrLf = { '\r', '\n' };

    /// <summary>Reads the status line and headers. Returns null when the connection ended before any byte of a response.</summary>
    public async ValueTask<ResponseHead?> ReadHeadAsync(CancellationToken cancellationToken, bool sync = false)
    {
        var statusLine = await ReadLineAsync(allowEofAtStart: true, HeadDescription, cancellationToken, sync).ConfigureAwait(false);
        if (statusLine is null) return null;
        var total = statusLine.Length;

        // HTTP/1.1 200 OK
        if (!statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) || statusLine.Length < 12 || statusLine[8] != ' ')
            throw new DockerProtocolException($"The engine's answer does not start with an HTTP status line: '{Truncate(statusLine)}'.");
        if (!int.TryParse(statusLine.Substring(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            throw new DockerProtocolException($"The engine's HTTP status line has no status code: '{Truncate(statusLine)}'.");
        var reason = statusLine.Length > 13 ? statusLine.Substring(13) : string.Empty;

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var line = await ReadLineAsync(allowEofAtStart: false, HeadDescription, cancellationToken, sync).ConfigureAwait(false);
            total += line!.Length + 2;
            if (total > MaxHeadBytes) throw new DockerProtocolException($"The engine's response headers are longer than {MaxHeadBytes} bytes.");
            if (line.Length == 0) break;
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new DockerProtocolException($"The engine sent a malformed HTTP header line: '{Truncate(line)}'.");
            var name = line.Substring(0, colon).Trim();
            var value = line.Substring(colon + 1).Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }
        return new ResponseHead(status, reason, headers, statusLine.StartsWith("HTTP/1.0", StringComparison.Ordinal));
    }

    /// <summary>
    /// Reads one CRLF- (or LF-) terminated ASCII line, without the terminator. With <paramref name="sync"/> the transport
    /// is read with blocking calls and the result is complete when this returns (see <see cref="ReadAsync"/>).
    /// </summary>
    public async ValueTask<string?> ReadLineAsync(bool allowEofAtStart, string what, CancellationToken cancellationToken, bool sync = false)
    {
        var sb = (StringBuilder?)null;
        while (true)
        {
            for (var i = _start; i < _end; i++)
            {
                if (_buffer[i] != (byte)'\n') continue;
                var len = i - _start;
                if (len > 0 && _buffer[i - 1] == (byte)'\r') len--;
                var piece = Encoding.ASCII.GetString(_buffer, _start, len);
                _start = i + 1;
                return sb is null ? piece : sb.Append(piece).ToString();
            }

            // No line end in the buffer: keep what is there (minus a trailing CR, which may end the line) and read more.
            var pending = _end - _start;
            if (pending > 0)
            {
                sb ??= new StringBuilder();
                var keepCr = _buffer[_end - 1] == (byte)'\r' ? 1 : 0;
                sb.Append(Encoding.ASCII.GetString(_buffer, _start, pending - keepCr));
                _start = _end - keepCr;
                if (sb.Length > MaxHeadBytes) throw new DockerProtocolException($"The engine sent a line longer than {MaxHeadBytes} bytes where a header was expected.");
            }
            if (!await FillAsync(sync, cancellationToken).ConfigureAwait(false))
            {
                if (allowEofAtStart && sb is null && _end == _start) return null;
                throw new DockerProtocolException($"The engine closed the connection in the middle of {what}.");
            }
        }
    }

    /// <summary>Reads more bytes from the transport into the buffer. False at end of stream.</summary>
    private async ValueTask<bool> FillAsync(bool sync, CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            var pending = _end - _start;
            if (pending > 0) Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }
        if (_end == _buffer.Length) throw new DockerProtocolException("An HTTP line is longer than the read buffer.");
        int n;
        try
        {
            n = sync ? _stream.Read(_buffer, _end, _buffer.Length - _end) : await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AbortedByCancellation(ex))
        {
            throw new OperationCanceledException(_abortedBy);
        }
        if (n <= 0)
        {
            ThrowIfAborted();
            return false;
        }
        _end += n;
        return true;
    }

    /// <summary>
    /// At the end of the transport's stream: after an abort that end is the cancellation, since closing a socket under a
    /// blocking read may end the read as an end of stream rather than as an error.
    /// </summary>
    private void ThrowIfAborted() => _abortedBy.ThrowIfCancellationRequested();

    /// <summary>
    /// Reads body bytes: buffered ones first; a large read goes straight from the transport into the caller's buffer,
    /// a small one refills the connection's buffer with one transport read (chunk framing comes in small pieces).
    /// With <paramref name="sync"/> the transport is read with blocking calls, so the task is complete when this returns:
    /// a bulk copy on a thread of its own then costs one system call per read, where each asynchronous read costs a
    /// readiness wait and a hop through the thread pool (measured: about twice the client CPU of the docker CLI on a
    /// 1 GiB save). Cancellation still ends a blocked read at once: <see cref="Abort"/> closes the transport under it.
    /// </summary>
    public async ValueTask<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken, bool sync = false)
    {
        if (count == 0) return 0;
        if (_end == _start && count < _buffer.Length)
        {
            _start = _end = 0;
            if (!await FillAsync(sync, cancellationToken).ConfigureAwait(false)) return 0;
        }
        var pending = _end - _start;
        if (pending > 0)
        {
            var n = Math.Min(pending, count);
            Buffer.BlockCopy(_buffer, _start, buffer, offset, n);
            _start += n;
            return n;
        }
        try
        {
            var n = sync ? _stream.Read(buffer, offset, count) : await _stream.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            if (n == 0) ThrowIfAborted();
            return n;
        }
        catch (Exception ex) when (AbortedByCancellation(ex))
        {
            throw new OperationCanceledException(_abortedBy);
        }
    }

    public async Task WriteRawAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AbortedByCancellation(ex))
        {
            throw new OperationCanceledException(_abortedBy);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _stream.FlushAsync(cancellationToken);

    /// <summary>
    /// Ends the connection at once because <paramref name="cancelled"/> was cancelled: pending and later reads and
    /// writes end with <see cref="OperationCanceledException"/>, whichever way the transport reports its closing.
    /// </summary>
    public void Abort(CancellationToken cancelled)
    {
        _abortedBy = cancelled;
        Dispose();
    }

    /// <summary>Registers <paramref name="cancellationToken"/> to abort this connection.</summary>
    public CancellationTokenRegistration AbortOn(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => { var (c, t) = ((HttpConnection, CancellationToken))s!; c.Abort(t); }, (this, cancellationToken))
            : default;

    private bool AbortedByCancellation(Exception ex) =>
        _abortedBy.IsCancellationRequested && ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or NotSupportedException;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            _transport.Dispose();
        }
        catch (IOException)
        {
            // Closing a broken connection may itself fail; nothing is lost.
        }
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s.Substring(0, 80) + "...";
}

internal sealed class ResponseHead
{
    public ResponseHead(int statusCode, string reason, Dictionary<string, string> headers, bool isHttp10)
    {
        StatusCode = statusCode;
        Reason = reason;
        Headers = headers;
        IsHttp10 = isHttp10;
    }

    public int StatusCode { get; }

    public string Reason { get; }

    public Dictionary<string, string> Headers { get; }

    public bool IsHttp10 { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
