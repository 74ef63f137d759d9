using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Sessions;

/// <summary>How an interactive session talks to the user.</summary>
public sealed class SessionOptions
{
    public SessionOptions(ITerminal terminal) => Terminal = terminal ?? throw new ArgumentNullException(nameof(terminal));

    public ITerminal Terminal { get; }

    /// <summary>The detach sequence (watched for with a TTY only, as in docker).</summary>
    public DetachKeys DetachKeys { get; set; } = DetachKeys.Default;

    /// <summary>
    /// Without a TTY, the output as lines to this callback (Invoke-DockerRun and Invoke-DockerExec write them to the
    /// pipeline); null writes all output to the terminal, as docker does.
    /// </summary>
    public Action<OutputLine>? OnLine { get; set; }

    /// <summary>Notes for the user that are not errors (create warnings; a TTY size that could not be set).</summary>
    public Action<string>? OnWarning { get; set; }

    /// <summary>How often the terminal's size is checked for a change.</summary>
    public TimeSpan ResizeInterval { get; set; } = ResizeMonitor.DefaultInterval;

    /// <summary>The engine's detachKeys value: docker sends the sequence only when one was given or configured.</summary>
    internal string? EngineDetachKeys => DetachKeys.IsDefault ? null : DetachKeys.Text;
}

/// <summary>The end of an interactive session.</summary>
public sealed class SessionResult
{
    internal SessionResult(string containerId, long? exitCode)
    {
        ContainerId = containerId;
        ExitCode = exitCode;
    }

    /// <summary>The container's full id.</summary>
    public string ContainerId { get; }

    /// <summary>True when the user detached: the process runs on and has no exit code yet.</summary>
    public bool Detached => ExitCode is null;

    /// <summary>The exit code of the process (the container's, or the exec's); null after a detach.</summary>
    public long? ExitCode { get; }
}

/// <summary>
/// docker run -it, docker exec -it and docker attach: the terminal handed to a process in a container. With a TTY and
/// input, the terminal is raw (every key, Ctrl+C included, goes to the process), its size follows the terminal, and
/// the detach sequence leaves the process running; the terminal is restored however the session ends.
/// </summary>
public static class InteractiveSession
{
    /// <summary>
    /// Refuses a session with a TTY and input when standard input is not a terminal, as docker does ("the input
    /// device is not a TTY"), before anything is created.
    /// </summary>
    public static void CheckTty(ITerminal terminal, bool attachInput, bool tty, object? target, string? hint = null)
    {
        if (terminal is null) throw new ArgumentNullException(nameof(terminal));
        if (tty && attachInput && !terminal.IsInputTerminal)
        {
            throw new DockerException(
                "The input device is not a TTY: a session with a terminal reads the keyboard, and standard input is redirected here." + (hint is null ? string.Empty : " " + hint),
                "InputNotATerminal", DockerErrorCategory.InvalidOperation, target);
        }
    }

    /// <summary>
    /// docker run without -d, with stdin open (<see cref="ContainerCreateOptions.OpenStdin"/>) and or a TTY: creates,
    /// attaches, starts and streams until the container exits (its exit code) or the user detaches. Sets
    /// <see cref="ContainerCreateOptions.ConsoleSize"/> from the terminal when it has a TTY. A failure before the
    /// start removes the container; cancellation sends it SIGINT, as docker run's signal proxy does.
    /// </summary>
    public static async Task<SessionResult> RunAsync(DockerClient client, ContainerCreateOptions options, SessionOptions session, CancellationToken cancellationToken)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (session is null) throw new ArgumentNullException(nameof(session));
        var terminal = session.Terminal;
        var input = options.OpenStdin;
        CheckTty(terminal, input, options.Tty, options.Name ?? options.Image);
        var resizing = options.Tty && terminal.IsOutputTerminal;
        if (resizing) options.ConsoleSize ??= terminal.GetSize();

        var id = await client.Containers.CreateAsync(options, session.OnWarning, cancellationToken).ConfigureAwait(false);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        HijackedStream? connection = null;
        Task<long> exit;
        try
        {
            connection = await client.Containers.AttachAsync(id, input, session.EngineDetachKeys, cancellationToken).ConfigureAwait(false);
            exit = await client.Containers.BeginWaitAsync(id, options.AutoRemove ? WaitCondition.Removed : WaitCondition.NextExit, waiting.Token).ConfigureAwait(false);
            await client.Containers.StartAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            connection?.Dispose();
            await ContainerRunner.RemoveQuietlyAsync(client, id).ConfigureAwait(false);
            throw;
        }

