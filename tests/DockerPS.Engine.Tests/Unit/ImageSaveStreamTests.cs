using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit;

/// <summary>
/// docker save's archive as the engine may send it: whole, ending in two zero blocks; with the engine's error written
/// after the archive began (moby writes it into the stream once output has been flushed); or cut short.
/// </summary>
public class ImageSaveStreamTests
{
    private static FaultServer Serving(byte[] body) => new(async conn =>
    {
        if (await conn.ReadRequestAsync() is null) return;
        await conn.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nContent-Length: {body.Length}\r\n\r\n");
        await conn.WriteAsync(body);
    });

    private static byte[] Tar(int dataBlocks, byte[]? after = null)
    {
        var data = Enumerable.Repeat((byte)'x', dataBlocks * 512).ToArray();
        return data.Concat(new byte[1024]).Concat(after ?? Array.Empty<byte>()).ToArray();
    }

    [Fact]
    public async Task A_whole_archive_is_written_as_it_came()
    {
        var body = Tar(300);
        using var server = Serving(body);
        using var client = server.Client();
        using var sink = new MemoryStream();
        Assert.Equal(body.Length, await client.Images.SaveAsync(new[] { "busybox" }, sink));
        Assert.Equal(body, sink.ToArray());
        Assert.Contains("GET /v1.41/images/get?names=busybox HTTP/1.1", server.RequestLines);
    }

    [Fact]
    public async Task An_error_the_engine_writes_into_the_archive_is_an_error()
    {
        var partial = Enumerable.Repeat((byte)'x', 70_000).ToArray();
        var error = Encoding.UTF8.GetBytes("{\"errorDetail\":{\"message\":\"failed to get layer: disk I/O error\"},\"error\":\"failed to get layer: disk I/O error\"}\r\n");
        using var server = Serving(partial.Concat(error).ToArray());
        using var client = server.Client();
        var ex = await Assert.ThrowsAsync<DockerStreamException>(() => client.Images.SaveAsync(new[] { "busybox", "debian" }, Stream.Null));
        Assert.Equal("failed to get layer: disk I/O error", ex.Message);
        Assert.Equal("busybox, debian", ex.Target);
    }

    [Fact]
    public async Task An_archive_cut_short_is_an_error()
    {
        using var server = Serving(Enumerable.Repeat((byte)'x', 5000).ToArray());
        using var client = server.Client();
        await Assert.ThrowsAsync<DockerProtocolException>(() => client.Images.SaveAsync(new[] { "busybox" }, Stream.Null));
    }

    [Fact]
    public async Task A_failed_save_to_a_file_leaves_nothing_behind()
    {
        using var server = Serving(Enumerable.Repeat((byte)'x', 5000).ToArray());
        using var client = server.Client();
        using var temp = new TempDirectory();
        await Assert.ThrowsAsync<DockerProtocolException>(() => client.Images.SaveToFileAsync(new[] { "busybox" }, Path.Combine(temp.Path, "out.tar")));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
