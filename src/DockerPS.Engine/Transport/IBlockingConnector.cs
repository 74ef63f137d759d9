namespace DockerPS.Engine.Transport;

/// <summary>
/// A transport that can open a connection for blocking I/O: a socket that never had an asynchronous operation is still
/// in blocking mode, so a bulk transfer on a thread of its own costs one system call per read or write. Once a socket
/// has had one, .NET emulates blocking calls with a readiness wait and a spinning event, which costs more CPU than
/// asynchronous calls save (<see cref="Http.DockerRequest.Blocking"/>).
/// </summary>
public interface IBlockingConnector
{
    /// <summary>Connects at once or fails: only for transports whose connect cannot hang (a local socket).</summary>
    TransportConnection ConnectBlocking();
}
