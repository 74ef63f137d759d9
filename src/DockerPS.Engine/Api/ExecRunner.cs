using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Api;

/// <summary>How docker exec runs a process.</summary>
public sealed class ExecOptions
{
    public string? User { get; set; }

    public string? WorkingDirectory { get; set; }

    /// <summary>KEY=VALUE entries.</summary>
    public IList<string>? Environment { get; set; }

    public bool Privileged { get; set; }

    public bool Tty { get; set; }

    /// <summary>The detach sequence in docker's syntax, for the engine (it watches stdin for it with a TTY); null for its default.</summary>
    public string? DetachKeys { get; set; }

    /// <summary>The TTY's size from the start (API 1.42 and newer; older engines get it by a resize).</summary>
    public Sessions.TerminalSize? ConsoleSize { get; set; }
}

/// <summary>docker exec, non-interactive: runs a process in a running container, its output as lines, its exit code.</summary>
public static class ExecRunner
{
    /// <summary>Runs the process to its end; every output line goes to <paramref name="onLine"/> as it arrives.</summary>
    public static async Task<long> RunAsync(DockerClient client, string container, IReadOnlyList<string> command, ExecOptions options, Action<OutputLine> onLine, CancellationToken cancellationToken)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        var exec = await client.Exec.CreateAsync(container, command, attachStdin: false, options.Tty, options, cancellationToken).ConfigureAwait(false);
        using (var stream = await client.Exec.StartAttachedAsync(exec, options.Tty, cancellationToken).ConfigureAwait(false))
        {
            await ContainerRunner.PumpAsync(stream, options.Tty, onLine, cancellationToken).ConfigureAwait(false);
        }
        return await ExitCodeAsync(client, exec, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The exit code of an exec whose output has ended: the output ends a moment before the engine records it.</summary>
    internal static async Task<long> ExitCodeAsync(DockerClient client, string exec, CancellationToken cancellationToken)
    {
        for (var wait = 5; ; wait = Math.Min(wait * 2, 200))
        {
            if (await client.Exec.GetExitCodeAsync(exec, cancellationToken).ConfigureAwait(false) is long code) return code;
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the process and returns at once (docker exec -d); returns the exec id.</summary>
    public static async Task<string> StartDetachedAsync(DockerClient client, string container, IReadOnlyList<string> command, ExecOptions options, CancellationToken cancellationToken)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        var exec = await client.Exec.CreateAsync(container, command, attachStdin: false, options.Tty, options, cancellationToken).ConfigureAwait(false);
        await client.Exec.StartDetachedAsync(exec, cancellationToken).ConfigureAwait(false);
        return exec;
    }
}
