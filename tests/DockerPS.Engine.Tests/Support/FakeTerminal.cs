using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Sessions;

namespace DockerPS.Engine.Tests.Support;

/// <summary>
/// A terminal for engine tests: what the test types is queued for the session to read, what the session writes is
/// kept, the size is set by the test, and the modes it enters are counted, so the tests see that they are restored.
/// </summary>
public sealed class FakeTerminal : ITerminal, IDisposable
{
    private readonly BlockingCollection<byte[]> _typed = new();
    private byte[] _pending = Array.Empty<byte>();
    private int _pendingOffset;
    private readonly CapturingStream _output = new();
    private readonly CapturingStream _error = new();
    private int _rawDepth;
    private int _lineDepth;
    private TerminalSize? _size = new TerminalSize(80, 24);

    public bool IsInputTerminal { get; set; } = true;

    public bool IsOutputTerminal { get; set; } = true;

    public Stream Output => _output;

    public Stream ErrorOutput => _error;

    public string OutputText => _output.Text;

    public string ErrorText => _error.Text;

    public int RawModeEntered { get; private set; }

    public int LineModeEntered { get; private set; }

    /// <summary>True while raw (or line) mode is on: a test checks both are off after the session.</summary>
    public bool InRawMode => Volatile.Read(ref _rawDepth) > 0;

    public bool InLineMode => Volatile.Read(ref _lineDepth) > 0;

    /// <summary>Reads that were still running (or began) after their cancellation: must stay 0.</summary>
    public int ReadsAfterCancellation { get; private set; }

    public TerminalSize? Size
    {
        get => _size;
        set => _size = value;
    }

    public void Type(string text) => _typed.Add(Encoding.UTF8.GetBytes(text));

    public void Type(params byte[] bytes) => _typed.Add(bytes);

    /// <summary>The end of the input (Ctrl+D on a line-mode terminal, the end of a redirected file).</summary>
    public void EndInput() => _typed.Add(Array.Empty<byte>());

    public int Read(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_pendingOffset >= _pending.Length)
        {
            _pending = _typed.Take(cancellationToken);
            _pendingOffset = 0;
            if (_pending.Length == 0) return 0;
        }
        if (cancellationToken.IsCancellationRequested) ReadsAfterCancellation++;
        var n = Math.Min(count, _pending.Length - _pendingOffset);
        Buffer.BlockCopy(_pending, _pendingOffset, buffer, offset, n);
        _pendingOffset += n;
        return n;
    }

    public TerminalSize? GetSize() => _size;

    public IDisposable EnterRawMode()
    {
        RawModeEntered++;
        Interlocked.Increment(ref _rawDepth);
        return new Restore(() => Interlocked.Decrement(ref _rawDepth));
    }

    public IDisposable EnterLineMode()
    {
        LineModeEntered++;
        Interlocked.Increment(ref _lineDepth);
        return new Restore(() => Interlocked.Decrement(ref _lineDepth));
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output seen so far.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!OutputText.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"'{text}' did not appear in the session's output within the time; it was:\n{OutputText}");
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        _typed.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private sealed class Restore : IDisposable
    {
        private Action? _undo;

        public Restore(Action undo) => _undo = undo;

        public void Dispose() => Interlocked.Exchange(ref _undo, null)?.Invoke();
    }

    /// <summary>A write-only stream that keeps what was written, readable as UTF-8 at any time from another thread.</summary>
    private sealed class CapturingStream : Stream
    {
        private readonly MemoryStream _bytes = new();

        public string Text
        {
            get
            {
                lock (_bytes) return Encoding.UTF8.GetString(_bytes.ToArray());
            }
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_bytes) _bytes.Write(buffer, offset, count);
        }
    }
}
