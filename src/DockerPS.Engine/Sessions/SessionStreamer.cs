using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Http;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Sessions;

/// <summary>Where a session's output goes: the terminal as bytes, or lines to a callback.</summary>
public interface ISessionOutput
{
    /// <summary>Output as it arrives; with a TTY everything is <see cref="StreamKind.Stdout"/>.</summary>
    void Write(StreamKind stream, byte[] buffer, int offset, int count);

    /// <summary>The output has ended (a last line without its end is written now).</summary>
    void Complete();
}

/// <summary>Output written as bytes to the terminal: standard output, and standard error apart when there is no TTY.</summary>
public sealed class TerminalOutput : ISessionOutput
{
    private readonly ITerminal _terminal;

    public TerminalOutput(ITerminal terminal) => _terminal = terminal ?? throw new ArgumentNullException(nameof(terminal));

    public void Write(StreamKind stream, byte[] buffer, int offset, int count)
    {
        var target = stream == StreamKind.Stderr ? _terminal.ErrorOutput : _terminal.Output;
        target.Write(buffer, offset, count);
        target.Flush();
    }

    public void Complete()
    {
    }
}

/// <summary>Output as lines to a callback, as the non-interactive runs write it (UTF-8, one line held at most).</summary>
public sealed class LineOutput : ISessionOutput
{
    private readonly LineSplitter _splitter = new();
    private readonly Action<OutputLine> _onLine;

    public LineOutput(Action<OutputLine> onLine) => _onLine = onLine ?? throw new ArgumentNullException(nameof(onLine));

    public void Write(StreamKind stream, byte[] buffer, int offset, int count)
    {
        foreach (var line in _splitter.Feed(stream, buffer, offset, count)) _onLine(line);
    }

    public void Complete()
    {
        foreach (var line in _splitter.Flush()) _onLine(line);
    }
}

/// <summary>How a session's streaming ended.</summary>
public enum StreamingEnd
{
    /// <summary>The output ended: the process exited (or the engine closed the stream).</summary>
    OutputEnded,

    /// <summary>The user typed the detach sequence; the process runs on.</summary>
    Detached,
}

/// <summary>
/// Copies between the terminal and an attached (hijacked) connection, as docker's hijacked I/O streamer does: typed
/// input to the process (watched for the detach keys when there is a TTY), its output to the sink (raw with a TTY,
/// demultiplexed without). The end of the input half-closes the connection and the output is read to its end. Stops
/// at once when cancelled, and never leaves a read of the terminal running behind it.
/// </summary>
public static class SessionStreamer
{
    private const int BufferSize = 16 * 1024;

    /// <summary>
    /// Streams until the output ends or the user detaches. <paramref name="readInput"/> false leaves standard input
    /// alone (the process has none). <paramref name="detachKeys"/> applies with <paramref name="tty"/> only, as in docker.
    /// </summary>
    public static async Task<StreamingEnd> StreamAsync(Stream connection, ITerminal terminal, bool tty, bool readInput, DetachKeys? detachKeys, ISessionOutput output, CancellationToken cancellationToken)
    {
        if (connection is null) throw new ArgumentNullException(nameof(connection));
        if (terminal is null) throw new ArgumentNullException(nameof(terminal));
        if (output is null) throw new ArgumentNullException(nameof(output));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Whatever a transport does with a token, disposing the connection ends a read or write on it at once.
        using var abort = cancellationToken.Register(static c => ((Stream)c!).Dispose(), connection);

        var outputTask = Task.Run(() => PumpOutputAsync(connection, tty, output, stop.Token), CancellationToken.None);
        Task<bool>? inputTask = null;
        if (readInput)
        {
            var detector = tty ? new DetachDetector((detachKeys ?? DetachKeys.Default).Bytes) : null;
            inputTask = Task.Factory.StartNew(() => PumpInput(terminal, connection, detector, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            if (inputTask is not null && await Task.WhenAny(outputTask, inputTask).ConfigureAwait(false) == inputTask && inputTask.Status == TaskStatus.RanToCompletion && inputTask.Result)
            {
                // Detached: the connection is closed and the output it was reading ends with it.
                return StreamingEnd.Detached;
            }
            // The output decides the end: the input ended (and half-closed), or failed because the process has gone.
            await outputTask.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return StreamingEnd.OutputEnded;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            stop.Cancel();
            if (inputTask is not null) await Observe(inputTask).ConfigureAwait(false);
            if (!outputTask.IsCompleted)
            {
                connection.Dispose();
                await Observe(outputTask).ConfigureAwait(false);
            }
        }
    }

    private static async Task Observe(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or Errors.DockerException)
        {
            // The session is over; how this half ended says nothing more.
        }
    }

    private static async Task PumpOutputAsync(Stream connection, bool tty, ISessionOutput output, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        var demux = tty ? null : new MultiplexedStreamReader(connection);
        try
        {
            while (true)
            {
                int n;
                var kind = StreamKind.Stdout;
                if (demux is null)
                {
                    n = await connection.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var read = await demux.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                    n = read.Count;
                    kind = read.Stream;
                }
                if (n == 0) break;
                output.Write(kind, buffer, 0, n);
            }
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // The engine closing the connection abruptly (a detach it saw, a container killed) is an end of output too.
        }
        output.Complete();
    }

    /// <summary>Returns true when the user detached, false at the end of the input (after half-closing the connection).</summary>
    private static bool PumpInput(ITerminal terminal, Stream connection, DetachDetector? detector, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var forward = detector is null ? buffer : new byte[detector.OutputSize(buffer.Length)];
        while (true)
        {
            var n = terminal.Read(buffer, 0, buffer.Length, cancellationToken);
            if (n == 0)
            {
                if (connection is HijackedStream { CanCloseWrite: true } hijacked) hijacked.CloseWrite();
                return false;
            }
            var send = detector is null ? n : detector.Filter(buffer, 0, n, forward);
            if (send > 0)
            {
                connection.WriteAsync(forward, 0, send, cancellationToken).GetAwaiter().GetResult();
                connection.FlushAsync(cancellationToken).GetAwaiter().GetResult();
            }
            if (detector is { Detached: true }) return true;
        }
    }
}
