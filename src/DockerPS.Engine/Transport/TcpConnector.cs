using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Transport;

/// <summary>Connects over plain tcp, trying each address the host name resolves to.</summary>
public sealed class TcpConnector : IDockerConnector
{
    public TcpConnector(string host, int port, string endpoint)
    {
        Host = host;
        Port = port;
        Endpoint = endpoint;
    }

    public string Host { get; }

    public int Port { get; }

    public string Endpoint { get; }

    public string HostHeader => (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<TransportConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(Host, out var literal))
        {
            addresses = new[] { literal };
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(Host).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new DockerUnreachableException(Endpoint, $"Cannot connect to the Docker engine at {Endpoint}: the host name '{Host}' does not resolve ({ex.Message}).", ex);
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await SocketConnect.ConnectAsync(socket, new IPEndPoint(address, Port), cancellationToken).ConfigureAwait(false);
                return SocketConnect.Wrap(socket);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw new DockerUnreachableException(Endpoint, $"Cannot connect to the Docker engine at {Endpoint}: {last?.Message ?? "no address"}. Is the docker daemon listening there?", last);
    }
}
