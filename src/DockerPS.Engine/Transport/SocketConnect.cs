using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Engine.Transport;

internal static class SocketConnect
{
    /// <summary>Connects a socket, ending the attempt at once when the token is cancelled.</summary>
    public static async Task ConnectAsync(Socket socket, EndPoint endPoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (cancellationToken.Register(static s => ((Socket)s!).Dispose(), socket))
        {
            try
            {
                await socket.ConnectAsync(endPoint).ConfigureAwait(false);
            }
            catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (SocketException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    public static TransportConnection Wrap(Socket socket) =>
        new(new NetworkStream(socket, ownsSocket: true), () => socket.Shutdown(SocketShutdown.Send));
}
