using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Tests.Support;
using static DockerPS.Engine.Tests.Support.FaultServer;

namespace DockerPS.Engine.Tests.Unit;

/// <summary>The HTTP client against an in-process fault-injection server (not a real engine).</summary>
public class HttpFaultInjectionTests
{
    private const string OneContainer = "[{\"Id\":\"abc\",\"Names\":[\"/web\"],\"Image\":\"busybox\",\"Created\":0,\"State\":\"running\",\"Status\":\"Up\"}]";

    [Fact]
    public async Task FaultServer_keep_alive_reuses_one_connection_for_many_calls()
    {
        using var server = new FaultServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null) await c.WriteAsync(Conn.Json(200, OneContainer));
        });
        using var client = server.Client();
        for (var i = 0; i < 20; i++) Assert.Equal("web", (await client.Containers.ListAsync()).Single().Name);
        Assert.Equal(1, server.Connections);
        Assert.All(server.RequestLines, l => Assert.Equal("GET /v1.41/containers/json HTTP/1.1", l));
    }

    [Fact]
    public async Task FaultServer_chunked_body_with_extensions_and_trailers_is_decoded()
    {
        using var server = new FaultServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                var half = OneContainer.Length / 2;
                await c.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                await c.WriteAsync($"{half:x};ext=1\r\n{OneContainer[..half]}\r\n");
                await c.WriteAsync($"{OneContainer.Length - half:X}\r\n{OneContainer[half..]}\r\n0\r\nX-Trailer: y\r\n\r\n");
            }
        });
        using var client = server.Client();
        Assert.Equal("web", (await client.Containers.ListAsync()).Single().Name);
        Assert.Equal("web", (await client.Containers.ListAsync()).Single().Name);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task FaultServer_engine_that_closes_an_idle_connection_is_retried_on_a_new_one()
    {
        using var server = new FaultServer(async c =>
        {
            // Answers one request per connection, then hangs up without saying so.
            if (await c.ReadRequestAsync() is not null) await c.WriteAsync(Conn.Json(200, OneContainer));
        });
        using var client = server.Client();
        await client.Containers.ListAsync();
        await Task.Delay(50);
        Assert.Equal("web", (await client.Containers.ListAsync()).Single().Name);
        Assert.Equal(2, server.Connections);
    }

    [Theory]
    [InlineData(300)]        // well under the buffering limit: parsed from a span
    [InlineData(30_000)]     // over 8 MB: parsed as a stream over what was read and the rest
    public async Task FaultServer_large_chunked_lists_parse_whole(int count)
    {
        var one = "{\"Id\":\"" + new string('a', 64) + "\",\"Names\":[\"/c\"],\"Labels\":{\"k\":\"" + new string('v', 240) + "\"},\"Created\":0}";
        var body = "[" + string.Join(",", Enumerable.Repeat(one, count)) + "]";
        using var server = new FaultServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                await c.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                for (var i = 0; i < body.Length; i += 32768)
                {
                    var piece = body.Substring(i, Math.Min(32768, body.Length - i));
                    await c.WriteAsync($"{System.Text.Encoding.UTF8.GetByteCount(piece):x}\r\n{piece}\r\n");
                }
                await c.WriteAsync("0\r\n\r\n");
            }
        });
        using var client = server.Client();
        Assert.Equal(count, (await client.Containers.ListAsync()).Count);
        Assert.Equal(count, (await client.Containers.ListAsync()).Count);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task FaultServer_500_carries_the_engines_own_message_and_target()
    {
        using var server = new FaultServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync(Conn.Json(500, "{\"message\":\"driver failed programming external connectivity\"}", "Internal Server Error"));
        });
        using var client = server.Client();
        var ex = await Assert.ThrowsAsync<DockerServerException>(() => client.Containers.StartAsync("web"));
        Assert.Equal("driver failed programming external connectivity", ex.Message);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal("ContainerEngineError", ex.ErrorId);
        Assert.Equal("web", ex.Target);
    }

    [Theory]
    [InlineData(404, typeof(DockerNotFoundException), "ContainerNotFound", DockerErrorCategory.ObjectNotFound)]
    [InlineData(409, typeof(DockerConflictException), "ContainerConflict", DockerErrorCategory.InvalidOperation)]
    [InlineData(400, typeof(DockerBadParameterException), "ContainerInvalidArgument", DockerErrorCategory.InvalidArgument)]
    [InlineData(401, typeof(DockerAuthenticationException), "ContainerAccessDenied", DockerErrorCategory.AuthenticationError)]
    public async Task FaultServer_status_codes_map_to_typed_exceptions(int status, Type type, string errorId, DockerErrorCategory category)
    {
        using var server = new FaultServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync(Conn.Json(status, "{\"message\":\"No such container: web\"}", "X"));
        });
        using var client = server.Client();
        var ex = await Assert.ThrowsAnyAsync<DockerApiException>(() => client.Containers.RemoveAsync("web"));
        Assert.IsType(type, ex);
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(category, ex.Category);
        Assert.Equal("No such container: web", ex.EngineMessage);
    }

    [Theory]
    [InlineData("Conflict. The container name \"/web\" is already in use by container \"abc\".", DockerErrorCategory.ResourceExists)]
    [InlineData("network with name svn already exists", DockerErrorCategory.ResourceExists)]
    [InlineData("remove svn-root: volume is in use - [abc]", DockerErrorCategory.ResourceBusy)]
    [InlineData("conflict: unable to remove repository reference \"ubuntu:git\" (must force) - container abc is using its referenced image def", DockerErrorCategory.ResourceBusy)]
    [InlineData("error while removing network: network svn id abc has active endpoints", DockerErrorCategory.ResourceBusy)]
    [InlineData("Container abc is not running", DockerErrorCategory.InvalidOperation)]
    [InlineData("Container abc is already paused", DockerErrorCategory.InvalidOperation)]
    public void Conflicts_are_categorised_by_what_the_engine_says(string message, DockerErrorCategory expected) =>
        Assert.Equal(expected, new DockerConflictException(message, "X", null).Category);

    [Theory]
    [InlineData("No such image: dockerps/none:never", "Container", "ImageNotFound")]
    [InlineData("No such container: web", "Network", "ContainerNotFound")]
    [InlineData("get svn-root: no such volume", "Volume", "VolumeNotFound")]
    [InlineData("network svn not found", "Network", "NetworkNotFound")]
    [InlineData("page not found", "Engine", "EngineNotFound")]
    public void Not_found_says_what_was_not_found(string message, string requestKind, string errorId) =>
        Assert.Equal(errorId, DockerClient.NotFoundKind(message, requestKind) + "NotFound");

    [Fact]
    public async Task FaultServer_403_is_a_forbidden_operation_not_an_authentication_failure()
    {
        using var server = new FaultServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync(Conn.Json(403, "{\"message\":\"error while removing network: network svn id abc has active endpoints\"}", "Forbidden"));
        });
        using var client = server.Client();
        var ex = await Assert.ThrowsAnyAsync<DockerApiException>(() => client.Networks.RemoveAsync("svn"));
        Assert.Equal("NetworkForbidden", ex.ErrorId);
        Assert.Equal(DockerErrorCategory.InvalidOperation, ex.Category);
    }

    [Fact]
    public async Task FaultServer_error_body_that_is_not_json_is_kept_as_text()
    {
        using var server = new FaultServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 11\r\n\r\nproxy down\n");
        });
        using var client = server.Client();
        var ex = await Assert.ThrowsAsync<DockerServerException>(() => client.System.GetInfoAsync());
        Assert.Equal("proxy down", ex.Message);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n", "HTTP status line")]
    [InlineData("HTTP/1.1 abc OK\r\n\r\n", "no status code")]
    [InlineData("HTTP/1.1 200 OK\r\nbroken header\r\n\r\n", "malformed HTTP header")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n[{\"Id\":", "still to come")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n[{\"Id\":", "not the JSON expected")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", "invalid Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed chunk size")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n[{\"Id\"", "middle of a chunked response body")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: app", "middle of an HTTP response head")]
    public async Task FaultServer_malformed_or_truncated_answers_are_protocol_errors(string answer, string reason)
    {
        using var server = new FaultServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync(answer);
        });
        using var client = server.Client();
        var ex = await Assert.ThrowsAsync<DockerProtocolException>(() => client.Containers.ListAsync());
        Assert.Contains(reason, ex.Message + ex.InnerException?.Message);
    }

    [Fact]
    public async Task FaultServer_connection_dropped_without_an_answer_on_a_new_connection_is_an_error()
    {
        using var server = new FaultServer(async c => await c.ReadRequestAsync());
        using var client = server.Client();
        var ex = await Assert.ThrowsAsync<DockerProtocolException>(() => client.Containers.ListAsync());
        Assert.Contains("closed the connection without answering GET /containers/json", ex.Message);
    }

    [Fact]
    public async Task FaultServer_engine_that_never_answers_times_out_with_a_clear_error()
    {
        using var server = new FaultServer(async c =>
        {
            await c.ReadRequestAsync();
            await Task.Delay(Timeout.Infinite);
        });
        using var client = server.Client(new DockerClientOptions { PinnedApiVersion = new ApiVersion(1, 41), RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var ex = await Assert.ThrowsAsync<DockerException>(() => client.System.GetInfoAsync());
        Assert.Equal("EngineTimeout", ex.ErrorId);
        Assert.Equal(DockerErrorCategory.OperationTimeout, ex.Category);
        Assert.Contains("did not answer GET /info within", ex.Message);
    }

    [Fact]
    public async Task FaultServer_cancellation_ends_a_stream_wait_at_once()
    {
        using var server = new FaultServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            await Task.Delay(Timeout.Infinite);
        });
        using var client = server.Client();
        using var cts = new CancellationTokenSource(200);
        var sw = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Containers.WaitAsync("web", cancellationToken: cts.Token));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), "cancellation must end the wait promptly");
    }

    [Fact]
    public async Task FaultServer_engine_without_api_version_header_is_assumed_1_24()
    {
        using var server = new FaultServer(async c =>
        {
            while (await c.ReadRequestAsync() is { } line)
            {
                await c.WriteAsync(line.StartsWith("GET /_ping", StringComparison.Ordinal) ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK" : Conn.Json(200, "[]"));
            }
        });
        using var client = server.Client(new DockerClientOptions());
        await client.Containers.ListAsync();
        Assert.Equal(new ApiVersion(1, 24), client.NegotiatedApiVersion);
        Assert.Contains("GET /v1.24/containers/json HTTP/1.1", server.RequestLines);
    }

    [Fact]
    public async Task FaultServer_negotiation_takes_the_lower_version_and_happens_once()
    {
        using var server = new FaultServer(async c =>
        {
            while (await c.ReadRequestAsync() is { } line)
            {
                await c.WriteAsync(line.StartsWith("GET /_ping", StringComparison.Ordinal) ? "HTTP/1.1 200 OK\r\nApi-Version: 1.99\r\nContent-Length: 2\r\n\r\nOK" : Conn.Json(200, "[]"));
            }
        });
        using var client = server.Client(new DockerClientOptions());
        Assert.Null(client.NegotiatedApiVersion);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.Containers.ListAsync()));
        Assert.Equal(ApiVersion.ClientMaximum, client.NegotiatedApiVersion);
        Assert.Single(server.RequestLines, l => l.StartsWith("GET /_ping", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FaultServer_feature_needing_a_newer_api_names_feature_and_versions()
    {
        using var server = new FaultServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null) await c.WriteAsync(Conn.Json(200, "[]"));
        });
        using var client = server.Client();
        var ex = await Assert.ThrowsAsync<DockerApiVersionException>(() => client.Images.ListAsync(new Api.ImageListOptions { SharedSize = true }));
        Assert.Contains("-SharedSize requires Engine API 1.42", ex.Message);
        Assert.Contains("speaks API 1.41", ex.Message);
        Assert.Equal("ApiVersionTooOld", ex.ErrorId);
        Assert.Empty(server.RequestLines);
    }

    [Fact]
    public async Task FaultServer_engine_that_upgrades_with_200_still_gives_a_raw_stream()
    {
        using var server = new FaultServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nhello from a tty");
        });
        using var client = server.Client();
        using var stream = await client.Exec.StartAttachedAsync("e1", tty: true);
        var buffer = new byte[64];
        var n = await stream.ReadAsync(buffer);
        Assert.Equal("hello from a tty", System.Text.Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public async Task FaultServer_header_injection_is_refused_before_sending()
    {
        using var server = new FaultServer(async c => await c.ReadRequestAsync());
        using var client = server.Client();
        var request = new DockerRequest("GET", "/info").Header("X-Registry-Auth", "abc\r\nEvil: 1");
        await Assert.ThrowsAsync<DockerArgumentException>(() => client.SendAsync(request));
    }
}
