using System;
using DockerPS.Engine.Endpoints;

namespace DockerPS.Engine.Transport;

/// <summary>Chooses the connector for an endpoint's scheme.</summary>
public static class ConnectorFactory
{
    public static IDockerConnector Create(DockerEndpoint endpoint)
    {
        if (endpoint is null) throw new ArgumentNullException(nameof(endpoint));
        return endpoint.Scheme switch
        {
            EndpointScheme.Unix => new UnixSocketConnector(endpoint.Address, endpoint.Uri),
            EndpointScheme.NamedPipe => new NamedPipeConnector(endpoint.Address, endpoint.Uri),
            EndpointScheme.Tcp when endpoint.Tls is not null => new TlsConnector(new TcpConnector(endpoint.Address, endpoint.Port, endpoint.Uri), endpoint.Tls),
            EndpointScheme.Tcp => new TcpConnector(endpoint.Address, endpoint.Port, endpoint.Uri),
            EndpointScheme.Ssh => new SshConnector(endpoint.Address, endpoint.Port, endpoint.User, endpoint.Uri, endpoint.RemotePath),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint.Scheme, "unknown scheme"),
        };
    }
}
