using System;
using System.IO;
using System.Runtime.InteropServices;
using DockerPS.Engine.Sessions;

namespace DockerPS.Terminal;

/// <summary>
/// The process's own console as the engine layer's <see cref="ITerminal"/>: termios on Unix, console modes on Windows.
/// Sessions write the container's output straight to standard output, as docker does, not through the PowerShell host.
/// </summary>
internal static class ConsoleTerminal
{
    public static ITerminal Create() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new WindowsConsole() : new UnixConsole();

    /// <summary>The console window's size, or null when there is none (output redirected, no console).</summary>
    internal static TerminalSize? WindowSize()
    {
        try
        {
            var width = Console.WindowWidth;
            var height = Console.WindowHeight;
            return width > 0 && height > 0 ? new TerminalSize(width, height) : null;
        }
        catch (Exception ex) when (ex is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Undoes a mode change once, however often it is disposed.</summary>
    internal sealed class Restorer : IDisposable
    {
        private Action? _restore;

        public Restorer(Action restore) => _restore = restore;

        public static Restorer Nothing { get; } = new(() => { });

        public void Dispose() => System.Threading.Interlocked.Exchange(ref _restore, null)?.Invoke();
    }
}
