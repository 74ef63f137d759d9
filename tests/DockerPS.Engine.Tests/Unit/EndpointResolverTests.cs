using System.Collections.Generic;
using System.IO;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit;

public class EndpointResolverTests
{
    private static EndpointResolver Resolver(TempDirectory config, Dictionary<string, string?>? vars = null, bool windows = false)
    {
        vars ??= new Dictionary<string, string?>();
        vars["DOCKER_CONFIG"] = config.Path;
        return new EndpointResolver(new FakeEnvironment(vars, "/home/none", windows));
    }

    private static void WriteContext(TempDirectory config, string name, string host, bool skipVerify = false, bool ca = false, bool cert = false)
    {
        var id = ContextStore.Digest(name);
        config.Write($"contexts/meta/{id}/meta.json",
            $"{{\"Name\":\"{name}\",\"Metadata\":{{\"Description\":\"test\"}},\"Endpoints\":{{\"docker\":{{\"Host\":\"{host}\",\"SkipTLSVerify\":{(skipVerify ? "true" : "false")}}}}}}}");
        if (ca) config.Write($"contexts/tls/{id}/docker/ca.pem", "x");
        if (cert)
        {
            config.Write($"contexts/tls/{id}/docker/cert.pem", "x");
            config.Write($"contexts/tls/{id}/docker/key.pem", "x");
        }
    }

    [Fact]
    public void Default_is_the_platform_socket()
    {
        using var config = new TempDirectory();
        Assert.Equal("unix:///var/run/docker.sock", Resolver(config).Resolve().Uri);
        Assert.Equal("npipe:////./pipe/docker_engine", Resolver(config, windows: true).Resolve().Uri);
    }

    [Fact]
    public void Digest_is_the_sha256_hex_of_the_name()
    {
        Assert.Equal("37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f", ContextStore.Digest("default"));
    }

    [Fact]
    public void Docker_host_beats_docker_context_and_current_context()
    {
        using var config = new TempDirectory();
        WriteContext(config, "remote", "tcp://remote:2375");
        config.Write("config.json", "{\"currentContext\":\"remote\"}");
        var r = Resolver(config, new() { ["DOCKER_HOST"] = "tcp://fromenv:1", ["DOCKER_CONTEXT"] = "remote" });
        var e = r.Resolve();
        Assert.Equal("tcp://fromenv:1", e.Uri);
        Assert.Equal("DOCKER_HOST", e.Source);
    }

    [Fact]
    public void Docker_context_beats_current_context()
    {
        using var config = new TempDirectory();
        WriteContext(config, "a", "tcp://a:1");
        WriteContext(config, "b", "tcp://b:1");
        config.Write("config.json", "{\"currentContext\":\"a\"}");
        Assert.Equal("tcp://b:1", Resolver(config, new() { ["DOCKER_CONTEXT"] = "b" }).Resolve().Uri);
        Assert.Equal("tcp://a:1", Resolver(config).Resolve().Uri);
    }

    [Fact]
    public void Explicit_context_beats_docker_host_and_both_explicit_is_an_error()
    {
        using var config = new TempDirectory();
        WriteContext(config, "a", "tcp://a:1");
        var r = Resolver(config, new() { ["DOCKER_HOST"] = "tcp://env:1" });
        Assert.Equal("tcp://a:1", r.Resolve(context: "a").Uri);
        Assert.Equal("tcp://x:2", r.Resolve(dockerHost: "tcp://x:2").Uri);
        var ex = Assert.Throws<DockerArgumentException>(() => r.Resolve("tcp://x:2", "a"));
        Assert.Equal("ConflictingEndpointOptions", ex.ErrorId);
    }

    [Fact]
    public void Default_context_name_means_the_environment()
    {
        using var config = new TempDirectory();
        Assert.Equal("tcp://env:1", Resolver(config, new() { ["DOCKER_HOST"] = "tcp://env:1" }).Resolve(context: "default").Uri);
        Assert.Equal("unix:///var/run/docker.sock", Resolver(config).Resolve(context: "default").Uri);
    }

    [Fact]
    public void Missing_context_names_it_and_the_file()
    {
        using var config = new TempDirectory();
        var ex = Assert.Throws<DockerException>(() => Resolver(config).Resolve(context: "nosuch"));
        Assert.Equal("ContextNotFound", ex.ErrorId);
        Assert.Equal(DockerErrorCategory.ObjectNotFound, ex.Category);
        Assert.Contains("'nosuch'", ex.Message);
        Assert.Contains(ContextStore.Digest("nosuch"), ex.Message);
    }

    [Fact]
    public void Damaged_context_and_config_are_invalid_data()
    {
        using var config = new TempDirectory();
        config.Write($"contexts/meta/{ContextStore.Digest("bad")}/meta.json", "{not json");
        Assert.Equal("InvalidContext", Assert.Throws<DockerException>(() => Resolver(config).Resolve(context: "bad")).ErrorId);
        config.Write("config.json", "{");
        Assert.Equal("InvalidDockerConfig", Assert.Throws<DockerException>(() => Resolver(config).Resolve()).ErrorId);
    }

