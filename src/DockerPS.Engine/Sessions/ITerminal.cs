using System;
using System.IO;
using System.Threading;

namespace DockerPS.Engine.Sessions;

/// <summary>A terminal's size in character cells.</summary>
public readonly struct TerminalSize : IEquatable<TerminalSize>
{
    public TerminalSize(int width, int height)
    {
        Width = width;
        Height = height;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    public bool Equals(TerminalSize other) => Width == other.Width && Height == other.Height;

    public override bool Equals(object? obj) => obj is TerminalSize other && Equals(other);

    public override int GetHashCode() => (Width * 397) ^ Height;

    public static bool operator ==(TerminalSize left, TerminalSize right) => left.Equals(right);

    public static bool operator !=(TerminalSize left, TerminalSize right) => !left.Equals(right);

    public override string ToString() => Width + "x" + Height;
}

/// <summary>
/// The user's side of an interactive session: the process's standard input, output and error, which may be a
/// console or redirected. The cmdlet layer gives the real console (Unix termios, Windows console modes); tests give
/// pipes. Nothing here knows PowerShell.
/// </summary>
public interface ITerminal
{
    /// <summary>True when standard input is a terminal (not redirected from a file or pipe).</summary>
    bool IsInputTerminal { get; }

    /// <summary>True when standard output is a terminal.</summary>
    bool IsOutputTerminal { get; }

    /// <summary>Where a session writes the container's output (with a TTY, everything; without, standard output).</summary>
    Stream Output { get; }

    /// <summary>Where a session without a TTY writes the container's standard error.</summary>
    Stream ErrorOutput { get; }

    /// <summary>
    /// Reads what the user types (or the redirected input): blocks until some bytes are there and returns their
    /// count, or 0 at the end of the input. Must notice <paramref name="cancellationToken"/> within a fraction of a
    /// second and then throw <see cref="OperationCanceledException"/> having consumed nothing, so that no keystroke
    /// meant for the next prompt is taken once a session is over.
    /// </summary>
    int Read(byte[] buffer, int offset, int count, CancellationToken cancellationToken);

    /// <summary>The output terminal's size now, or null when it cannot be told.</summary>
    TerminalSize? GetSize();

    /// <summary>
    /// Puts the input terminal into raw mode (no echo, no line editing, no signals: every key, Ctrl+C included, is
    /// read as bytes) and output into VT processing, as <c>docker run -it</c> does; disposing restores what was there.
    /// </summary>
    IDisposable EnterRawMode();

    /// <summary>
    /// Puts the input terminal into line mode (echo, line editing, Ctrl+C as a signal, Ctrl+D or Ctrl+Z as the end of
    /// input), as a shell leaves it for a program it runs; disposing restores what was there. Sessions without a TTY
    /// read lines this way.
    /// </summary>
    IDisposable EnterLineMode();
}
