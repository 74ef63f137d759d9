using System;
using System.Globalization;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Endpoints;

/// <summary>
/// Parses an endpoint URI as <c>DOCKER_HOST</c> or <c>-DockerHost</c> gives it: <c>unix://</c>, <c>npipe://</c>,
/// <c>tcp://</c> (port 2375, or 2376 with TLS, when none is given) and <c>ssh://</c>. A value without a scheme,
/// or with any other scheme, is refused with a message naming it.
/// </summary>
public static class DockerHostParser
{
    public const string DefaultUnixSocket = "/var/run/docker.sock";
    public const string DefaultNamedPipe = "//./pipe/docker_engine";
    public const int DefaultTcpPort = 2375;

    private static readonly char[] QueryOrFragment = { '?', '#' };

    private const string Expected = "expected unix:///path/to/docker.sock, npipe:////./pipe/name, tcp://host[:port] or ssh://[user@]host[:port]";

    /// <summary>The platform's default endpoint: the docker socket, or the docker_engine pipe on Windows.</summary>
    public static DockerEndpoint Default(bool isWindows) => isWindows
        ? new DockerEndpoint("npipe://" + DefaultNamedPipe, EndpointScheme.NamedPipe, DefaultNamedPipe)
        : new DockerEndpoint("unix://" + DefaultUnixSocket, EndpointScheme.Unix, DefaultUnixSocket);

    public static DockerEndpoint Parse(string value, TlsSettings? tls = null, string source = "-DockerHost", string? contextName = null)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var text = value.Trim();
        if (text.Length == 0) throw Invalid(value, source, "it is empty");

        var sep = text.IndexOf("://", StringComparison.Ordinal);
        if (sep < 0) throw Invalid(value, source, "it has no scheme (did you mean tcp://" + text + "?)");
        var scheme = text.Substring(0, sep).ToLowerInvariant();
        var rest = text.Substring(sep + 3);

        switch (scheme)
        {
            case "unix":
                var socket = rest.Length == 0 ? DefaultUnixSocket : rest;
                if (!socket.StartsWith("/", StringComparison.Ordinal)) throw Invalid(value, source, "a unix socket path must be absolute (unix:///path)");
                return new DockerEndpoint("unix://" + socket, EndpointScheme.Unix, socket, 0, null, null, source, contextName);
            case "npipe":
                var pipe = rest.Length == 0 ? DefaultNamedPipe : rest;
                if (!pipe.StartsWith("//", StringComparison.Ordinal) || pipe.IndexOf("/pipe/", StringComparison.OrdinalIgnoreCase) < 0 || pipe.EndsWith("/", StringComparison.Ordinal))
                    throw Invalid(value, source, "a named pipe is written npipe:////./pipe/name");
                return new DockerEndpoint("npipe://" + pipe, EndpointScheme.NamedPipe, pipe, 0, null, null, source, contextName);
            case "tcp":
                {
                    // As the docker CLI: a tcp endpoint without a port means 2375, with or without TLS.
                    var (host, port, path) = SplitHostPort(value, source, rest, DefaultTcpPort);
                    if (path.Length > 0 && path != "/") throw Invalid(value, source, "a tcp endpoint takes no path");
                    if (host.Length == 0) host = "localhost";
                    var uri = "tcp://" + FormatHost(host) + ":" + port.ToString(CultureInfo.InvariantCulture);
                    return new DockerEndpoint(uri, EndpointScheme.Tcp, host, port, null, tls, source, contextName);
                }
            case "ssh":
                {
                    string? user = null;
                    var at = rest.LastIndexOf('@');
                    var hostPart = rest;
                    if (at >= 0)
                    {
                        user = Uri.UnescapeDataString(rest.Substring(0, at));
                        hostPart = rest.Substring(at + 1);
                        if (user.Length == 0) throw Invalid(value, source, "the user before '@' is empty");
                        if (user.IndexOf(':') >= 0) throw Invalid(value, source, "a password in an ssh URI is not supported; use an ssh key");
                    }
                    var (host, port, path) = SplitHostPort(value, source, hostPart, 0);
                    if (host.Length == 0) throw Invalid(value, source, "the ssh host is empty");
                    if (path.IndexOfAny(QueryOrFragment) >= 0) throw Invalid(value, source, "an ssh endpoint takes no query or fragment");
                    var remote = path.Length > 1 ? path : null;
                    var uri = "ssh://" + (user is null ? "" : user + "@") + FormatHost(host) + (port == 0 ? "" : ":" + port.ToString(CultureInfo.InvariantCulture)) + (remote ?? string.Empty);
                    return new DockerEndpoint(uri, EndpointScheme.Ssh, host, port, user, null, source, contextName, remote);
                }
            default:
                throw Invalid(value, source, $"the scheme '{scheme}' is not one DockerPS can connect through");
        }
    }

    private static (string Host, int Port, string Path) SplitHostPort(string value, string source, string rest, int defaultPort)
    {
        var slash = rest.IndexOf('/');
        var path = slash >= 0 ? rest.Substring(slash) : string.Empty;
        var authority = slash >= 0 ? rest.Substring(0, slash) : rest;
        string host;
        string? portText = null;
        if (authority.StartsWith("[", StringComparison.Ordinal))
        {
            var close = authority.IndexOf(']');
            if (close < 0) throw Invalid(value, source, "an IPv6 address needs its closing ']'");
            host = authority.Substring(1, close - 1);
            var after = authority.Substring(close + 1);
            if (after.Length > 0)
            {
                if (after[0] != ':') throw Invalid(value, source, "unexpected text after the IPv6 address");
                portText = after.Substring(1);
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            if (colon >= 0)
            {
                if (authority.IndexOf(':') != colon) throw Invalid(value, source, "write an IPv6 address in brackets, [::1]");
                host = authority.Substring(0, colon);
                portText = authority.Substring(colon + 1);
            }
            else
            {
                host = authority;
            }
        }

        var port = defaultPort;
        if (portText is not null)
        {
            if (portText.Length == 0) throw Invalid(value, source, "the port after ':' is empty");
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
                throw Invalid(value, source, $"'{portText}' is not a port (1-65535)");
        }
        return (host, port, path);
    }

    private static string FormatHost(string host) => host.IndexOf(':') >= 0 ? "[" + host + "]" : host;

    private static DockerArgumentException Invalid(string value, string source, string reason) =>
        new($"The Docker endpoint '{value}' from {source} is not valid: {reason}; {Expected}.", "InvalidDockerHost", value);
}
