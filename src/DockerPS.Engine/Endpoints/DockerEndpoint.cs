using System;

namespace DockerPS.Engine.Endpoints;

/// <summary>
/// A resolved engine address: what to connect to and how, and where that choice came from
/// (<c>-DockerHost</c>, <c>DOCKER_HOST</c>, a context, or the platform default).
/// </summary>
public sealed class DockerEndpoint : IEquatable<DockerEndpoint>
{
    public DockerEndpoint(string uri, EndpointScheme scheme, string address, int port = 0, string? user = null, TlsSettings? tls = null, string source = "default", string? contextName = null, string? remotePath = null)
    {
        RemotePath = remotePath;
        Uri = uri;
        Scheme = scheme;
        Address = address;
        Port = port;
        User = user;
        Tls = tls;
        Source = source;
        ContextName = contextName;
    }

    /// <summary>The endpoint as written, for example <c>unix:///var/run/docker.sock</c>.</summary>
    public string Uri { get; }

    public EndpointScheme Scheme { get; }

    /// <summary>A socket path, a pipe name (<c>//./pipe/docker_engine</c>) or a host name.</summary>
    public string Address { get; }

    /// <summary>The tcp or ssh port; 0 where the scheme has none (ssh then uses its own default).</summary>
    public int Port { get; }

    /// <summary>The ssh user, when the URI names one.</summary>
    public string? User { get; }

    public TlsSettings? Tls { get; }

    /// <summary>For ssh: the engine socket on the remote host, when the URI has a path.</summary>
    public string? RemotePath { get; }

    /// <summary>Where this endpoint came from, for messages: <c>DOCKER_HOST</c>, <c>context 'x'</c>, <c>default</c>...</summary>
    public string Source { get; }

    public string? ContextName { get; }

    /// <summary>A key that is equal for endpoints that can share connections.</summary>
    public string CacheKey => Uri + "|" + (Tls?.ToString() ?? "plain");

    public bool Equals(DockerEndpoint? other) => other is not null && CacheKey == other.CacheKey;

    public override bool Equals(object? obj) => Equals(obj as DockerEndpoint);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CacheKey);

    public override string ToString() => Uri;
}
