using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Transport;

/// <summary>Connects to a unix domain socket (the engine's default on Linux and macOS).</summary>
public sealed class UnixSocketConnector : IDockerConnector, IBlockingConnector
{
    private readonly string _path;

    public UnixSocketConnector(string path, string endpoint)
    {
        _path = path;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public string HostHeader => "api.moby.localhost";

    public Task<TransportConnection> ConnectAsync(CancellationToken cancellationToken) => ConnectAsync(sync: false, cancellationToken).AsTask();

    /// <summary>A connect to a local socket succeeds or fails at once, so it may block.</summary>
    public TransportConnection ConnectBlocking() => Blocking.Result(ConnectAsync(sync: true, CancellationToken.None));

    private async ValueTask<TransportConnection> ConnectAsync(bool sync, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            if (sync) socket.Connect(CreateEndPoint(_path));
            else await SocketConnect.ConnectAsync(socket, CreateEndPoint(_path), cancellationToken).ConfigureAwait(false);
            return SocketConnect.Wrap(socket);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            var why = ex.SocketErrorCode switch
            {
                SocketError.AddressNotAvailable or SocketError.HostNotFound => "the socket does not exist",
                SocketError.ConnectionRefused => "nothing is listening on the socket",
                SocketError.AccessDenied => "permission denied (is your user in the docker group?)",
                _ => ex.Message,
            };
            throw new DockerUnreachableException(Endpoint, $"Cannot connect to the Docker engine at {Endpoint}: {why}. Is the docker daemon running?", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static readonly Type? RuntimeEndPointType =
        Type.GetType("System.Net.Sockets.UnixDomainSocketEndPoint, System.Net.Sockets", throwOnError: false);

    /// <summary>The runtime's own unix endpoint where it has one (.NET Core), else a minimal one of ours.</summary>
    internal static EndPoint CreateEndPoint(string path) =>
        RuntimeEndPointType is not null
            ? (EndPoint)Activator.CreateInstance(RuntimeEndPointType, path)!
            : new UnixEndPoint(path);

    private sealed class UnixEndPoint : EndPoint
    {
        private readonly string _path;

        public UnixEndPoint(string path) => _path = path;

        public override AddressFamily AddressFamily => AddressFamily.Unix;

        public override SocketAddress Serialize()
        {
            var bytes = Encoding.UTF8.GetBytes(_path);
            var address = new SocketAddress(AddressFamily.Unix, 2 + bytes.Length + 1);
            for (var i = 0; i < bytes.Length; i++) address[2 + i] = bytes[i];
            address[2 + bytes.Length] = 0;
            return address;
        }

        public override EndPoint Create(SocketAddress socketAddress) => new UnixEndPoint(_path);

        public override string ToString() => _path;
    }
}
