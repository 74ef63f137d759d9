using System;
using System.IO;
using System.IO.Pipes;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Transport;

/// <summary>
/// Connects to a named pipe, <c>//server/pipe/name</c> (the engine's default on Windows). On other platforms .NET maps
/// named pipes onto unix sockets, which is how this connector is tested on Linux.
/// </summary>
public sealed class NamedPipeConnector : IDockerConnector
{
    private const int ConnectTimeoutMilliseconds = 10_000;

    public NamedPipeConnector(string address, string endpoint)
    {
        (Server, PipeName) = Split(address);
        Endpoint = endpoint;
    }

    public string Server { get; }

    public string PipeName { get; }

    public string Endpoint { get; }

    public string HostHeader => "api.moby.localhost";

    /// <summary>Splits <c>//./pipe/docker_engine</c> into the server (<c>.</c>) and the pipe name.</summary>
    internal static (string Server, string Pipe) Split(string address)
    {
        var trimmed = address.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        var server = slash > 0 ? trimmed.Substring(0, slash) : ".";
        var marker = trimmed.IndexOf("pipe/", StringComparison.OrdinalIgnoreCase);
        var pipe = marker >= 0 ? trimmed.Substring(marker + 5) : trimmed;
        return (server, pipe);
    }

    public async Task<TransportConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(Server, PipeName, PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await pipe.ConnectAsync(ConnectTimeoutMilliseconds, cancellationToken).ConfigureAwait(false);
            return new TransportConnection(pipe);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or UnauthorizedAccessException)
        {
            pipe.Dispose();
            throw new DockerUnreachableException(Endpoint, $"Cannot connect to the Docker engine at {Endpoint}: {ex.Message} Is the docker daemon running?", ex);
        }
        catch
        {
            pipe.Dispose();
            throw;
        }
    }
}
