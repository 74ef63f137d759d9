using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using DockerPS.Engine.Sessions;

namespace DockerPS.Terminal;

/// <summary>
/// Standard input, output and error of the process on Windows, through the console API: raw mode is docker's
/// (moby/term makeRaw: no echo, line or processed input; virtual terminal input on; VT processing on output), and in
/// raw mode keys are read as console input events with a timeout, so a read never outlives its session. Output to a
/// console is written as UTF-16 (WriteConsoleW), whatever the console's code page.
/// </summary>
internal sealed class WindowsConsole : ITerminal
{
    private const int StdInputHandle = -10;
    private const int StdOutputHandle = -11;
    private const int StdErrorHandle = -12;

    private const uint ProcessedInput = 0x1;
    private const uint LineInput = 0x2;
    private const uint EchoInput = 0x4;
    private const uint WindowInput = 0x8;
    private const uint MouseInput = 0x10;
    private const uint InsertMode = 0x20;
    private const uint QuickEditMode = 0x40;
    private const uint ExtendedFlags = 0x80;
    private const uint VirtualTerminalInput = 0x200;
    private const uint VirtualTerminalProcessing = 0x4;
    private const uint DisableNewlineAutoReturn = 0x8;

    private const ushort KeyEvent = 1;
    private const uint WaitObject0 = 0;
    private const uint FileTypePipe = 3;
    private const int PollMilliseconds = 100;

    private readonly IntPtr _input = GetStdHandle(StdInputHandle);
    private readonly IntPtr _output = GetStdHandle(StdOutputHandle);
    private readonly Encoder _keys = new UTF8Encoding(false).GetEncoder();
    private readonly InputRecord[] _records = new InputRecord[64];
    private readonly char[] _chars = new char[64 * 4];
    private byte[] _pending = Array.Empty<byte>();
    private int _pendingOffset;
    private Stream? _redirected;
    private int _raw;

    public WindowsConsole()
    {
        Output = IsOutputTerminal ? new ConsoleWriter(_output) : Console.OpenStandardOutput();
        var error = GetStdHandle(StdErrorHandle);
        ErrorOutput = GetConsoleMode(error, out _) ? new ConsoleWriter(error) : Console.OpenStandardError();
    }

    public bool IsInputTerminal => GetConsoleMode(_input, out _);

    public bool IsOutputTerminal => GetConsoleMode(_output, out _);

    public Stream Output { get; }

    public Stream ErrorOutput { get; }

    public TerminalSize? GetSize() => IsOutputTerminal ? ConsoleTerminal.WindowSize() : null;

