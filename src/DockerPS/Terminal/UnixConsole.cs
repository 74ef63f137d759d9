using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using DockerPS.Engine.Sessions;

namespace DockerPS.Terminal;

/// <summary>
/// Standard input, output and error of the process on Linux and macOS, through libc: isatty, termios (cfmakeraw for
/// raw mode, as docker's moby/term MakeRaw), and poll before each read so that a read never outlives its session.
/// </summary>
internal sealed class UnixConsole : ITerminal
{
    private const int StdIn = 0;
    private const int StdOut = 1;
    private const int TcsaNow = 0;
    private const short PollIn = 1;
    private const int PollMilliseconds = 100;
    private const int EIntr = 4;

    // struct termios is 60 bytes on Linux and 72 on macOS; it is only ever copied whole, never read field by field,
    // except by line mode below.
    private const int TermiosBytes = 256;

    private byte[] _scratch = new byte[4096];

    public bool IsInputTerminal => isatty(StdIn) == 1;

    public bool IsOutputTerminal => isatty(StdOut) == 1;

    public Stream Output { get; } = Console.OpenStandardOutput();

    public Stream ErrorOutput { get; } = Console.OpenStandardError();

    public TerminalSize? GetSize() => IsOutputTerminal ? ConsoleTerminal.WindowSize() : null;

    public int Read(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_scratch.Length < count) _scratch = new byte[count];
        var poll = new PollFd { Fd = StdIn, Events = PollIn };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            poll.ReturnedEvents = 0;
            var ready = Poll(ref poll, (UIntPtr)1, PollMilliseconds);
            if (ready == 0) continue;
            if (ready < 0)
            {
                if (Marshal.GetLastWin32Error() == EIntr) continue;
                return 0;
            }
            // Readable, or hung up: read says which. Once cancelled, nothing is taken: it belongs to the next reader.
            cancellationToken.ThrowIfCancellationRequested();
            var n = (long)ReadBytes(StdIn, _scratch, (UIntPtr)count);
            if (n < 0)
            {
                if (Marshal.GetLastWin32Error() == EIntr) continue;
                // EIO when the terminal has gone, EBADF when stdin is closed: either way there is no more input.
                return 0;
            }
            Buffer.BlockCopy(_scratch, 0, buffer, offset, (int)n);
            return (int)n;
        }
    }

    public IDisposable EnterRawMode()
    {
        var saved = GetAttributes();
        var raw = (byte[])saved.Clone();
        cfmakeraw(raw);
        SetAttributes(raw);
        return new ConsoleTerminal.Restorer(() => _ = tcsetattr(StdIn, TcsaNow, saved));
    }

    public IDisposable EnterLineMode()
    {
        if (LineLayout() is not { } layout) return ConsoleTerminal.Restorer.Nothing;
        var saved = GetAttributes();
        var cooked = (byte[])saved.Clone();
        Or(cooked, 0, layout.FlagBytes, layout.InputBits);
        Or(cooked, layout.LocalOffset, layout.FlagBytes, layout.LocalBits);
        SetAttributes(cooked);
        return new ConsoleTerminal.Restorer(() => _ = tcsetattr(StdIn, TcsaNow, saved));
    }

    /// <summary>
    /// Where c_iflag and c_lflag are and which bits make a line-mode terminal (ICRNL; ISIG, ICANON, ECHO, ECHOE,
    /// ECHOK, IEXTEN): PowerShell's console leaves echo and line editing off between prompts (.NET's Console.ReadKey
    /// does), while a program run from a shell expects them on. Known for Linux and macOS; elsewhere left alone.
    /// </summary>
    private static (int FlagBytes, int LocalOffset, ulong InputBits, ulong LocalBits)? LineLayout()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return (4, 12, 0x100, 0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x8000);
        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return (8, 24, 0x100, 0x80 | 0x100 | 0x8 | 0x2 | 0x4 | 0x400);
        return null;
    }

    private static void Or(byte[] termios, int offset, int size, ulong bits)
    {
        ulong value = 0;
        for (var i = size - 1; i >= 0; i--) value = (value << 8) | termios[offset + i];
        value |= bits;
        for (var i = 0; i < size; i++, value >>= 8) termios[offset + i] = (byte)value;
    }

    private static byte[] GetAttributes()
    {
        var termios = new byte[TermiosBytes];
        if (tcgetattr(StdIn, termios) != 0)
            throw new IOException($"The terminal's settings cannot be read (errno {Marshal.GetLastWin32Error()}).");
        return termios;
    }

    private static void SetAttributes(byte[] termios)
    {
        if (tcsetattr(StdIn, TcsaNow, termios) != 0)
            throw new IOException($"The terminal's settings cannot be changed (errno {Marshal.GetLastWin32Error()}).");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int isatty(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, [Out] byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

    [DllImport("libc")]
    private static extern void cfmakeraw([In, Out] byte[] termios);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollFd fds, UIntPtr count, int timeout);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern IntPtr ReadBytes(int fd, [Out] byte[] buffer, UIntPtr count);
}
