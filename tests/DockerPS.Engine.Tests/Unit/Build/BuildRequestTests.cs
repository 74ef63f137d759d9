using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Build;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit.Build;

/// <summary>What POST /build sends, as a stand-in engine on loopback receives it, and how its answers are read.</summary>
[SupportedOSPlatform("linux")]
public class BuildRequestTests
{
    private sealed record Received(string RequestLine, Dictionary<string, string> Headers, Dictionary<string, List<string>> Query, List<string> Entries);

    /// <summary>Accepts one request, decodes its chunked tar body, and answers with <paramref name="answer"/>.</summary>
    private static async Task<Received> ServeOnceAsync(TcpListener listener, string answer)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) throw new EndOfStreamException();
            head.Append((char)one[0]);
        }
        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        Assert.Equal("chunked", headers["Transfer-Encoding"]);

        var body = new MemoryStream();
        while (true)
        {
            var size = new StringBuilder();
            while (!size.ToString().EndsWith("\r\n", StringComparison.Ordinal))
            {
                await stream.ReadExactlyAsync(one);
                size.Append((char)one[0]);
            }
            var n = int.Parse(size.ToString().Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var chunk = new byte[n + 2];
            await stream.ReadExactlyAsync(chunk);
            if (n == 0) break;
            body.Write(chunk, 0, n);
        }
        body.Position = 0;
        var entries = new List<string>();
        using (var reader = new TarReader(body))
        {
            while (await reader.GetNextEntryAsync() is { } entry) entries.Add(entry.Name);
        }

        var target = lines[0].Split(' ')[1];
        var query = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in target.Substring(target.IndexOf('?', StringComparison.Ordinal) + 1).Split('&'))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            if (!query.TryGetValue(key, out var values)) query[key] = values = new List<string>();
            values.Add(Uri.UnescapeDataString(kv[1]));
        }
        await stream.WriteAsync(Encoding.UTF8.GetBytes(answer));
        client.Client.Shutdown(SocketShutdown.Send);
        return new Received(lines[0], headers, query, entries);
    }

    private static string Stream(int status, params string[] messages)
    {
        var body = string.Concat(messages.Select(m => m + "\r\n"));
        return $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
    }

    [Fact]
    public async Task Options_become_the_engines_query_and_headers_and_the_context_a_chunked_tar()
    {
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM scratch");
        temp.Write("app/main.txt", "x");
        temp.Write(".dockerignore", "*.log");
        temp.Write("debug.log", "x");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeOnceAsync(listener, Stream(200,
            """{"stream":"Step 1/1 : FROM scratch"}""", """{"stream":"\n"}""", """{"aux":{"ID":"sha256:abc123"}}""", """{"stream":"Successfully built abc123\n"}""",
            """{"stream":"Successfully tagged app:1\n"}"""));
        using var client = new DockerClient(DockerHostParser.Parse("tcp://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port),
            new DockerClientOptions { PinnedApiVersion = new ApiVersion(1, 41) });

        var options = new DockerBuildOptions
        {
            Target = "final",
            NoCache = true,
            Pull = true,
            Platform = "linux/arm64/v8",
            Network = "host",
            ForceRemoveIntermediateContainers = true,
            RegistryConfig = "eyJyZWdpc3RyeSI6e319",
        };
        options.Tags.Add("app:1");
        options.Tags.Add("registry.example.com/team/app");
        options.BuildArgs["VERSION"] = "1.2";
        options.BuildArgs["UNSET"] = null;
        options.Labels["team"] = "ops";
        var result = await client.Images.BuildAsync(temp.Path, options);
        var got = await server;
        listener.Stop();

        Assert.StartsWith("POST /v1.41/build?", got.RequestLine, StringComparison.Ordinal);
        Assert.Equal("application/x-tar", got.Headers["Content-Type"]);
        Assert.Equal("eyJyZWdpc3RyeSI6e319", got.Headers["X-Registry-Config"]);
        Assert.Equal(new[] { "app:1", "registry.example.com/team/app" }, got.Query["t"]);
        Assert.Equal("Dockerfile", got.Query["dockerfile"].Single());
        Assert.Equal(("1", "1", "1", "1", "1"), (got.Query["nocache"][0], got.Query["pull"][0], got.Query["rm"][0], got.Query["forcerm"][0], got.Query["version"][0]));
        Assert.Equal(("final", "host", "linux/arm64/v8"), (got.Query["target"][0], got.Query["networkmode"][0], got.Query["platform"][0]));
        using (var args = JsonDocument.Parse(got.Query["buildargs"][0]))
        {
            Assert.Equal("1.2", args.RootElement.GetProperty("VERSION").GetString());
            Assert.Equal(JsonValueKind.Null, args.RootElement.GetProperty("UNSET").ValueKind);
        }
        Assert.Equal("""{"team":"ops"}""", got.Query["labels"][0]);
        Assert.Equal(new[] { ".dockerignore", "Dockerfile", "app/", "app/main.txt" }, got.Entries);

        Assert.Equal("sha256:abc123", result.ImageId);
        Assert.Equal(new[] { "app:1" }, result.Tags);
    }

    // Defaults but for the credentials: left null they come from this machine's docker config, which other tests log in to.
    [Fact]
    public async Task Defaults_send_rm_and_nothing_else_and_an_http_refusal_is_a_build_failure()
    {
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM scratch\nFOO bar\n");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeOnceAsync(listener, Stream(400, """{"message":"dockerfile parse error line 2: unknown instruction: FOO"}"""));
        using var client = new DockerClient(DockerHostParser.Parse("tcp://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port),
            new DockerClientOptions { PinnedApiVersion = new ApiVersion(1, 41) });

        var ex = await Assert.ThrowsAsync<DockerBuildException>(() => client.Images.BuildAsync(temp.Path, new DockerBuildOptions { RegistryConfig = "" }));
        var got = await server;
        listener.Stop();
        Assert.Equal(new[] { "dockerfile", "rm", "version" }, got.Query.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("1", got.Query["rm"][0]);
        Assert.False(got.Headers.ContainsKey("X-Registry-Config"));
        Assert.Equal(("BuildFailed", DockerErrorCategory.InvalidArgument), (ex.ErrorId, ex.Category));
        Assert.Equal("The engine refused the build: dockerfile parse error line 2: unknown instruction: FOO", ex.Message);
    }
}