    public int Read(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_pendingOffset < _pending.Length) return TakePending(buffer, offset, count);
        if (Volatile.Read(ref _raw) > 0 && IsInputTerminal) return ReadKeys(buffer, offset, count, cancellationToken);
        return ReadStream(buffer, offset, count, cancellationToken);
    }

    /// <summary>Raw mode: the characters of key presses (VT sequences for special keys), as UTF-8.</summary>
    private int ReadKeys(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (WaitForSingleObject(_input, PollMilliseconds) != WaitObject0) continue;
            cancellationToken.ThrowIfCancellationRequested();
            if (!ReadConsoleInputW(_input, _records, (uint)_records.Length, out var read) || read == 0) continue;
            var chars = 0;
            for (var i = 0; i < read; i++)
            {
                var r = _records[i];
                if (r.EventType != KeyEvent || r.KeyDown == 0 || r.UnicodeChar == '\0') continue;
                for (var repeat = 0; repeat < Math.Max((int)r.RepeatCount, 1) && chars < _chars.Length; repeat++) _chars[chars++] = r.UnicodeChar;
            }
            if (chars == 0) continue;
            var bytes = new byte[_keys.GetByteCount(_chars, 0, chars, flush: false)];
            var n = _keys.GetBytes(_chars, 0, chars, bytes, 0, flush: false);
            if (n == 0) continue;
            _pending = bytes;
            _pendingOffset = 0;
            return TakePending(buffer, offset, count);
        }
    }

    /// <summary>
    /// Line mode, or redirected input: a pipe is read only once it has bytes (polled), a file at once; a console in
    /// line mode is read until Enter, and a cancelled read is woken with an Enter key press whose line is dropped.
    /// </summary>
    private int ReadStream(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _redirected ??= Console.OpenStandardInput();
        if (IsInputTerminal)
        {
            using (cancellationToken.Register(static s => ((WindowsConsole)s!).PressEnter(), this))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = _redirected.Read(buffer, offset, count);
                cancellationToken.ThrowIfCancellationRequested();
                return n;
            }
        }
        if (GetFileType(_input) == FileTypePipe)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!PeekNamedPipe(_input, IntPtr.Zero, 0, IntPtr.Zero, out var available, IntPtr.Zero)) return 0;
                if (available > 0) break;
                Thread.Sleep(PollMilliseconds);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return _redirected.Read(buffer, offset, count);
    }

    private void PressEnter()
    {
        var enter = new[]
        {
            new InputRecord { EventType = KeyEvent, KeyDown = 1, RepeatCount = 1, VirtualKeyCode = 0x0D, UnicodeChar = '\r' },
            new InputRecord { EventType = KeyEvent, KeyDown = 0, RepeatCount = 1, VirtualKeyCode = 0x0D, UnicodeChar = '\r' },
        };
        _ = WriteConsoleInputW(_input, enter, (uint)enter.Length, out _);
    }

    private int TakePending(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(count, _pending.Length - _pendingOffset);
        Buffer.BlockCopy(_pending, _pendingOffset, buffer, offset, n);
        _pendingOffset += n;
        return n;
    }

    public IDisposable EnterRawMode()
    {
        if (!GetConsoleMode(_input, out var input)) throw new IOException($"The console's input mode cannot be read (error {Marshal.GetLastWin32Error()}).");
        var raw = (input & ~(EchoInput | LineInput | MouseInput | WindowInput | ProcessedInput)) | ExtendedFlags | InsertMode | QuickEditMode;
        if (!SetConsoleMode(_input, raw | VirtualTerminalInput) && !SetConsoleMode(_input, raw))
            throw new IOException($"The console cannot be put into raw mode (error {Marshal.GetLastWin32Error()}).");
        var output = 0u;
        var hasOutput = GetConsoleMode(_output, out output);
        if (hasOutput && !SetConsoleMode(_output, output | VirtualTerminalProcessing | DisableNewlineAutoReturn))
            _ = SetConsoleMode(_output, output | VirtualTerminalProcessing);
        Interlocked.Increment(ref _raw);
        return new ConsoleTerminal.Restorer(() =>
        {
            Interlocked.Decrement(ref _raw);
            _ = SetConsoleMode(_input, input);
            if (hasOutput) _ = SetConsoleMode(_output, output);
        });
    }

    public IDisposable EnterLineMode()
    {
        if (!GetConsoleMode(_input, out var input)) return ConsoleTerminal.Restorer.Nothing;
        _ = SetConsoleMode(_input, input | EchoInput | LineInput | ProcessedInput);
        return new ConsoleTerminal.Restorer(() => _ = SetConsoleMode(_input, input));
    }

    /// <summary>Bytes (UTF-8) to a console as text: a character split across writes is held until it is whole.</summary>
    private sealed class ConsoleWriter : Stream
    {
        private readonly IntPtr _handle;
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();

        public ConsoleWriter(IntPtr handle) => _handle = handle;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            var chars = new char[_decoder.GetCharCount(buffer, offset, count, flush: false)];
            var n = _decoder.GetChars(buffer, offset, count, chars, 0, flush: false);
            var done = 0;
            while (done < n)
            {
                if (!WriteConsoleW(_handle, chars, done, n - done, out var written, IntPtr.Zero) || written == 0)
                    throw new IOException($"Writing to the console failed (error {Marshal.GetLastWin32Error()}).");
                done += (int)written;
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private static bool WriteConsoleW(IntPtr handle, char[] chars, int start, int count, out uint written, IntPtr reserved)
        {
            var pinned = GCHandle.Alloc(chars, GCHandleType.Pinned);
            try
            {
                return WriteConsole(handle, pinned.AddrOfPinnedObject() + start * sizeof(char), (uint)count, out written, reserved);
            }
            finally
            {
                pinned.Free();
            }
        }
    }

    /// <summary>INPUT_RECORD holding a KEY_EVENT_RECORD (20 bytes; the event starts at offset 4).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 20)]
    private struct InputRecord
    {
        [FieldOffset(0)] public ushort EventType;
        [FieldOffset(4)] public int KeyDown;
        [FieldOffset(8)] public ushort RepeatCount;
        [FieldOffset(10)] public ushort VirtualKeyCode;
        [FieldOffset(12)] public ushort VirtualScanCode;
        [FieldOffset(14)] public char UnicodeChar;
        [FieldOffset(16)] public uint ControlKeyState;
    }

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern IntPtr GetStdHandle(int handle);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool GetConsoleMode(IntPtr handle, out uint mode);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool SetConsoleMode(IntPtr handle, uint mode);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern uint WaitForSingleObject(IntPtr handle, uint milliseconds);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool ReadConsoleInputW(IntPtr handle, [Out] InputRecord[] records, uint length, out uint read);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool WriteConsoleInputW(IntPtr handle, InputRecord[] records, uint length, out uint written);

    [DllImport("kernel32.dll", EntryPoint = "WriteConsoleW", SetLastError = true)]
    private static extern bool WriteConsole(IntPtr handle, IntPtr chars, uint count, out uint written, IntPtr reserved);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern uint GetFileType(IntPtr handle);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool PeekNamedPipe(IntPtr handle, IntPtr buffer, uint size, IntPtr read, out uint available, IntPtr left);
}