        try
        {
            StreamingEnd end;
            using (connection)
            {
                end = await StreamAsync(connection, session, options.Tty, input,
                    resizing ? (w, h, c) => client.Containers.ResizeAsync(id, w, h, c) : null, nudge: false, cancellationToken).ConfigureAwait(false);
            }
            // After a detach the wait is given up (in finally): the container runs on.
            return new SessionResult(id, end == StreamingEnd.Detached ? null : await exit.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ContainerRunner.SignalQuietlyAsync(client, id, "INT").ConfigureAwait(false);
            throw;
        }
        finally
        {
            waiting.Cancel();
            await ObserveAsync(exit).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// docker exec -i and or -t: runs <paramref name="command"/> in a running container with the terminal until it
    /// exits (its exit code) or the user detaches (it runs on). Cancellation ends the session; the process is not
    /// signalled, as docker exec does not forward signals.
    /// </summary>
    public static async Task<SessionResult> ExecAsync(DockerClient client, string container, IReadOnlyList<string> command, ExecOptions options, bool attachInput, SessionOptions session, CancellationToken cancellationToken)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (session is null) throw new ArgumentNullException(nameof(session));
        var terminal = session.Terminal;
        CheckTty(terminal, attachInput, options.Tty, container);
        var exec = new ExecOptions
        {
            User = options.User,
            WorkingDirectory = options.WorkingDirectory,
            Environment = options.Environment,
            Privileged = options.Privileged,
            Tty = options.Tty,
            DetachKeys = session.EngineDetachKeys,
            ConsoleSize = options.ConsoleSize ?? (options.Tty && terminal.IsOutputTerminal ? terminal.GetSize() : null),
        };
        var execId = await client.Exec.CreateAsync(container, command, attachInput, exec.Tty, exec, cancellationToken).ConfigureAwait(false);
        StreamingEnd end;
        using (var connection = await client.Exec.StartAttachedAsync(execId, exec.Tty, exec.ConsoleSize, cancellationToken).ConfigureAwait(false))
        {
            // docker exec follows the size when its input is a terminal.
            end = await StreamAsync(connection, session, exec.Tty, attachInput,
                exec.Tty && terminal.IsInputTerminal ? (w, h, c) => client.Exec.ResizeAsync(execId, w, h, c) : null, nudge: false, cancellationToken).ConfigureAwait(false);
        }
        if (end == StreamingEnd.Detached) return new SessionResult(container, null);
        return new SessionResult(container, await ExecRunner.ExitCodeAsync(client, execId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// docker attach: the terminal joined to a running container's main process (its stdin only when it was created
    /// with it open and <paramref name="noStdin"/> is false), until the container stops (its exit code) or the user
    /// detaches. Without a TTY, cancellation sends the container SIGINT, as docker attach's signal proxy does.
    /// </summary>
    public static async Task<SessionResult> AttachAsync(DockerClient client, string container, bool noStdin, SessionOptions session, CancellationToken cancellationToken)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (session is null) throw new ArgumentNullException(nameof(session));
        var terminal = session.Terminal;
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Registered first, as docker does, so that an exit while attaching is not missed.
        var exit = await client.Containers.BeginWaitAsync(container, WaitCondition.NotRunning, waiting.Token).ConfigureAwait(false);
        var tty = false;
        try
        {
            var details = await RunningAsync(client, container, cancellationToken).ConfigureAwait(false);
            tty = details.Config.Tty;
            CheckTty(terminal, !noStdin, tty, container, "Use -NoStdin to only watch the output.");
            var input = !noStdin && details.Config.OpenStdin;
            StreamingEnd end;
            using (var connection = await client.Containers.AttachAsync(details.Id, input, session.EngineDetachKeys, cancellationToken).ConfigureAwait(false))
            {
                // It may have stopped between the check and the attach, and the attach would then wait for nothing.
                await RunningAsync(client, details.Id, cancellationToken).ConfigureAwait(false);
                end = await StreamAsync(connection, session, tty, input,
                    tty && terminal.IsOutputTerminal ? (w, h, c) => client.Containers.ResizeAsync(details.Id, w, h, c) : null, nudge: true, cancellationToken).ConfigureAwait(false);
            }
            if (end == StreamingEnd.Detached) return new SessionResult(details.Id, null);
            return new SessionResult(details.Id, await exit.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !tty)
        {
            await ContainerRunner.SignalQuietlyAsync(client, container, "INT").ConfigureAwait(false);
            throw;
        }
        finally
        {
            waiting.Cancel();
            await ObserveAsync(exit).ConfigureAwait(false);
        }
    }

    /// <summary>The container's details; refused as docker refuses to attach when it is not running, paused or restarting.</summary>
    private static async Task<Model.DockerContainerDetails> RunningAsync(DockerClient client, string container, CancellationToken cancellationToken)
    {
        var details = await client.Containers.InspectAsync(container, cancellationToken).ConfigureAwait(false);
        string? refusal = !details.State.Running ? "is not running: start it first"
            : details.State.Paused ? "is paused: resume it first"
            : details.State.Restarting ? "is restarting: wait until it runs"
            : null;
        if (refusal is not null)
            throw new DockerException($"Cannot attach to the container '{container}': it {refusal}.", "ContainerNotRunning", DockerErrorCategory.InvalidOperation, container);
        return details;
    }

    private static async Task<StreamingEnd> StreamAsync(Stream connection, SessionOptions session, bool tty, bool input, Func<int, int, CancellationToken, Task>? resize, bool nudge, CancellationToken cancellationToken)
    {
        var terminal = session.Terminal;
        using var resizeStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var mode = input && terminal.IsInputTerminal ? (tty ? terminal.EnterRawMode() : terminal.EnterLineMode()) : null;
        try
        {
            var resizing = resize is null
                ? Task.CompletedTask
                : ResizeMonitor.RunAsync(terminal.GetSize, resize, session.ResizeInterval, nudge, session.OnWarning, resizeStop.Token);
            try
            {
                ISessionOutput output = !tty && session.OnLine is { } onLine ? new LineOutput(onLine) : new TerminalOutput(terminal);
                return await SessionStreamer.StreamAsync(connection, terminal, tty, input, session.DetachKeys, output, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                resizeStop.Cancel();
                await ObserveAsync(resizing).ConfigureAwait(false);
            }
        }
        finally
        {
            mode?.Dispose();
        }
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or DockerException)
        {
            // Ended with the session: nothing is waiting for it any more.
        }
    }
}
