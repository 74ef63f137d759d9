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
        // The output ends a moment before the engine records the exit code.
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
