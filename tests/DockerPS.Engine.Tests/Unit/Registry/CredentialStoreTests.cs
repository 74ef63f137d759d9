using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Registry;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit.Registry;

/// <summary>docker's credential store in config.json, without helpers: where, how and what is written, and what is kept.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class CredentialStoreTests
{
    private const string Password = "s3cr3t-Pa55/+?";

    private static string Base64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private static JsonObject DecodeHeader(string header)
    {
        var b64 = header.Replace('-', '+').Replace('_', '/');
        return (JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(b64)))!;
    }

    [Fact]
    public async Task Store_writes_auths_with_base64_user_password_in_a_new_0600_file_as_docker_login()
    {
        using var scope = new DockerConfigScope();
        var where = await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password));

        Assert.Equal(scope.ConfigPath, where);
        var entry = scope.ReadConfig()["auths"]!["127.0.0.1:5000"]!.AsObject();
        Assert.Equal(Base64("alice:" + Password), (string?)entry["auth"]);
        Assert.Single(entry);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(scope.ConfigPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(scope.ConfigDirectory));
        Assert.Equal(new[] { "config.json" }, Directory.GetFiles(scope.ConfigDirectory).Select(Path.GetFileName));

        var back = await scope.Store.GetAsync("127.0.0.1:5000");
        Assert.Equal(("alice", Password, "127.0.0.1:5000"), (back.UserName, back.Password, back.ServerAddress));
    }

    [Fact]
    public async Task Saving_preserves_every_other_field_and_entry_of_config_json()
    {
        using var scope = new DockerConfigScope();
        const string original = """
            {
              "auths": {
                "other.example:443": { "auth": "Ym9iOmh1bnRlcjI=", "email": "bob@example.com" },
                "127.0.0.1:5000": { "auth": "b2xkOm9sZA==", "email": "old@example.com" }
              },
              "psFormat": "table {{.ID}}\t{{.Names}}",
              "proxies": { "default": { "httpProxy": "http://proxy:3128", "noProxy": "localhost" } },
              "currentContext": "remote",
              "credHelpers": {},
              "x-not-docker": { "nested": [1, 2, { "deep": true }], "n": 1.5e3 },
              "plugins": { "buildx": { "default": "x" } }
            }
            """;
        scope.WriteConfig(original);

        await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password));

        var before = (JsonObject)JsonNode.Parse(original)!;
        var after = scope.ReadConfig();
        foreach (var field in new[] { "psFormat", "proxies", "currentContext", "credHelpers", "x-not-docker", "plugins" })
            Assert.True(JsonNode.DeepEquals(before[field], after[field]), field + " changed");
        Assert.True(JsonNode.DeepEquals(before["auths"]!["other.example:443"], after["auths"]!["other.example:443"]));
        var mine = after["auths"]!["127.0.0.1:5000"]!.AsObject();
        Assert.Equal(Base64("alice:" + Password), (string?)mine["auth"]);
        Assert.Equal("old@example.com", (string?)mine["email"]);
        Assert.Equal(new[] { "auths", "psFormat", "proxies", "currentContext", "credHelpers", "x-not-docker", "plugins" }, after.Select(p => p.Key));
    }

    [Fact]
    public async Task An_existing_file_keeps_its_permissions_and_is_replaced_by_rename_not_rewritten_in_place()
    {
        using var scope = new DockerConfigScope();
        scope.WriteConfig("""{ "auths": {}, "psFormat": "old" }""");
        File.SetUnixFileMode(scope.ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        // A reader that opened the old file keeps reading the old, whole content: the new file was renamed over it.
        using var oldHandle = new FileStream(scope.ConfigPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password));

        using var reader = new StreamReader(oldHandle);
        Assert.Equal("""{ "auths": {}, "psFormat": "old" }""", reader.ReadToEnd());
        Assert.Contains(Base64("alice:" + Password), scope.ConfigText, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(scope.ConfigPath));
        Assert.Single(Directory.GetFiles(scope.ConfigDirectory));
    }

    [Fact]
    public async Task A_symlinked_config_json_is_written_through_the_link_as_docker_does()
    {
        using var scope = new DockerConfigScope();
        Directory.CreateDirectory(scope.ConfigDirectory);
        var real = Path.Combine(scope.BinDirectory, "..", "real-config.json");
        File.WriteAllText(real, """{ "psFormat": "x" }""");
        File.CreateSymbolicLink(scope.ConfigPath, real);

        await scope.Store.StoreAsync(new RegistryAuth("reg.example", "alice", Password));

        Assert.NotNull(new FileInfo(scope.ConfigPath).LinkTarget);
        Assert.Contains("reg.example", File.ReadAllText(real), StringComparison.Ordinal);
        Assert.Contains("\"psFormat\": \"x\"", File.ReadAllText(real), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("docker.io")]
    [InlineData("index.docker.io")]
    [InlineData("https://index.docker.io/v1/")]
    public async Task Docker_Hub_credentials_live_under_the_index_server_URL(string? registry)
    {
        using var scope = new DockerConfigScope();
        await scope.Store.StoreAsync(new RegistryAuth(registry, "alice", Password));
        Assert.Equal(new[] { "https://index.docker.io/v1/" }, scope.ReadConfig()["auths"]!.AsObject().Select(p => p.Key));
        Assert.Equal("alice", (await scope.Store.GetForImageAsync(ImageName.Parse("busybox"))).UserName);
        Assert.Equal("alice", (await scope.Store.GetForImageAsync(ImageName.Parse("docker.io/library/busybox:1.36"))).UserName);
        Assert.True((await scope.Store.GetForImageAsync(ImageName.Parse("127.0.0.1:5000/busybox"))).IsEmpty);
    }

    [Theory]
    [InlineData("https://127.0.0.1:5000/v2/", "127.0.0.1:5000")]
    [InlineData("http://127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("127.0.0.1:5000/some/path", "127.0.0.1:5000")]
    [InlineData("https://user@reg.example:443/x", "reg.example:443")]
    [InlineData("[::1]:5000", "[::1]:5000")]
    [InlineData("reg.example", "reg.example")]
    public void Registry_names_become_the_host_as_docker_converts_them(string given, string key) =>
        Assert.Equal(key, RegistryAddress.KeyOf(given));

    [Fact]
    public async Task Credentials_under_a_legacy_URL_key_are_found_by_host()
    {
        using var scope = new DockerConfigScope();
        scope.WriteConfig($$"""{ "auths": { "https://127.0.0.1:5000": { "auth": "{{Base64("bob:" + Password)}}" } } }""");
        var found = await scope.Store.GetAsync("127.0.0.1:5000");
        Assert.Equal(("bob", Password), (found.UserName, found.Password));
    }

    [Fact]
    public async Task An_identity_token_is_stored_instead_of_the_password()
    {
        using var scope = new DockerConfigScope();
        await scope.Store.StoreAsync(new RegistryAuth("reg.example", "alice", null, identityToken: "tok-123"));
        var entry = scope.ReadConfig()["auths"]!["reg.example"]!.AsObject();
        Assert.Equal("tok-123", (string?)entry["identitytoken"]);
        Assert.Equal(Base64("alice:"), (string?)entry["auth"]);
        var back = await scope.Store.GetAsync("reg.example");
        Assert.Equal(("alice", null, "tok-123"), (back.UserName, back.Password, back.IdentityToken));
    }

    [Fact]
    public async Task Erase_removes_the_key_and_its_legacy_forms_and_nothing_else()
    {
        using var scope = new DockerConfigScope();
        scope.WriteConfig($$"""
            { "auths": {
                "127.0.0.1:5000": { "auth": "{{Base64("a:b")}}" },
                "https://127.0.0.1:5000": { "auth": "{{Base64("a:b")}}" },
                "http://127.0.0.1:5000": { "auth": "{{Base64("a:b")}}" },
                "other:5000": { "auth": "{{Base64("c:d")}}" } },
              "psFormat": "keep" }
            """);
        var erased = await scope.Store.EraseAsync("127.0.0.1:5000");
        Assert.Equal(3, erased.Count);
        var after = scope.ReadConfig();
        Assert.Equal(new[] { "other:5000" }, after["auths"]!.AsObject().Select(p => p.Key));
        Assert.Equal("keep", (string?)after["psFormat"]);
        Assert.True((await scope.Store.GetAsync("127.0.0.1:5000")).IsEmpty);
        Assert.Empty(await scope.Store.EraseAsync("127.0.0.1:5000"));
    }

    [Fact]
    public async Task Nothing_stored_and_no_file_give_empty_credentials_and_the_empty_header()
    {
        using var scope = new DockerConfigScope();
        var auth = await scope.Store.GetAsync("127.0.0.1:5000");
        Assert.True(auth.IsEmpty);
        Assert.Equal("e30=", await scope.Store.GetAuthHeaderAsync(ImageName.Parse("127.0.0.1:5000/x")));
        Assert.False(File.Exists(scope.ConfigPath));
    }

    [Fact]
    public void The_auth_header_is_base64url_JSON_of_the_AuthConfig_with_empty_fields_left_out()
    {
        // Chosen so that standard base64 of the JSON would hold '+' and '/'.
        var auth = new RegistryAuth("127.0.0.1:5000", "u", "~~~??>>>");
        var header = DockerCredentialStore.EncodeAuthHeader(auth);
        Assert.DoesNotContain('+', header);
        Assert.DoesNotContain('/', header);
        var json = DecodeHeader(header);
        Assert.Equal(new[] { "username", "password", "serveraddress" }, json.Select(p => p.Key));
        Assert.Equal("~~~??>>>", (string?)json["password"]);
    }

    [Fact]
    public async Task The_registry_config_header_maps_every_registry_to_its_AuthConfig()
    {
        using var scope = new DockerConfigScope();
        await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password));
        await scope.Store.StoreAsync(new RegistryAuth("docker.io", "bob", "pw2"));
        var json = DecodeHeader(await scope.Store.GetRegistryConfigHeaderAsync());
        Assert.Equal("alice", (string?)json["127.0.0.1:5000"]!["username"]);
        Assert.Equal(Password, (string?)json["127.0.0.1:5000"]!["password"]);
        Assert.Equal("127.0.0.1:5000", (string?)json["127.0.0.1:5000"]!["serveraddress"]);
        Assert.Equal("bob", (string?)json["https://index.docker.io/v1/"]!["username"]);
    }

    [Fact]
    public async Task DOCKER_AUTH_CONFIG_wins_over_the_file_and_a_malformed_one_is_refused_without_its_secret()
    {
        var env = "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + Base64("envuser:" + Password) + "\"}}}";
        using (var scope = new DockerConfigScope(new Dictionary<string, string?> { ["DOCKER_AUTH_CONFIG"] = env }))
        {
            await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "fileuser", "x"));
            Assert.Equal("envuser", (await scope.Store.GetAsync("127.0.0.1:5000")).UserName);
            Assert.Equal("envuser", (await scope.Store.GetAllAsync())["127.0.0.1:5000"].UserName);
        }
        var bad = "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + Base64("envuser:" + Password) + "\",\"password\":\"" + Password + "\"}}}";
        using (var scope = new DockerConfigScope(new Dictionary<string, string?> { ["DOCKER_AUTH_CONFIG"] = bad }))
        {
            var ex = await Assert.ThrowsAsync<DockerArgumentException>(() => scope.Store.GetAsync("127.0.0.1:5000"));
            Assert.Equal("InvalidDockerAuthConfig", ex.ErrorId);
            Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_damaged_auth_value_or_file_is_reported_without_showing_its_content()
    {
        using var scope = new DockerConfigScope();
        scope.WriteConfig("""{ "auths": { "127.0.0.1:5000": { "auth": "not base64 !!! Zm9v" } } }""");
        var ex = await Assert.ThrowsAsync<DockerException>(() => scope.Store.GetAsync("127.0.0.1:5000"));
        Assert.Equal("InvalidDockerConfig", ex.ErrorId);
        Assert.DoesNotContain("Zm9v", ex.Message, StringComparison.Ordinal);

        scope.WriteConfig("""{ "auths": { "127.0.0.1:5000": { "auth": "Zm9vOmJhcg==" } } """);
        ex = await Assert.ThrowsAsync<DockerException>(() => scope.Store.GetAsync("127.0.0.1:5000"));
        Assert.Equal("InvalidDockerConfig", ex.ErrorId);
        Assert.Contains(scope.ConfigPath, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Zm9v", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryAuth_ToString_names_registry_and_user_but_never_a_secret()
    {
        var text = new RegistryAuth("127.0.0.1:5000", "alice", Password).ToString();
        Assert.Contains("alice", text, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:5000", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Base64("alice:" + Password), text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-9", new RegistryAuth("r", "a", null, "tok-9").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_masks_each_secret_and_the_base64_auth_built_from_it()
    {
        var auth = new RegistryAuth("r", "alice", Password);
        var text = Secret.Redact($"failed: {Password} / {Base64("alice:" + Password)}", new[] { Password, Base64("alice:" + Password) });
        Assert.Equal("failed: ******** / ********", text);
        Assert.DoesNotContain(Password, auth.ToString(), StringComparison.Ordinal);
    }
}
