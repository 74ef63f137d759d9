using System;
using System.IO;
using System.IO.Pipes;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;
using DockerPS.Engine.Transport;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>Every transport against a real engine: TLS (all the ways it must refuse), plain tcp, ssh, npipe, contexts.</summary>
public class TransportTests
{
    private static string TlsHost => TestEnvironment.Get("tls", "host");

    private static DockerClient FromEnvironment(params (string Key, string? Value)[] vars)
    {
        var dict = new System.Collections.Generic.Dictionary<string, string?> { ["DOCKER_CONFIG"] = Path.Combine(Path.GetTempPath(), "dockerps-none") };
        foreach (var (k, v) in vars) dict[k] = v;
        return DockerClient.FromEnvironment(environment: new FakeEnvironment(dict));
    }

    private static async Task AssertWorks(DockerClient client, string engine)
    {
        var version = await client.System.GetVersionAsync();
        Assert.Equal(TestEnvironment.Engine(engine).ApiVersion.ToString(), version.EngineApiVersion);
        Assert.NotNull(await client.Containers.ListAsync());
    }

    [EngineFact]
    public async Task Tls_with_verification_and_client_certificate_works()
    {
        using var client = FromEnvironment(("DOCKER_HOST", TlsHost), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", TestEnvironment.Get("tls", "certPath")));
        Assert.True(client.Endpoint.Tls!.VerifyServer);
        await AssertWorks(client, TestEnvironment.Get("tls", "engine"));
    }

    [EngineFact]
    public async Task Tls_client_key_in_pkcs8_works_too()
    {
        var pkcs8 = Path.Combine(Path.GetDirectoryName(TestEnvironment.Get("tls", "certPath"))!, "client-pkcs8");
        Assert.Contains("BEGIN PRIVATE KEY", File.ReadAllText(Path.Combine(pkcs8, "key.pem")));
        using var client = FromEnvironment(("DOCKER_HOST", TlsHost), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", pkcs8));
        await AssertWorks(client, TestEnvironment.Get("tls", "engine"));
    }

    [EngineFact]
    public async Task Tls_exec_hijack_works_over_tls()
    {
        using var client = FromEnvironment(("DOCKER_HOST", TlsHost), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", TestEnvironment.Get("tls", "certPath")));
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("tls-exec");
        var (o, _, exit) = await EngineClientTests.ExecAsync(client, id, new[] { "sh", "-c", "echo over tls" }, null);
        Assert.Equal("over tls\n", o);
        Assert.Equal(0, exit);
    }

    [EngineFact]
    public async Task Tls_server_not_signed_by_the_given_ca_is_refused()
    {
        using var client = FromEnvironment(("DOCKER_HOST", TlsHost), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", TestEnvironment.Get("tls", "wrongCaCertPath")));
        var ex = await Assert.ThrowsAsync<DockerTlsException>(() => client.System.GetVersionAsync());
        Assert.Contains("not signed by the CA", ex.Message);
        Assert.Equal("EngineTlsFailure", ex.ErrorId);
        Assert.Equal(DockerErrorCategory.SecurityError, ex.Category);
    }

    [EngineFact]
    public async Task Tls_without_a_client_certificate_is_refused_by_the_engine()
    {
        using var client = FromEnvironment(("DOCKER_HOST", TlsHost), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", TestEnvironment.Get("tls", "noClientCertPath")));
        Assert.Null(client.Endpoint.Tls!.CertFile);
        var ex = await Assert.ThrowsAsync<DockerTlsException>(() => client.System.GetVersionAsync());
        Assert.Contains("client certificate", ex.Message);
    }

    [EngineFact]
    public async Task Tls_without_verification_accepts_any_server_but_still_presents_the_client_certificate()
    {
        // DOCKER_TLS alone: the wrong CA no longer matters, and the engine still gets its client certificate.
        using var client = FromEnvironment(("DOCKER_HOST", TlsHost), ("DOCKER_TLS", "1"), ("DOCKER_CERT_PATH", TestEnvironment.Get("tls", "wrongCaCertPath")));
        Assert.False(client.Endpoint.Tls!.VerifyServer);
        await AssertWorks(client, TestEnvironment.Get("tls", "engine"));
    }

    [EngineFact]
    public async Task Tls_verify_with_no_ca_file_names_the_missing_file()
    {
        using var empty = new TempDirectory();
        using var client = FromEnvironment(("DOCKER_HOST", TlsHost), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", empty.Path));
        var ex = await Assert.ThrowsAsync<DockerTlsException>(() => client.System.GetVersionAsync());
        Assert.Contains(Path.Combine(empty.Path, "ca.pem"), ex.Message);
    }

    [EngineFact]
    public async Task Plain_http_to_a_tls_port_fails_clearly()
    {
        using var client = FromEnvironment(("DOCKER_HOST", TlsHost));
        await Assert.ThrowsAnyAsync<DockerException>(() => client.System.GetVersionAsync());
    }

    [EngineFact]
    public async Task Tls_context_with_its_own_material_works()
    {
        using var config = new TempDirectory();
        var name = "ci-tls";
        var id = ContextStore.Digest(name);
        config.Write($"contexts/meta/{id}/meta.json", $"{{\"Name\":\"{name}\",\"Metadata\":{{}},\"Endpoints\":{{\"docker\":{{\"Host\":\"{TlsHost}\",\"SkipTLSVerify\":false}}}}}}");
        foreach (var f in new[] { "ca.pem", "cert.pem", "key.pem" })
            config.Write($"contexts/tls/{id}/docker/{f}", File.ReadAllText(Path.Combine(TestEnvironment.Get("tls", "certPath"), f)));
        config.Write("config.json", $"{{\"currentContext\":\"{name}\"}}");
        using var client = DockerClient.FromEnvironment(environment: new FakeEnvironment(new() { ["DOCKER_CONFIG"] = config.Path }));
        Assert.Equal(name, client.Endpoint.ContextName);
        await AssertWorks(client, TestEnvironment.Get("tls", "engine"));
    }

    [EngineFact]
    public async Task Plain_tcp_works()
    {
        using var client = FromEnvironment(("DOCKER_HOST", TestEnvironment.Get("tcp", "host")));
        await AssertWorks(client, TestEnvironment.Get("tcp", "engine"));
    }

    [EngineFact]
    public async Task Ssh_dial_stdio_works_and_exec_hijacks_over_it()
    {
        using var client = FromEnvironment(("DOCKER_HOST", TestEnvironment.Get("ssh", "host")));
        await AssertWorks(client, TestEnvironment.Get("ssh", "engine"));
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("ssh-exec");
        var (o, _, _) = await EngineClientTests.ExecAsync(client, id, new[] { "cat" }, "over ssh\n");
        Assert.Equal("over ssh\n", o);
    }

    [EngineFact]
    public async Task Ssh_failure_reports_what_ssh_said()
    {
        using var client = FromEnvironment(("DOCKER_HOST", "ssh://root@127.0.0.1:1"));
        var ex = await Assert.ThrowsAsync<DockerUnreachableException>(() => client.System.GetVersionAsync());
        Assert.Contains("ssh exited with code", ex.Message);
        Assert.Contains("refused", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [EngineFact]
    public async Task Named_pipe_transport_through_a_relay_to_the_engine()
    {
        var pipeName = "dockerps-test-" + Guid.NewGuid().ToString("n")[..8];
        using var cts = new CancellationTokenSource();
        var socketPath = DockerHostParser.Parse(TestEnvironment.Engine("engine20").Host).Address;
        var relay = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                var server = new NamedPipeServerStream(pipeName, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
                try
                {
                    await server.WaitForConnectionAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    await server.DisposeAsync();
                    return;
                }
                _ = Task.Run(async () =>
                {
                    using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
                    using var engine = new NetworkStream(socket, ownsSocket: false);
                    await using (server)
                    {
                        var up = server.CopyToAsync(engine);
                        var down = engine.CopyToAsync(server);
                        await Task.WhenAny(up, down);
                    }
                });
            }
        });
        try
        {
            using var client = FromEnvironment(("DOCKER_HOST", "npipe:////./pipe/" + pipeName));
            Assert.IsType<NamedPipeConnector>(ConnectorFactory.Create(client.Endpoint));
            await AssertWorks(client, "engine20");
            for (var i = 0; i < 5; i++) await client.Containers.ListAsync();
        }
        finally
        {
            await cts.CancelAsync();
            await relay;
        }
    }

    [Fact]
    public async Task Missing_socket_is_unreachable_with_a_clear_message()
    {
        using var client = FromEnvironment(("DOCKER_HOST", "unix:///nonexistent/docker.sock"));
        var ex = await Assert.ThrowsAsync<DockerUnreachableException>(() => client.System.GetVersionAsync());
        Assert.Contains("unix:///nonexistent/docker.sock", ex.Message);
        Assert.Contains("Is the docker daemon running?", ex.Message);
        Assert.Equal(DockerErrorCategory.ResourceUnavailable, ex.Category);
    }

    [Fact]
    public async Task Refused_tcp_port_is_unreachable()
    {
        using var client = FromEnvironment(("DOCKER_HOST", "tcp://127.0.0.1:1"));
        var ex = await Assert.ThrowsAsync<DockerUnreachableException>(() => client.System.GetVersionAsync());
        Assert.Contains("tcp://127.0.0.1:1", ex.Message);
    }

    [Fact]
    public async Task Missing_named_pipe_is_unreachable()
    {
        using var client = FromEnvironment(("DOCKER_HOST", "npipe:////./pipe/dockerps-nothing-here"));
        await Assert.ThrowsAsync<DockerUnreachableException>(() => client.System.GetVersionAsync());
    }

    [Fact]
    public void Ssh_arguments_are_the_docker_clis()
    {
        var c = (SshConnector)ConnectorFactory.Create(DockerHostParser.Parse("ssh://me@box:2222"));
        Assert.Equal(new[] { "-l", "me", "-p", "2222", "-o ConnectTimeout=30", "-T", "--", "box", "docker system dial-stdio" }, c.Arguments());
        var s = (SshConnector)ConnectorFactory.Create(DockerHostParser.Parse("ssh://box/run/my docker.sock"));
        Assert.Equal(new[] { "-o ConnectTimeout=30", "-T", "--", "box", "docker '--host=unix:///run/my docker.sock' system dial-stdio" }, s.Arguments());
    }
}
