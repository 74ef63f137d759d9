using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Registry;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Tests.Support;
using static DockerPS.Engine.Tests.Support.FaultServer;

namespace DockerPS.Engine.Tests.Unit.Registry;

/// <summary>
/// Pull and push against an in-process fault-injecting server: what is sent (query, X-Registry-Auth from the store),
/// errors inside the progress stream as real errors, the push digest from the aux message, cancellation at once.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class PullPushFaultServerTests
{
    private const string Id = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Digest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string Password = "fault-Secret-7";

    private sealed class Collector : IProgress<JsonMessage>
    {
        public ConcurrentQueue<JsonMessage> Messages { get; } = new();

        public void Report(JsonMessage value) => Messages.Enqueue(value);
    }

    private static async Task Chunked(Conn c, params string[] lines)
    {
        await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetByteCount(line + "\r\n");
            await c.WriteAsync($"{bytes:x}\r\n{line}\r\n\r\n");
        }
        await c.WriteAsync("0\r\n\r\n");
    }

    /// <summary>Answers image inspect and list for the one image the fake engine has, and the given stream for the transfer.</summary>
    private static FaultServer Engine(string repoTag, Func<Conn, string, Task> transfer) => new(async c =>
    {
        while (await c.ReadRequestAsync() is { } line)
        {
            if (line.StartsWith("POST ", StringComparison.Ordinal))
            {
                await transfer(c, line);
            }
            else if (line.Contains("/json HTTP", StringComparison.Ordinal) && line.Contains("/images/", StringComparison.Ordinal) && !line.Contains("/images/json", StringComparison.Ordinal))
            {
                await c.WriteAsync(Conn.Json(200, $$"""{"Id":"{{Id}}"}"""));
            }
            else if (line.Contains("/images/json", StringComparison.Ordinal))
            {
                var repo = repoTag[..repoTag.LastIndexOf(':')];
                await c.WriteAsync(Conn.Json(200, $$"""[{"Id":"{{Id}}","RepoTags":["{{repoTag}}"],"RepoDigests":["{{repo}}@{{Digest}}"],"Created":0,"Size":10,"Containers":-1,"SharedSize":-1}]"""));
            }
            else
            {
                await c.WriteAsync(Conn.Json(404, """{"message":"not here"}"""));
            }
        }
    });

    private static JsonObject AuthHeaderOf(string head)
    {
        var line = head.Split("\r\n").Single(l => l.StartsWith("X-Registry-Auth: ", StringComparison.OrdinalIgnoreCase));
        var b64 = line["X-Registry-Auth: ".Length..].Replace('-', '+').Replace('_', '/');
        return (JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(b64)))!;
    }

    [Fact]
    public async Task FaultServer_pull_sends_the_reference_and_the_stored_credentials_and_returns_the_image()
    {
        using var scope = new DockerConfigScope();
        await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password));
        using var server = Engine("127.0.0.1:5000/dpsreg-fault:latest", (c, _) => Chunked(c,
            """{"status":"Pulling from dpsreg-fault","id":"latest"}""",
            """{"status":"Pulling fs layer","progressDetail":{},"id":"aaaaaaaaaaaa"}""",
            """{"status":"Downloading","progressDetail":{"current":5,"total":10},"progress":"[==>  ] 5B/10B","id":"aaaaaaaaaaaa"}""",
            """{"status":"Pull complete","progressDetail":{},"id":"aaaaaaaaaaaa"}""",
            $$"""{"status":"Digest: {{Digest}}"}""",
            """{"status":"Status: Downloaded newer image for 127.0.0.1:5000/dpsreg-fault:latest"}"""));
        using var client = server.Client();
        var progress = new Collector();

        var images = await client.Images.PullAsync("127.0.0.1:5000/dpsreg-fault", new ImagePullOptions { Credentials = scope.Store, Progress = progress });

        Assert.Equal("POST /v1.41/images/create?fromImage=127.0.0.1%3A5000%2Fdpsreg-fault&tag=latest HTTP/1.1", server.RequestLines.First());
        var auth = AuthHeaderOf(server.RequestHeads.First());
        Assert.Equal(("alice", Password, "127.0.0.1:5000"), ((string?)auth["username"], (string?)auth["password"], (string?)auth["serveraddress"]));
        Assert.Equal(6, progress.Messages.Count);
        Assert.Equal(5, progress.Messages.ElementAt(2).Current);
        var image = Assert.Single(images);
        Assert.Equal(("127.0.0.1:5000/dpsreg-fault:latest", Digest), (image.Reference, image.Digest));
    }

    [Fact]
    public async Task FaultServer_pull_with_no_stored_credentials_sends_the_empty_auth_header()
    {
        using var scope = new DockerConfigScope();
        using var server = Engine("busybox:1.36", (c, _) => Chunked(c, """{"status":"Status: Image is up to date for busybox:1.36"}"""));
        using var client = server.Client();
        await client.Images.PullAsync("busybox:1.36", new ImagePullOptions { Credentials = scope.Store, Platform = "Linux/AMD64" });
        Assert.Equal("POST /v1.41/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=1.36&platform=linux%2Famd64 HTTP/1.1", server.RequestLines.First());
        Assert.Contains("\r\nX-Registry-Auth: e30=\r\n", server.RequestHeads.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FaultServer_error_inside_the_pull_stream_is_a_real_error_after_the_progress_before_it()
    {
        using var scope = new DockerConfigScope();
        using var server = Engine("127.0.0.1:5000/dpsreg-fault:v1", (c, _) => Chunked(c,
            """{"status":"Pulling from dpsreg-fault","id":"v1"}""",
            """{"status":"Extracting","progressDetail":{"current":1,"total":2},"id":"aaaaaaaaaaaa"}""",
            """{"errorDetail":{"message":"failed to register layer: no space left on device"},"error":"failed to register layer: no space left on device"}"""));
        using var client = server.Client();
        var progress = new Collector();

        var ex = await Assert.ThrowsAsync<DockerStreamException>(() =>
            client.Images.PullAsync("127.0.0.1:5000/dpsreg-fault:v1", new ImagePullOptions { Credentials = scope.Store, Progress = progress }));

        Assert.Equal("failed to register layer: no space left on device", ex.Message);
        Assert.Equal("127.0.0.1:5000/dpsreg-fault:v1", ex.Target);
        Assert.Equal(2, progress.Messages.Count);
        // No image lookup after a failed pull.
        Assert.Single(server.RequestLines);
    }

    [Fact]
    public async Task FaultServer_authentication_error_inside_the_stream_becomes_an_authentication_error_without_secrets()
    {
        using var scope = new DockerConfigScope();
        await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password));
        using var server = Engine("127.0.0.1:5000/dpsreg-fault:v1", (c, _) => Chunked(c,
            """{"status":"The push refers to repository [127.0.0.1:5000/dpsreg-fault]"}""",
            $$"""{"errorDetail":{"message":"unauthorized: authentication required for {{Password}}"},"error":"unauthorized"}"""));
        using var client = server.Client();

        var ex = await Assert.ThrowsAsync<RegistryAuthenticationException>(() =>
            client.Images.PushAsync("127.0.0.1:5000/dpsreg-fault:v1", new ImagePushOptions { Credentials = scope.Store }));

        Assert.Equal("RegistryAuthenticationRequired", ex.ErrorId);
        Assert.Equal(DockerErrorCategory.AuthenticationError, ex.Category);
        Assert.Equal("127.0.0.1:5000", ex.Registry);
        Assert.Contains("unauthorized: authentication required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("user alice", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
        Assert.IsType<DockerStreamException>(ex.InnerException);
    }

    [Fact]
    public async Task FaultServer_engine_answer_401_or_no_basic_auth_credentials_is_an_authentication_error()
    {
        using var scope = new DockerConfigScope();
        foreach (var (status, message) in new[] { (401, "unauthorized: authentication required"), (500, "Head \\\"http://127.0.0.1:5000/v2/x/manifests/v1\\\": no basic auth credentials") })
        {
            using var server = Engine("127.0.0.1:5000/x:v1", (c, _) => c.WriteAsync(Conn.Json(status, $$"""{"message":"{{message}}"}""")));
            using var client = server.Client();
            var ex = await Assert.ThrowsAsync<RegistryAuthenticationException>(() =>
                client.Images.PullAsync("127.0.0.1:5000/x:v1", new ImagePullOptions { Credentials = scope.Store }));
            Assert.Contains("no credentials are stored for 127.0.0.1:5000", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Connect-DockerRegistry 127.0.0.1:5000", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FaultServer_a_404_stays_not_found_even_when_it_mentions_docker_login()
    {
        using var scope = new DockerConfigScope();
        using var server = Engine("nope:latest", (c, _) => c.WriteAsync(Conn.Json(404,
            """{"message":"pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"}""")));
        using var client = server.Client();
        var ex = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Images.PullAsync("nope", new ImagePullOptions { Credentials = scope.Store }));
        Assert.Equal("ImageNotFound", ex.ErrorId);
    }

    [Fact]
    public async Task FaultServer_stream_cut_in_the_middle_of_a_message_is_an_error_not_a_success()
    {
        using var scope = new DockerConfigScope();
        using var server = Engine("127.0.0.1:5000/x:v1", async (c, _) =>
        {
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            const string part = "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1,";
            await c.WriteAsync($"{part.Length:x}\r\n{part}\r\n");
            throw new System.IO.IOException("hang up");
        });
        using var client = server.Client();
        var ex = await Assert.ThrowsAnyAsync<DockerException>(() => client.Images.PullAsync("127.0.0.1:5000/x:v1", new ImagePullOptions { Credentials = scope.Store }));
        Assert.IsNotType<RegistryAuthenticationException>(ex);
    }

    [Fact]
    public async Task FaultServer_push_returns_the_image_with_the_digest_of_the_aux_message()
    {
        using var scope = new DockerConfigScope();
        await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password));
        using var server = Engine("127.0.0.1:5000/dpsreg-fault:v2", (c, _) => Chunked(c,
            """{"status":"The push refers to repository [127.0.0.1:5000/dpsreg-fault]"}""",
            """{"status":"Preparing","progressDetail":{},"id":"aaaaaaaaaaaa"}""",
            """{"status":"Pushing","progressDetail":{"current":512,"total":1024},"id":"aaaaaaaaaaaa"}""",
            """{"status":"Pushed","progressDetail":{},"id":"aaaaaaaaaaaa"}""",
            $$"""{"status":"v2: digest: {{Digest}} size: 527"}""",
            $$$"""{"progressDetail":{},"aux":{"Tag":"v2","Digest":"{{{Digest}}}","Size":527}}"""));
        using var client = server.Client();
        var progress = new Collector();

        var image = Assert.Single(await client.Images.PushAsync("127.0.0.1:5000/dpsreg-fault:v2", new ImagePushOptions { Credentials = scope.Store, Progress = progress }));

        Assert.Equal("POST /v1.41/images/127.0.0.1%3A5000/dpsreg-fault/push?tag=v2 HTTP/1.1", server.RequestLines.First());
        Assert.Equal("alice", (string?)AuthHeaderOf(server.RequestHeads.First())["username"]);
        Assert.Equal(Digest, image.Digest);
        Assert.Equal("127.0.0.1:5000/dpsreg-fault:v2", image.Reference);
        Assert.Equal(6, progress.Messages.Count);
    }

    [Fact]
    public async Task FaultServer_cancelling_a_pull_stops_it_at_once()
    {
        using var scope = new DockerConfigScope();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = Engine("127.0.0.1:5000/x:v1", async (c, _) =>
        {
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            const string line = "{\"status\":\"Pulling fs layer\",\"id\":\"aaaaaaaaaaaa\"}\r\n";
            await c.WriteAsync($"{line.Length:x}\r\n{line}\r\n");
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite);
        });
        using var client = server.Client();
        using var cts = new CancellationTokenSource();
        var pull = client.Images.PullAsync("127.0.0.1:5000/x:v1", new ImagePullOptions { Credentials = scope.Store }, cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        var sw = Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull);
        Assert.True(sw.ElapsedMilliseconds < 2000, $"cancel took {sw.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("busybox:1.36", true, "AllTagsWithTag")]
    [InlineData("busybox@sha256:2222222222222222222222222222222222222222222222222222222222222222", false, "PushDigestReference")]
    [InlineData("UPPER/case", false, "InvalidImageReference")]
    [InlineData("a::b", false, "InvalidImageReference")]
    [InlineData("busybox:", false, "InvalidImageReference")]
    public async Task FaultServer_bad_push_references_are_refused_before_anything_is_sent(string reference, bool allTags, string errorId)
    {
        using var scope = new DockerConfigScope();
        using var server = Engine("x:y", (c, _) => Task.CompletedTask);
        using var client = server.Client();
        var ex = await Assert.ThrowsAsync<DockerArgumentException>(() => client.Images.PushAsync(reference, new ImagePushOptions { AllTags = allTags, Credentials = scope.Store }));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains(reference, ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.RequestLines);
    }

    [Theory]
    [InlineData("linux/amd64/v2/extra")]
    [InlineData("linux//amd64")]
    [InlineData("linux amd64")]
    public async Task FaultServer_a_malformed_platform_is_refused_before_anything_is_sent(string platform)
    {
        using var scope = new DockerConfigScope();
        using var server = Engine("x:y", (c, _) => Task.CompletedTask);
        using var client = server.Client();
        var ex = await Assert.ThrowsAsync<DockerArgumentException>(() => client.Images.PullAsync("busybox", new ImagePullOptions { Platform = platform, Credentials = scope.Store }));
        Assert.Equal("InvalidPlatform", ex.ErrorId);
        Assert.Empty(server.RequestLines);
    }
}
