using System;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Registry;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit.Registry;

/// <summary>
/// Credential helpers (credsStore, credHelpers) through a real helper program speaking docker-credential-helpers'
/// protocol on stdin/stdout (tests' Support/DockerConfigScope.cs).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class CredentialHelperTests
{
    private const string Password = "helper-Secret-42";

    [Fact]
    public async Task With_credsStore_the_helper_keeps_the_secret_and_the_file_only_an_empty_entry()
    {
        using var scope = new DockerConfigScope();
        scope.InstallHelper("dpsregtest");
        scope.WriteConfig("""{ "credsStore": "dpsregtest", "psFormat": "keep" }""");

        var where = await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password));

        Assert.Equal("docker-credential-dpsregtest", where);
        var entry = scope.HelperEntry("127.0.0.1:5000")!;
        Assert.Equal(("127.0.0.1:5000", "alice", Password), ((string?)entry["ServerURL"], (string?)entry["Username"], (string?)entry["Secret"]));
        var config = scope.ReadConfig();
        Assert.Empty(config["auths"]!["127.0.0.1:5000"]!.AsObject());
        Assert.Equal("keep", (string?)config["psFormat"]);
        Assert.DoesNotContain(Password, scope.ConfigText, StringComparison.Ordinal);

        var back = await scope.Store.GetAsync("https://127.0.0.1:5000/");
        Assert.Equal(("alice", Password, "127.0.0.1:5000"), (back.UserName, back.Password, back.ServerAddress));
        Assert.Equal(new[] { "store 127.0.0.1:5000", "get 127.0.0.1:5000" }, scope.HelperCalls);
    }

    [Fact]
    public async Task A_credHelpers_entry_is_used_for_its_registry_only()
    {
        using var scope = new DockerConfigScope();
        scope.InstallHelper("dpsregtest");
        scope.WriteConfig("""{ "credHelpers": { "127.0.0.1:5000": "dpsregtest" } }""");

        Assert.Equal("docker-credential-dpsregtest", await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password)));
        Assert.Equal(scope.ConfigPath, await scope.Store.StoreAsync(new RegistryAuth("other.example", "bob", "pw")));

        Assert.NotNull(scope.HelperEntry("127.0.0.1:5000"));
        Assert.Null(scope.HelperEntry("other.example"));
        Assert.NotNull(scope.ReadConfig()["auths"]!["other.example"]!["auth"]);
        Assert.Equal("alice", (await scope.Store.GetAsync("127.0.0.1:5000")).UserName);
        Assert.Equal("bob", (await scope.Store.GetAsync("other.example")).UserName);
        Assert.Equal("docker-credential-dpsregtest", scope.Store.StorageFor("127.0.0.1:5000"));
        Assert.False(scope.Store.StoresInFile("127.0.0.1:5000"));
        Assert.True(scope.Store.StoresInFile("other.example"));
    }

    [Fact]
    public async Task An_identity_token_goes_to_the_helper_under_the_token_user_name()
    {
        using var scope = new DockerConfigScope();
        scope.InstallHelper("dpsregtest");
        scope.WriteConfig("""{ "credsStore": "dpsregtest" }""");
        await scope.Store.StoreAsync(new RegistryAuth("reg.example", "alice", null, identityToken: "idtok-1"));

        Assert.Equal("<token>", (string?)scope.HelperEntry("reg.example")!["Username"]);
        var back = await scope.Store.GetAsync("reg.example");
        Assert.Equal((null, null, "idtok-1"), (back.UserName, back.Password, back.IdentityToken));
    }

    [Fact]
    public async Task Credentials_not_found_in_native_keychain_means_none_are_stored()
    {
        using var scope = new DockerConfigScope();
        scope.InstallHelper("dpsregtest");
        scope.WriteConfig("""{ "credsStore": "dpsregtest" }""");
        Assert.True((await scope.Store.GetAsync("127.0.0.1:5000")).IsEmpty);
    }

    [Fact]
    public async Task Erase_asks_the_helper_and_removes_the_file_entry()
    {
        using var scope = new DockerConfigScope();
        scope.InstallHelper("dpsregtest");
        scope.WriteConfig("""{ "credsStore": "dpsregtest" }""");
        await scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password));

        var erased = await scope.Store.EraseAsync("127.0.0.1:5000");

        Assert.Contains("127.0.0.1:5000", erased);
        Assert.Null(scope.HelperEntry("127.0.0.1:5000"));
        Assert.False(scope.ReadConfig()["auths"]!.AsObject().ContainsKey("127.0.0.1:5000"));
        Assert.Contains("erase 127.0.0.1:5000", scope.HelperCalls);
        Assert.True((await scope.Store.GetAsync("127.0.0.1:5000")).IsEmpty);
    }

    [Fact]
    public async Task GetAll_lists_the_credsStore_then_adds_credHelpers_registries()
    {
        using var scope = new DockerConfigScope();
        scope.InstallHelper("dpsregtest");
        scope.WriteConfig("""{ "credsStore": "dpsregtest" }""");
        await scope.Store.StoreAsync(new RegistryAuth("a.example", "alice", "p1"));
        await scope.Store.StoreAsync(new RegistryAuth("b.example", "bob", "p2"));

        var all = await scope.Store.GetAllAsync();

        Assert.Equal(new[] { "a.example", "b.example" }, all.Keys.Order());
        Assert.Equal("p2", all["b.example"].Password);
        Assert.Contains("list", scope.HelperCalls);
    }

    [Fact]
    public async Task A_failing_helper_is_a_clear_error_with_its_output_but_never_the_secret()
    {
        using var scope = new DockerConfigScope();
        scope.InstallHelper("dpsregecho", TestCredentialHelper.EchoingFailure);
        scope.WriteConfig("""{ "credsStore": "dpsregecho" }""");

        var ex = await Assert.ThrowsAsync<DockerException>(() => scope.Store.StoreAsync(new RegistryAuth("127.0.0.1:5000", "alice", Password)));

        Assert.Equal("CredentialHelperFailed", ex.ErrorId);
        Assert.Contains("docker-credential-dpsregecho", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exit code 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot store", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Secret.Mask, ex.Message, StringComparison.Ordinal);
        Assert.False(scope.ReadConfigOrNull()?["auths"]?.AsObject().ContainsKey("127.0.0.1:5000") ?? false);
    }

    [Fact]
    public async Task A_helper_that_is_not_on_PATH_is_named_in_the_error()
    {
        using var scope = new DockerConfigScope();
        scope.WriteConfig("""{ "credsStore": "dpsregmissing" }""");
        var ex = await Assert.ThrowsAsync<DockerException>(() => scope.Store.GetAsync("127.0.0.1:5000"));
        Assert.Equal("CredentialHelperNotFound", ex.ErrorId);
        Assert.Contains("docker-credential-dpsregmissing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PATH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_helper_is_found_through_the_environments_PATH_not_the_process_one()
    {
        using var scope = new DockerConfigScope();
        scope.InstallHelper("dpsregtest");
        scope.WriteConfig("""{ "credsStore": "dpsregtest" }""");
        Assert.DoesNotContain(scope.BinDirectory, Environment.GetEnvironmentVariable("PATH") ?? string.Empty, StringComparison.Ordinal);
        await scope.Store.StoreAsync(new RegistryAuth("x.example", "u", "p"));
        Assert.Equal(new[] { "store x.example" }, scope.HelperCalls.ToArray());
    }
}
