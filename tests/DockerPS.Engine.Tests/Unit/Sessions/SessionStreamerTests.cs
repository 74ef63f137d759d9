using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Sessions;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit.Sessions;

/// <summary>The session pump against a loopback socket standing in for the engine's end of an attach.</summary>
public sealed class SessionStreamerTests : IDisposable
{
    private readonly TcpClient _clientSide;
    private readonly TcpClient _engineSide;

    public SessionStreamerTests()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _clientSide = new TcpClient();
        _clientSide.Connect((IPEndPoint)listener.LocalEndpoint);
        _engineSide = listener.AcceptTcpClient();
        listener.Stop();
    }

    private Stream Connection => _clientSide.GetStream();

    private Stream Engine => _engineSide.GetStream();

    public void Dispose()
    {
        _clientSide.Dispose();
        _engineSide.Dispose();
    }

    private static async Task<string> ReadAtLeastAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        var got = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (got < count)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(got), timeout.Token);
            if (n == 0) break;
            got += n;
        }
        return Encoding.ASCII.GetString(buffer, 0, got);
    }

    [Fact]
    public async Task Typed_input_goes_to_the_process_and_its_output_to_the_terminal()
    {
        using var terminal = new FakeTerminal();
        var session = SessionStreamer.StreamAsync(Connection, terminal, tty: true, readInput: true, DetachKeys.Default, new TerminalOutput(terminal), CancellationToken.None);
        terminal.Type("echo hi\r");
        Assert.Equal("echo hi\r", await ReadAtLeastAsync(Engine, 8));
        await Engine.WriteAsync("hi\r\n$ "u8.ToArray());
        await terminal.WaitForOutputAsync("hi\r\n$ ");

        _engineSide.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal(StreamingEnd.OutputEnded, await session.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, terminal.ReadsAfterCancellation);
    }

    [Fact]
    public async Task The_detach_sequence_ends_the_session_without_reaching_the_process()
    {
        using var terminal = new FakeTerminal();
        var session = SessionStreamer.StreamAsync(Connection, terminal, tty: true, readInput: true, DetachKeys.Default, new TerminalOutput(terminal), CancellationToken.None);
        terminal.Type(new byte[] { (byte)'l', (byte)'s', 16 });
        terminal.Type(new byte[] { 17, (byte)'x' });
        Assert.Equal(StreamingEnd.Detached, await session.WaitAsync(TimeSpan.FromSeconds(10)));
        // The connection is closed after a detach: the engine's side reads what was sent, then its end.
        Assert.Equal("ls", await ReadAtLeastAsync(Engine, 100));
    }

    [Fact]
    public async Task Without_a_tty_the_detach_keys_are_input_like_any_other()
    {
        using var terminal = new FakeTerminal();
        var lines = new List<OutputLine>();
        var session = SessionStreamer.StreamAsync(Connection, terminal, tty: false, readInput: true, DetachKeys.Default, new LineOutput(lines.Add), CancellationToken.None);
        terminal.Type(new byte[] { 16, 17, (byte)'\n' });
        Assert.Equal("\u0010\u0011\n", await ReadAtLeastAsync(Engine, 3));
        // Multiplexed frames: stdout "a\nb", stderr "oops\n", then the end.
        await Engine.WriteAsync(Frame(1, "a\nb"));
        await Engine.WriteAsync(Frame(2, "oops\n"));
        _engineSide.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal(StreamingEnd.OutputEnded, await session.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(new[] { "a", "oops", "b" }, lines.ConvertAll(l => l.Text));
        Assert.Equal(StreamKind.Stderr, lines[1].Stream);
    }

    [Fact]
    public async Task No_input_is_read_when_the_process_has_none()
    {
        using var terminal = new FakeTerminal();
        terminal.Type("must stay unread");
        var session = SessionStreamer.StreamAsync(Connection, terminal, tty: true, readInput: false, DetachKeys.Default, new TerminalOutput(terminal), CancellationToken.None);
        await Engine.WriteAsync("only output"u8.ToArray());
        _engineSide.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal(StreamingEnd.OutputEnded, await session.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("only output", terminal.OutputText);
        var buffer = new byte[64];
        Assert.Equal(16, terminal.Read(buffer, 0, buffer.Length, CancellationToken.None));
    }

    [Fact]
    public async Task Cancelling_ends_the_session_at_once_and_stops_reading_the_terminal()
    {
        using var terminal = new FakeTerminal();
        using var cts = new CancellationTokenSource();
        var session = SessionStreamer.StreamAsync(Connection, terminal, tty: true, readInput: true, DetachKeys.Default, new TerminalOutput(terminal), cts.Token);
        terminal.Type("x");
        Assert.Equal("x", await ReadAtLeastAsync(Engine, 1));
        var sw = Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"took {sw.Elapsed}");
        // A key typed after the session is left for whoever reads next.
        terminal.Type("y");
        var buffer = new byte[8];
        Assert.Equal(1, terminal.Read(buffer, 0, 8, CancellationToken.None));
        Assert.Equal((byte)'y', buffer[0]);
    }

    [Fact]
    public async Task The_end_of_the_output_stops_the_input_pump()
    {
        using var terminal = new FakeTerminal();
        var session = SessionStreamer.StreamAsync(Connection, terminal, tty: true, readInput: true, DetachKeys.Default, new TerminalOutput(terminal), CancellationToken.None);
        _engineSide.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal(StreamingEnd.OutputEnded, await session.WaitAsync(TimeSpan.FromSeconds(10)));
        terminal.Type("after");
        var buffer = new byte[8];
        Assert.Equal(5, terminal.Read(buffer, 0, 8, CancellationToken.None));
    }

    private static byte[] Frame(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        frame[4] = (byte)(payload.Length >> 24);
        frame[5] = (byte)(payload.Length >> 16);
        frame[6] = (byte)(payload.Length >> 8);
        frame[7] = (byte)payload.Length;
        payload.CopyTo(frame, 8);
        return frame;
    }
}