    [Fact]
    public void Context_tls_material_ca_means_verify_against_it()
    {
        using var config = new TempDirectory();
        WriteContext(config, "tls", "tcp://h:2376", ca: true, cert: true);
        var e = Resolver(config).Resolve(context: "tls");
        Assert.NotNull(e.Tls);
        Assert.True(e.Tls!.VerifyServer);
        Assert.EndsWith("ca.pem", e.Tls.CaFile);
        Assert.EndsWith("cert.pem", e.Tls.CertFile);
        Assert.Equal("tls", e.ContextName);
    }

    [Fact]
    public void Context_skip_verify_is_tls_without_verification_and_no_tls_files_is_plain()
    {
        using var config = new TempDirectory();
        WriteContext(config, "skip", "tcp://h:2376", skipVerify: true);
        WriteContext(config, "plain", "tcp://h:2375");
        var skip = Resolver(config).Resolve(context: "skip");
        Assert.NotNull(skip.Tls);
        Assert.False(skip.Tls!.VerifyServer);
        Assert.Null(Resolver(config).Resolve(context: "plain").Tls);
    }

    [Fact]
    public void Context_list_has_default_first()
    {
        using var config = new TempDirectory();
        WriteContext(config, "zeta", "tcp://z:1");
        WriteContext(config, "alpha", "tcp://a:1");
        Assert.Equal(new[] { "default", "alpha", "zeta" }, Resolver(config).Contexts.ListNames());
    }

    // The docker CLI's TLS variables, each combination.
    [Theory]
    [InlineData(null, null, false, false, false)]
    [InlineData("1", null, true, true, true)]
    [InlineData("0", null, true, true, true)]      // any non-empty DOCKER_TLS_VERIFY verifies, even "0"
    [InlineData("false", null, true, true, true)]
    [InlineData(null, "1", true, false, true)]     // DOCKER_TLS alone: TLS without verification
    [InlineData("1", "1", true, true, true)]
    [InlineData("", "", false, false, false)]      // empty is unset
    public void Tls_environment_combinations(string? verify, string? tls, bool expectTls, bool expectVerify, bool certsPresent)
    {
        using var certs = new TempDirectory();
        if (certsPresent)
        {
            certs.Write("ca.pem", "x");
            certs.Write("cert.pem", "x");
            certs.Write("key.pem", "x");
        }
        using var config = new TempDirectory();
        var e = Resolver(config, new() { ["DOCKER_HOST"] = "tcp://h:2376", ["DOCKER_TLS_VERIFY"] = verify, ["DOCKER_TLS"] = tls, ["DOCKER_CERT_PATH"] = certs.Path }).Resolve();
        Assert.Equal(expectTls, e.Tls is not null);
        if (e.Tls is null) return;
        Assert.Equal(expectVerify, e.Tls.VerifyServer);
        Assert.Equal(expectVerify ? Path.Combine(certs.Path, "ca.pem") : null, e.Tls.CaFile);
        Assert.Equal(Path.Combine(certs.Path, "cert.pem"), e.Tls.CertFile);
    }

    [Fact]
    public void Cert_path_alone_does_not_turn_tls_on()
    {
        using var certs = new TempDirectory();
        certs.Write("cert.pem", "x");
        using var config = new TempDirectory();
        Assert.Null(Resolver(config, new() { ["DOCKER_HOST"] = "tcp://h:2376", ["DOCKER_CERT_PATH"] = certs.Path }).Resolve().Tls);
    }

    [Fact]
    public void Missing_client_certificate_files_are_left_out_and_cert_path_defaults_to_docker_config()
    {
        using var config = new TempDirectory();
        var e = Resolver(config, new() { ["DOCKER_HOST"] = "tcp://h:2376", ["DOCKER_TLS_VERIFY"] = "1" }).Resolve();
        Assert.Equal(Path.Combine(config.Path, "ca.pem"), e.Tls!.CaFile);
        Assert.Null(e.Tls.CertFile);
        Assert.Null(e.Tls.KeyFile);
    }

    [Fact]
    public void Tls_settings_do_not_apply_to_sockets()
    {
        using var config = new TempDirectory();
        Assert.Null(Resolver(config, new() { ["DOCKER_HOST"] = "unix:///x.sock", ["DOCKER_TLS_VERIFY"] = "1" }).Resolve().Tls);
    }

    [Fact]
    public void Pinned_api_version_from_environment_and_malformed_one_refused()
    {
        Assert.Equal(new ApiVersion(1, 41), DockerClient.OptionsFromEnvironment(new FakeEnvironment(new() { ["DOCKER_API_VERSION"] = "1.41" })).PinnedApiVersion);
        Assert.Null(DockerClient.OptionsFromEnvironment(new FakeEnvironment()).PinnedApiVersion);
        var ex = Assert.Throws<DockerArgumentException>(() => DockerClient.OptionsFromEnvironment(new FakeEnvironment(new() { ["DOCKER_API_VERSION"] = "latest" })));
        Assert.Contains("'latest'", ex.Message);
    }
}
