using System;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Api;

/// <summary>
/// docker run: create, then (attached) attach and register the wait before starting, pump the output as lines, and
/// return the exit code. Whatever fails before the container starts removes it again: nothing half-made stays behind.
/// </summary>
public static class ContainerRunner
{
    /// <summary>Creates and starts the container and returns its id without waiting (docker run -d).</summary>
    public static Task<string> RunDetachedAsync(DockerClient client, ContainerCreateOptions options, CancellationToken cancellationToken) =>
        RunDetachedAsync(client, options, null, cancellationToken);

    /// <summary>As <see cref="RunDetachedAsync(DockerClient, ContainerCreateOptions, CancellationToken)"/>, the engine's create warnings to <paramref name="onWarning"/>.</summary>
    public static async Task<string> RunDetachedAsync(DockerClient client, ContainerCreateOptions options, Action<string>? onWarning, CancellationToken cancellationToken)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        var id = await client.Containers.CreateAsync(options, onWarning, cancellationToken).ConfigureAwait(false);
        try
        {
            await client.Containers.StartAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await RemoveQuietlyAsync(client, id).ConfigureAwait(false);
            throw;
        }
        return id;
    }

    /// <summary>
    /// Runs the container attached: every output line goes to <paramref name="onLine"/> as it arrives (stdout and stderr
    /// apart, or one stream with a TTY); returns the exit code once the container has stopped (and, with AutoRemove,
    /// has been removed). Cancellation sends the container SIGINT, as docker run's signal proxy does, and ends the wait.
    /// </summary>
    public static Task<(string Id, long ExitCode)> RunAttachedAsync(DockerClient client, ContainerCreateOptions options, Action<OutputLine> onLine, CancellationToken cancellationToken) =>
        RunAttachedAsync(client, options, null, onLine, cancellationToken);

    /// <summary>As <see cref="RunAttachedAsync(DockerClient, ContainerCreateOptions, Action{OutputLine}, CancellationToken)"/>, the engine's create warnings to <paramref name="onWarning"/>.</summary>
    public static async Task<(string Id, long ExitCode)> RunAttachedAsync(DockerClient client, ContainerCreateOptions options, Action<string>? onWarning, Action<OutputLine> onLine, CancellationToken cancellationToken)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (onLine is null) throw new ArgumentNullException(nameof(onLine));
        var id = await client.Containers.CreateAsync(options, onWarning, cancellationToken).ConfigureAwait(false);
        HijackedStream? output = null;
        Task<long> exit;
        try
        {
            output = await client.Containers.AttachAsync(id, stdin: false, cancellationToken).ConfigureAwait(false);
            // Registered before the start (so next-exit: a created container is already "not running"); with AutoRemove
            // the container may be gone before a later wait arrives, so the wait is for its removal.
            exit = await client.Containers.BeginWaitAsync(id, options.AutoRemove ? WaitCondition.Removed : WaitCondition.NextExit, cancellationToken).ConfigureAwait(false);
            await client.Containers.StartAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            output?.Dispose();
            await RemoveQuietlyAsync(client, id).ConfigureAwait(false);
            throw;
        }

        try
        {
            using (output)
            {
                await PumpAsync(output, options.Tty, onLine, cancellationToken).ConfigureAwait(false);
            }
            return (id, await exit.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await SignalQuietlyAsync(client, id, "INT").ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends a signal as docker's signal proxy does, giving up after 5 seconds; a container already gone is no error.</summary>
    internal static async Task SignalQuietlyAsync(DockerClient client, string id, string signal)
    {
        using var brief = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.Containers.KillAsync(id, signal, brief.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DockerException or OperationCanceledException)
        {
            // Already gone, or not answering: nothing more to do.
        }
    }

    /// <summary>Reads a container's output stream (multiplexed, or raw with a TTY) as lines, holding one line at most.</summary>
    public static async Task PumpAsync(System.IO.Stream stream, bool tty, Action<OutputLine> onLine, CancellationToken cancellationToken)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (onLine is null) throw new ArgumentNullException(nameof(onLine));
        var splitter = new LineSplitter();
        var buffer = new byte[16 * 1024];
        var demux = tty ? null : new MultiplexedStreamReader(stream);
        while (true)
        {
            int n;
            var kind = StreamKind.Stdout;
            if (demux is null)
            {
                n = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var read = await demux.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                n = read.Count;
                kind = read.Stream;
            }
            if (n == 0) break;
            foreach (var line in splitter.Feed(kind, buffer, 0, n)) onLine(line);
        }
        foreach (var line in splitter.Flush()) onLine(line);
    }

    internal static async Task RemoveQuietlyAsync(DockerClient client, string id)
    {
        using var brief = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await client.Containers.RemoveAsync(id, force: true, cancellationToken: brief.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DockerException or OperationCanceledException)
        {
            // It may already be gone (AutoRemove); the original failure is what the caller reports.
        }
    }
}
