using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Tests.Unit;

public class JsonMessageReaderTests
{
    /// <summary>A stream that hands out at most N bytes per read, to split messages anywhere.</summary>
    private sealed class Trickle : MemoryStream
    {
        private readonly int _max;

        public Trickle(string text, int max) : base(Encoding.UTF8.GetBytes(text)) => _max = max;

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, System.Math.Min(count, _max), cancellationToken);
    }

    private static async Task<List<JsonMessage>> ReadAll(Stream s)
    {
        var reader = new JsonMessageReader(s, "target");
        var list = new List<JsonMessage>();
        while (await reader.ReadAsync(CancellationToken.None) is { } m) list.Add(m);
        return list;
    }

    private const string Pull =
        "{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}\r\n" +
        "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1024,\"total\":4096},\"progress\":\"[==>   ]\",\"id\":\"abc\"}\r\n" +
        "{\"stream\":\"Step 1/2 : FROM busybox\\n\"}{\"aux\":{\"ID\":\"sha256:1\"}}\n" +
        "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"abc\"}\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Reads_messages_however_the_bytes_arrive(int piece)
    {
        var list = await ReadAll(new Trickle(Pull, piece));
        Assert.Equal(5, list.Count);
        Assert.Equal("latest", list[0].Id);
        Assert.Equal(1024, list[1].Current);
        Assert.Equal(4096, list[1].Total);
        Assert.Equal("Step 1/2 : FROM busybox\n", list[2].Stream);
        Assert.Equal("sha256:1", list[3].Aux!.Value.GetProperty("ID").GetString());
        Assert.Null(list[4].Current);
    }

    [Fact]
    public async Task In_band_error_becomes_an_exception_after_earlier_messages()
    {
        var reader = new JsonMessageReader(new Trickle("{\"status\":\"ok\"}\n{\"errorDetail\":{\"code\":1,\"message\":\"manifest unknown\"},\"error\":\"manifest unknown\"}\n", 5), "busybox:nosuch");
        Assert.Equal("ok", (await reader.ReadAsync(CancellationToken.None))!.Status);
        var ex = await Assert.ThrowsAsync<DockerStreamException>(() => reader.ReadAsync(CancellationToken.None));
        Assert.Equal("manifest unknown", ex.Message);
        Assert.Equal(1, ex.Code);
        Assert.Equal("busybox:nosuch", ex.Target);
    }

    [Fact]
    public async Task Error_without_detail_still_fails()
    {
        var ex = await Assert.ThrowsAsync<DockerStreamException>(() => ReadAll(new Trickle("{\"error\":\"boom\"}", 100)));
        Assert.Equal("boom", ex.Message);
    }

    [Theory]
    [InlineData("{\"status\":\"ok\"}\n{\"status\":", "ended in the middle")]
    [InlineData("[1,2]", "other than a JSON object")]
    [InlineData("{\"status\":}", "malformed")]
    public async Task Malformed_streams_are_protocol_errors(string text, string reason)
    {
        var ex = await Assert.ThrowsAsync<DockerProtocolException>(() => ReadAll(new Trickle(text, 3)));
        Assert.Contains(reason, ex.Message);
    }
}
