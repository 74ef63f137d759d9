using System;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Sessions;

/// <summary>
/// Keeps a container's or exec's TTY the size of the terminal, as docker's MonitorTtySize does: the size is sent at
/// once (retried up to 10 times, 10 ms more each time, while the process is still starting), then whenever it
/// changes. netstandard2.0 has no SIGWINCH, so the size is polled, as docker itself does on Windows.
/// </summary>
public static class ResizeMonitor
{
    /// <summary>How often the terminal's size is read: docker polls every 250 ms on Windows.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Sends the size now and on every change until cancelled. <paramref name="resize"/> takes width and height.
    /// <paramref name="onFailure"/> hears once when the first size could not be set at all (docker: "failed to
    /// resize tty, using default size"). With <paramref name="nudge"/> a size one larger is sent first, as docker
    /// attach does, so that a program already running redraws for a new client.
    /// </summary>
    public static async Task RunAsync(Func<TerminalSize?> size, Func<int, int, CancellationToken, Task> resize, TimeSpan interval, bool nudge, Action<string>? onFailure, CancellationToken cancellationToken)
    {
        if (size is null) throw new ArgumentNullException(nameof(size));
        if (resize is null) throw new ArgumentNullException(nameof(resize));
        try
        {
            var current = size();
            if (current is { } first && nudge) await TryAsync(resize, first.Width + 1, first.Height + 1, cancellationToken).ConfigureAwait(false);
            if (current is { } initial && !await InitialAsync(resize, initial, cancellationToken).ConfigureAwait(false))
                onFailure?.Invoke("failed to resize tty, using default size");
            while (true)
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                var now = size();
                if (now is { } changed && changed != current) await TryAsync(resize, changed.Width, changed.Height, cancellationToken).ConfigureAwait(false);
                current = now;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session is over.
        }
    }

    private static async Task<bool> InitialAsync(Func<int, int, CancellationToken, Task> resize, TerminalSize size, CancellationToken cancellationToken)
    {
        if (await TryAsync(resize, size.Width, size.Height, cancellationToken).ConfigureAwait(false)) return true;
        for (var retry = 1; retry <= 10; retry++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10 * retry), cancellationToken).ConfigureAwait(false);
            if (await TryAsync(resize, size.Width, size.Height, cancellationToken).ConfigureAwait(false)) return true;
        }
        return false;
    }

    private static async Task<bool> TryAsync(Func<int, int, CancellationToken, Task> resize, int width, int height, CancellationToken cancellationToken)
    {
        if (width <= 0 && height <= 0) return true;
        try
        {
            await resize(width, height, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerException)
        {
            // Not running yet, or already gone: as docker, a failed resize is not an error of the session.
            return false;
        }
    }
}
