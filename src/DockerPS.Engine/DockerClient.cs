using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Model;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Transport;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine;

/// <summary>
/// A client for one Docker engine. Thread-safe; keeps keep-alive connections for reuse. Creating it does no I/O:
/// the first call connects and negotiates the API version (the lower of the engine's and the client's).
/// </summary>
public sealed class DockerClient : IDisposable
{
    /// <summary>The module's version, from the one version source.</summary>
    public static readonly string Version =
        typeof(DockerClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    internal static readonly string UserAgent = "DockerPS/" + Version;

    private const int MaxErrorBody = 64 * 1024;
    private const int MaxBufferedJson = 8 * 1024 * 1024;

    private readonly ConnectionPool _pool;
    private readonly DockerClientOptions _options;
    private readonly object _negotiationLock = new();
    private Task<DockerPing>? _negotiation;
    private int _disposed;

    public DockerClient(DockerEndpoint endpoint, DockerClientOptions? options = null)
        : this(ConnectorFactory.Create(endpoint), endpoint, options)
    {
    }

    /// <summary>A client over any connector (tests use this to reach fault-injecting servers).</summary>
    public DockerClient(IDockerConnector connector, DockerEndpoint? endpoint = null, DockerClientOptions? options = null)
    {
        if (connector is null) throw new ArgumentNullException(nameof(connector));
        _pool = new ConnectionPool(connector);
        _options = options ?? new DockerClientOptions();
        Endpoint = endpoint ?? new DockerEndpoint(connector.Endpoint, EndpointScheme.Tcp, connector.Endpoint);
        System = new SystemOperations(this);
        Containers = new ContainerOperations(this);
        Images = new ImageOperations(this);
        Exec = new ExecOperations(this);
        Archive = new ArchiveOperations(this);
        Volumes = new VolumeOperations(this);
        Networks = new NetworkOperations(this);
    }

    /// <summary>A client for the engine the environment names (DOCKER_HOST, contexts...), or the one given.</summary>
    public static DockerClient FromEnvironment(string? dockerHost = null, string? context = null, IDockerEnvironment? environment = null)
    {
        var env = environment ?? ProcessDockerEnvironment.Instance;
        var endpoint = new EndpointResolver(env).Resolve(dockerHost, context);
        return new DockerClient(endpoint, OptionsFromEnvironment(env));
    }

    /// <summary>Client options from the environment: <c>DOCKER_API_VERSION</c> pins the API version.</summary>
    public static DockerClientOptions OptionsFromEnvironment(IDockerEnvironment? environment = null)
    {
        var env = environment ?? ProcessDockerEnvironment.Instance;
        var options = new DockerClientOptions();
        var pinned = env.GetVariable("DOCKER_API_VERSION");
        if (!string.IsNullOrWhiteSpace(pinned))
        {
            if (!ApiVersion.TryParse(pinned, out var v))
                throw new DockerArgumentException($"DOCKER_API_VERSION '{pinned}' is not an API version; expected the form 1.41.", "InvalidApiVersion", pinned);
            options.PinnedApiVersion = v;
        }
        return options;
    }

    public DockerEndpoint Endpoint { get; }

    public SystemOperations System { get; }

    public ContainerOperations Containers { get; }

    public ImageOperations Images { get; }

    public ExecOperations Exec { get; }

    /// <summary>Container file system calls and docker cp.</summary>
    public ArchiveOperations Archive { get; }

    public VolumeOperations Volumes { get; }

    public NetworkOperations Networks { get; }

    /// <summary>The API version in use, once the first call has negotiated it (or as pinned).</summary>
    public ApiVersion? NegotiatedApiVersion
    {
        get
        {
            if (_options.PinnedApiVersion is { } pinned) return pinned;
            var n = _negotiation;
            return n is { Status: TaskStatus.RanToCompletion } ? ApiVersion.Min(n.Result.ApiVersion, _options.ClientMaximum) : null;
        }
    }

    /// <summary>Negotiates (once) and returns the API version calls use.</summary>
    public async Task<ApiVersion> GetApiVersionAsync(CancellationToken cancellationToken = default)
    {
        if (_options.PinnedApiVersion is { } pinned) return pinned;
        var ping = await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        return ApiVersion.Min(ping.ApiVersion, _options.ClientMaximum);
    }

    /// <summary>Fails with a message naming the feature and both versions when the engine is too old for it.</summary>
    public async Task RequireApiVersionAsync(string feature, ApiVersion minimum, CancellationToken cancellationToken = default)
    {
        var version = await GetApiVersionAsync(cancellationToken).ConfigureAwait(false);
        if (version < minimum) throw new DockerApiVersionException(feature, minimum, version);
    }

    private Task<DockerPing> NegotiateAsync(CancellationToken cancellationToken)
    {
        Task<DockerPing>? task;
        lock (_negotiationLock)
        {
            task = _negotiation;
            if (task is null || task.IsFaulted || task.IsCanceled)
            {
                task = System.PingAsync(CancellationToken.None);
                _negotiation = task;
            }
        }
        return task.Status == TaskStatus.RanToCompletion ? task : WaitAsync(task, cancellationToken);
    }

    private static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled) return await task.ConfigureAwait(false);
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static s => ((TaskCompletionSource<bool>)s!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task) throw new OperationCanceledException(cancellationToken);
        }
        return await task.ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request and returns once the response head has arrived. Status codes of 400 and above become typed
    /// exceptions carrying the engine's message. The caller disposes the response.
    /// </summary>
    public async Task<DockerResponse> SendAsync(DockerRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(DockerClient));

        string target;
        if (request.Versioned)
        {
            var version = await GetApiVersionAsync(cancellationToken).ConfigureAwait(false);
            target = "/v" + version + request.Path + request.QueryString;
        }
        else
        {
            target = request.Path + request.QueryString;
        }

        CancellationTokenSource? timeout = null;
        var token = cancellationToken;
        if (!request.Streaming && !request.Upgrade && _options.RequestTimeout > TimeSpan.Zero && _options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            token = timeout.Token;
        }

        try
        {
            var response = await ExchangeAsync(request, target, token).ConfigureAwait(false);
            response.Owns(timeout);
            if (response.StatusCode >= 400)
            {
                using (response)
                {
                    throw await ReadErrorAsync(request, response, token).ConfigureAwait(false);
                }
            }
            // Streams and upgrades are aborted by the caller's token for as long as they are read.
            if (request.Streaming || request.Upgrade) response.AbortOn(cancellationToken);
            else response.AbortOn(token);
            return response;
        }
        catch (Exception ex) when (timeout is not null && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or ObjectDisposedException or DockerProtocolException)
        {
            throw new DockerException($"The Docker engine at {Endpoint} did not answer {request.Method} {request.Path} within {_options.RequestTimeout.TotalSeconds:0} seconds.",
                "EngineTimeout", DockerErrorCategory.OperationTimeout, request.Target, ex);
        }
        catch
        {
            timeout?.Dispose();
            throw;
        }
    }

    private Task<DockerResponse> ExchangeAsync(DockerRequest request, string target, CancellationToken cancellationToken)
    {
        if (!request.Blocking || _pool.Connector is not IBlockingConnector blocking) return ExchangeAsync(request, target, null, cancellationToken).AsTask();
        // A fresh connection that never sees an asynchronous call, on a thread of its own (DockerRequest.Blocking says why).
        return Task.Factory.StartNew(
            () => Blocking.Result(ExchangeAsync(request, target, blocking, cancellationToken)),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>One exchange, over a pooled or new connection, or with blocking calls over a new blocking one.</summary>
    private async ValueTask<DockerResponse> ExchangeAsync(DockerRequest request, string target, IBlockingConnector? blocking, CancellationToken cancellationToken)
    {
        var sync = blocking is not null;
        HttpConnection connection;
        var reused = false;
        if (blocking is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            connection = new HttpConnection(blocking.ConnectBlocking());
        }
        else
        {
            reused = _pool.TryRent(out connection);
            if (!reused) connection = await _pool.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var registration = connection.AbortOn(cancellationToken);
            try
            {
                ResponseHead? head;
                try
                {
                    await connection.WriteRequestAsync(request.Method, target, _pool.Connector.HostHeader, request.Headers, request.Body, request.Upgrade, cancellationToken, sync).ConfigureAwait(false);
                    head = await connection.ReadHeadAsync(cancellationToken, sync).ConfigureAwait(false);
                }
                catch (IOException) when (reused && !cancellationToken.IsCancellationRequested && (request.Body?.IsReplayable ?? true))
                {
                    head = null;
                }

                if (head is null)
                {
                    connection.Dispose();
                    if (reused && (request.Body?.IsReplayable ?? true))
                    {
                        // The engine closed an idle keep-alive connection before reading the request: send it again.
                        reused = false;
                        registration.Dispose();
                        connection = await _pool.OpenAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    throw new DockerProtocolException($"The Docker engine at {Endpoint} closed the connection without answering {request.Method} {request.Path}.");
                }

                registration.Dispose();
                return CreateResponse(request, head, connection);
            }
            catch (Exception ex)
            {
                registration.Dispose();
                connection.Dispose();
                if (cancellationToken.IsCancellationRequested && ex is IOException or ObjectDisposedException or DockerProtocolException)
                    throw new OperationCanceledException(cancellationToken);
                if (ex is IOException io)
                {
                    if (Endpoint.Tls is not null)
                        throw new DockerTlsException(Endpoint.Uri, $"The Docker engine at {Endpoint} broke the TLS connection ({io.Message}); it may require a client certificate, or refuse the one given.", io);
                    throw new DockerUnreachableException(Endpoint.Uri, $"The connection to the Docker engine at {Endpoint} failed: {io.Message}", io);
                }
                throw;
            }
        }
    }

    private DockerResponse CreateResponse(DockerRequest request, ResponseHead head, HttpConnection connection)
    {
        var closes = head.IsHttp10 || string.Equals(head.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase);
        BodyStream body;
        var status = head.StatusCode;
        if (status == 101 || (request.Upgrade && status < 300))
        {
            return new DockerResponse(head, connection, _pool, new EmptyBodyStream(connection), reusable: false);
        }
        if (request.Method == "HEAD" || status == 204 || status == 304 || (status >= 100 && status < 200))
        {
            body = new EmptyBodyStream(connection);
        }
        else if (head.Header("Transfer-Encoding") is { } te && te.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            body = new ChunkedBodyStream(connection);
        }
        else if (head.Header("Content-Length") is { } cl)
        {
            if (!long.TryParse(cl, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out var length))
            {
                connection.Dispose();
                throw new DockerProtocolException($"The engine sent an invalid Content-Length: '{cl}'.");
            }
            body = new ContentLengthBodyStream(connection, length);
        }
        else
        {
            body = new UntilCloseBodyStream(connection);
            closes = true;
        }
        return new DockerResponse(head, connection, _pool, body, reusable: !closes);
    }

    private static async Task<DockerException> ReadErrorAsync(DockerRequest request, DockerResponse response, CancellationToken cancellationToken)
    {
        var text = await ReadTextAsync(response.Body, MaxErrorBody, cancellationToken).ConfigureAwait(false);
        var message = text.Trim();
        if (message.StartsWith("{", StringComparison.Ordinal))
        {
            try
            {
                var parsed = JsonSerializer.Deserialize(message, WireJsonContext.Default.ErrorResponse);
                if (!string.IsNullOrWhiteSpace(parsed?.Message)) message = parsed!.Message!.Trim();
            }
            catch (JsonException)
            {
                // Not the engine's JSON error shape: keep the text as it came.
            }
        }
        var code = (HttpStatusCode)response.StatusCode;
        if (message.Length == 0) message = $"The engine answered {request.Method} {request.Path} with HTTP {response.StatusCode}.";
        var kind = request.ResourceKind;
        return response.StatusCode switch
        {
            400 => new DockerBadParameterException(message, kind + "InvalidArgument", request.Target),
            401 => new DockerAuthenticationException(code, message, kind + "AccessDenied", request.Target),
            // The engine answers 403 for operations it forbids (a network with active endpoints, a predefined network),
            // not for credentials.
            403 => new DockerApiException(code, message, kind + "Forbidden", DockerErrorCategory.InvalidOperation, request.Target),
            404 => new DockerNotFoundException(message, NotFoundKind(message, kind) + "NotFound", request.Target),
            409 => new DockerConflictException(message, kind + "Conflict", request.Target),
            >= 500 => new DockerServerException(code, message, kind + "EngineError", request.Target),
            _ => new DockerApiException(code, message, kind + "RequestFailed", DockerErrorCategory.InvalidOperation, request.Target),
        };
    }

    /// <summary>What a 404 is about, from the engine's words: creating a container from a missing image is an image not found.</summary>
    internal static string NotFoundKind(string message, string requestKind)
    {
        bool Says(string words) => message.IndexOf(words, StringComparison.OrdinalIgnoreCase) >= 0;
        if (Says("no such image") || Says("image not known") || Says("reference does not exist")) return "Image";
        if (Says("no such container")) return "Container";
        if (Says("no such volume")) return "Volume";
        if (Says("no such exec")) return "Exec";
        if (Says("network") && Says("not found")) return "Network";
        return requestKind;
    }

    internal static async Task<string> ReadTextAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(limit, 8192)];
        using var ms = new MemoryStream();
        int n;
        while ((n = await body.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (ms.Length + n > limit) n = (int)(limit - ms.Length);
            ms.Write(buffer, 0, n);
            if (ms.Length >= limit) break;
        }
        return Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }

    /// <summary>Sends a request and deserializes its JSON body, read whole (plain calls only: small bodies).</summary>
    internal async Task<T> GetJsonAsync<T>(DockerRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<T> ReadJsonAsync<T>(DockerResponse response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        // Plain answers are read into a pooled buffer and parsed from a span (measurably faster than parsing the
        // stream); an answer larger than the buffer limit is parsed as a stream, over what was read and the rest.
        var limit = (int)Math.Min(response.ContentLength ?? MaxBufferedJson, MaxBufferedJson);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(Math.Min(limit, 64 * 1024), 1));
        try
        {
            var read = 0;
            while (true)
            {
                if (read == buffer.Length)
                {
                    if (buffer.Length >= limit) break;
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit));
                    Buffer.BlockCopy(buffer, 0, larger, 0, read);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var n = await response.Body.ReadAsync(buffer, read, buffer.Length - read, cancellationToken).ConfigureAwait(false);
                if (n == 0) return JsonSerializer.Deserialize(new ReadOnlySpan<byte>(buffer, 0, read), typeInfo)!;
                read += n;
            }
            using var rest = new PrefixedStream(buffer, read, response.Body);
            return (await JsonSerializer.DeserializeAsync(rest, typeInfo, cancellationToken).ConfigureAwait(false))!;
        }
        catch (JsonException ex)
        {
            throw new DockerProtocolException($"The engine's answer is not the JSON expected: {ex.Message}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Sends a request whose answer carries no body DockerPS needs, and reads it to the end.</summary>
    internal async Task<int> SendAndDrainAsync(DockerRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await ReadTextAsync(response.Body, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    internal static RequestBody Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new BytesRequestBody(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), "application/json");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _pool.Dispose();
    }
}
