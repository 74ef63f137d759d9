using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Engine.Transport;

/// <summary>Opens new connections to one endpoint. One implementation per scheme.</summary>
public interface IDockerConnector
{
    /// <summary>The endpoint, for messages.</summary>
    string Endpoint { get; }

    /// <summary>The value of the HTTP Host header for requests over this transport.</summary>
    string HostHeader { get; }

    Task<TransportConnection> ConnectAsync(CancellationToken cancellationToken);
}
