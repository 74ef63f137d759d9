using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Tests.Unit;

public class MultiplexedStreamReaderTests
{
    private static byte[] Frame(byte type, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[8 + payload.Length];
        frame[0] = type;
        frame[4] = (byte)(payload.Length >> 24);
        frame[5] = (byte)(payload.Length >> 16);
        frame[6] = (byte)(payload.Length >> 8);
        frame[7] = (byte)payload.Length;
        payload.CopyTo(frame, 8);
        return frame;
    }

    private static async Task<(string Out, string Err)> ReadAll(Stream s, int bufferSize = 3)
    {
        var reader = new MultiplexedStreamReader(s);
        var buffer = new byte[bufferSize];
        var o = new StringBuilder();
        var e = new StringBuilder();
        while (true)
        {
            var r = await reader.ReadAsync(buffer, 0, buffer.Length, CancellationToken.None);
            if (r.Count == 0) break;
            (r.Stream == StreamKind.Stderr ? e : o).Append(Encoding.UTF8.GetString(buffer, 0, r.Count));
        }
        return (o.ToString(), e.ToString());
    }

    private static MemoryStream Concat(params byte[][] parts)
    {
        var ms = new MemoryStream();
        foreach (var p in parts) ms.Write(p);
        ms.Position = 0;
        return ms;
    }

    [Fact]
    public async Task Demultiplexes_frames_in_pieces_smaller_than_a_frame()
    {
        var (o, e) = await ReadAll(Concat(Frame(1, "hello "), Frame(2, "oops"), Frame(1, "world"), Frame(1, "")));
        Assert.Equal("hello world", o);
        Assert.Equal("oops", e);
    }

    [Fact]
    public async Task Empty_stream_is_a_clean_end() => Assert.Equal(("", ""), await ReadAll(new MemoryStream()));

    [Fact]
    public async Task Unknown_stream_type_is_an_error()
    {
        var bad = Frame(7, "x");
        var ex = await Assert.ThrowsAsync<DockerProtocolException>(() => ReadAll(Concat(bad)));
        Assert.Contains("stream type 7", ex.Message);
    }

    [Fact]
    public async Task Nonzero_padding_is_an_error_which_is_what_raw_tty_output_looks_like()
    {
        var ex = await Assert.ThrowsAsync<DockerProtocolException>(() => ReadAll(new MemoryStream(Encoding.ASCII.GetBytes("hello, world\n"))));
        Assert.Contains("TTY", ex.Message);
    }

    [Fact]
    public async Task Truncated_header_is_an_error()
    {
        var ex = await Assert.ThrowsAsync<DockerProtocolException>(() => ReadAll(Concat(Frame(1, "ok"), new byte[] { 1, 0, 0 })));
        Assert.Contains("3 of 8", ex.Message);
    }

    [Fact]
    public async Task Truncated_payload_is_an_error()
    {
        var f = Frame(1, "hello");
        var ex = await Assert.ThrowsAsync<DockerProtocolException>(() => ReadAll(new MemoryStream(f, 0, f.Length - 2)));
        Assert.Contains("2 bytes short", ex.Message);
    }
}
