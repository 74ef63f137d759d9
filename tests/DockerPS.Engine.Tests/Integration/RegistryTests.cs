using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Build;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Registry;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>
/// Login, push, pull and logout against both engines and the local registry with htpasswd auth
/// (tests/engine/setup.sh), each test with its own DOCKER_CONFIG and its own uniquely named repositories (dpsreg-…).
/// Images are made unique with docker import, so that removing them locally really removes their layers and the pull
/// downloads them again.
/// </summary>
[SupportedOSPlatform("linux")]
public class RegistryTests
{
    private static string Registry => TestEnvironment.Get("registry", "address");

    private static string User => TestEnvironment.Get("registry", "username");

    private static string Password => TestEnvironment.Get("registry", "password");

    private static string Base64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private sealed class Collector : IProgress<JsonMessage>
    {
        public ConcurrentQueue<JsonMessage> Messages { get; } = new();

        public void Report(JsonMessage value) => Messages.Enqueue(value);

        public IEnumerable<string> Texts => Messages.Select(m => m.ToString() + " " + m.Progress);
    }

    /// <summary>A fresh repository name on the test registry, removed locally at the end.</summary>
    private sealed class Repo : IDisposable
    {
        private readonly string _engine;
        private readonly List<string> _refs = new();

        public Repo(string engine, string stem)
        {
            _engine = engine;
            Name = $"{Registry}/dpsreg-{stem}-{engine}-{Guid.NewGuid().ToString("n")[..8]}";
        }

        public string Name { get; }

        /// <summary>Imports a one-layer image holding <paramref name="bytes"/> random bytes as Name:tag.</summary>
        public string Import(string tag, int bytes = 256 * 1024)
        {
            var reference = Name + ":" + tag;
            var tar = Path.Combine(Path.GetTempPath(), "dpsreg-" + Guid.NewGuid().ToString("n") + ".tar");
            try
            {
                using (var file = File.Create(tar))
                using (var writer = new TarWriter(file, TarEntryFormat.Pax))
                {
                    var data = new byte[bytes];
                    Random.Shared.NextBytes(data);
                    var entry = new PaxTarEntry(TarEntryType.RegularFile, "payload-" + tag + ".bin") { DataStream = new MemoryStream(data), Mode = (UnixFileMode)0x1A4 };
                    writer.WriteEntry(entry);
                }
                Cli.Run(_engine, $"import {tar} {reference}");
            }
            finally
            {
                File.Delete(tar);
            }
            _refs.Add(reference);
            return reference;
        }

        /// <summary>Removes <paramref name="reference"/> locally at the end too (an image the test makes another way).</summary>
        public void Track(string reference) => _refs.Add(reference);

        public void Tag(string source, string tag)
        {
            Cli.Run(_engine, $"tag {source} {Name}:{tag}");
            _refs.Add(Name + ":" + tag);
        }

        /// <summary>Removes the local images (their layers go with them), as the test's own docker rmi.</summary>
        public void RemoveLocal(params string[] references)
        {
            foreach (var r in references) Cli.Run(_engine, "rmi " + r);
        }

        public void Dispose()
        {
            foreach (var r in _refs) Cli.Run(_engine, "rmi -f " + r, check: false);
        }
    }

    private static void NoSecretIn(string text)
    {
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Base64(User + ":" + Password), text, StringComparison.Ordinal);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Login_with_a_good_password_stores_it_and_a_bad_one_fails_clearly_storing_nothing(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var scope = new DockerConfigScope();

        var bad = await Assert.ThrowsAsync<RegistryAuthenticationException>(() =>
            client.Images.LoginAsync(new RegistryAuth(Registry, User, Password + "-wrong"), scope.Store));
        Assert.Equal("RegistryLoginFailed", bad.ErrorId);
        Assert.Equal(DockerErrorCategory.AuthenticationError, bad.Category);
        Assert.Contains("401 Unauthorized", bad.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", bad.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password + "-wrong", bad.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(scope.ConfigPath));

        var login = await client.Images.LoginAsync(new RegistryAuth("http://" + Registry + "/", User, Password), scope.Store);
        Assert.Equal(("Login Succeeded", Registry, User, false, scope.ConfigPath), (login.Status, login.Registry, login.UserName, login.IdentityToken, login.Storage));
        Assert.Equal(Base64(User + ":" + Password), (string?)scope.ReadConfig()["auths"]![Registry]!["auth"]);
        NoSecretIn(login.ToString());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_build_from_a_private_base_image_sends_the_stored_credentials_and_fails_clearly_without(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var scope = new DockerConfigScope();
        using var repo = new Repo(engine, "buildbase");
        var reference = repo.Import("base");
        await client.Images.LoginAsync(new RegistryAuth(Registry, User, Password), scope.Store);
        await client.Images.PushAsync(reference, new ImagePushOptions { Credentials = scope.Store });
        repo.RemoveLocal(reference);

        using var context = new TempDirectory();
        context.Write("Dockerfile", $"FROM {reference}\nLABEL dockerps.test=private-base\n");
        var tag = repo.Name + ":built";
        repo.Track(tag);

        // Without credentials the engine's pull of the base image is refused: a clear error, nothing tagged.
        var refused = await Assert.ThrowsAnyAsync<DockerException>(() => client.Images.BuildAsync(context.Path, new DockerBuildOptions { Tags = { tag }, RegistryConfig = "" }));
        Assert.True(refused.Message.Contains("unauthorized", StringComparison.OrdinalIgnoreCase) || refused.Message.Contains("no basic auth", StringComparison.OrdinalIgnoreCase), refused.Message);
        Assert.False(await client.Images.ExistsAsync(tag));

        // With the store's X-Registry-Config the FROM pull authenticates.
        var header = await scope.Store.GetRegistryConfigHeaderAsync();
        var built = await client.Images.BuildAsync(context.Path, new DockerBuildOptions { Tags = { tag }, RegistryConfig = header });
        Assert.Equal(built.ImageId, (await client.Images.GetAsync(tag)).Id);
        NoSecretIn(refused.Message);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Push_remove_pull_keeps_the_digest_and_after_logout_the_pull_fails_with_an_authentication_error(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var scope = new DockerConfigScope();
        using var repo = new Repo(engine, "roundtrip");
        var reference = repo.Import("v1");
        var localId = (await client.Images.GetAsync(reference)).Id;
        await client.Images.LoginAsync(new RegistryAuth(Registry, User, Password), scope.Store);

        var pushProgress = new Collector();
        var pushed = Assert.Single(await client.Images.PushAsync(reference, new ImagePushOptions { Credentials = scope.Store, Progress = pushProgress }));
        Assert.Equal(reference, pushed.Reference);
        Assert.StartsWith("sha256:", pushed.Digest, StringComparison.Ordinal);
        Assert.Contains(pushProgress.Messages, m => m.Status == "Pushed");
        Assert.Contains(pushProgress.Messages, m => m.Status == $"v1: digest: {pushed.Digest} size: " + m.Status!.Split(' ').Last());

        repo.RemoveLocal(reference);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Images.GetAsync(localId));

        var pullProgress = new Collector();
        var pulled = Assert.Single(await client.Images.PullAsync(reference, new ImagePullOptions { Credentials = scope.Store, Progress = pullProgress }));
        Assert.Equal((reference, pushed.Digest, localId), (pulled.Reference, pulled.Digest, pulled.Id));
        Assert.Contains(pullProgress.Messages, m => m.Status == "Downloading" && m.Total > 0);
        Assert.Contains(pullProgress.Messages, m => m.Status == "Pull complete");
        Assert.Contains(pullProgress.Messages, m => m.Status == "Status: Downloaded newer image for " + reference);
        foreach (var text in pushProgress.Texts.Concat(pullProgress.Texts)) NoSecretIn(text);

        var erased = await ImageOperations.LogoutAsync(Registry, scope.Store);
        Assert.Contains(Registry, erased);
        Assert.False(scope.ReadConfig()["auths"]!.AsObject().ContainsKey(Registry));

        repo.RemoveLocal(reference);
        var ex = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => client.Images.PullAsync(reference, new ImagePullOptions { Credentials = scope.Store }));
        Assert.Equal("RegistryAuthenticationRequired", ex.ErrorId);
        Assert.Equal(DockerErrorCategory.AuthenticationError, ex.Category);
        Assert.Equal(Registry, ex.Registry);
        Assert.Contains($"no credentials are stored for {Registry}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(reference, ex.Target);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Push_without_credentials_or_with_refused_ones_is_an_authentication_error(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var scope = new DockerConfigScope();
        using var repo = new Repo(engine, "noauth");
        var reference = repo.Import("v1", 1024);

        var none = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => client.Images.PushAsync(reference, new ImagePushOptions { Credentials = scope.Store }));
        Assert.Contains("no basic auth credentials", none.Message, StringComparison.Ordinal);

        // Credentials in the file that the registry refuses (a password changed since the login).
        await scope.Store.StoreAsync(new RegistryAuth(Registry, User, Password + "-old"));
        var refused = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => client.Images.PushAsync(reference, new ImagePushOptions { Credentials = scope.Store }));
        Assert.Contains($"the credentials stored for {Registry} (user {User}) were refused", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password + "-old", refused.ToString(), StringComparison.Ordinal);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task With_a_credsStore_helper_login_stores_into_it_and_push_and_pull_get_credentials_from_it(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var scope = new DockerConfigScope();
        scope.InstallHelper("dpsregtest");
        scope.WriteConfig("""{ "credsStore": "dpsregtest", "detachKeys": "ctrl-e,e" }""");
        using var repo = new Repo(engine, "helper");
        var reference = repo.Import("v1");

        var login = await client.Images.LoginAsync(new RegistryAuth(Registry, User, Password), scope.Store);

        Assert.Equal("docker-credential-dpsregtest", login.Storage);
        Assert.Equal(Password, (string?)scope.HelperEntry(Registry)!["Secret"]);
        NoSecretIn(scope.ConfigText);
        Assert.Equal("ctrl-e,e", (string?)scope.ReadConfig()["detachKeys"]);

        var pushed = Assert.Single(await client.Images.PushAsync(reference, new ImagePushOptions { Credentials = scope.Store }));
        repo.RemoveLocal(reference);
        var pulled = Assert.Single(await client.Images.PullAsync(reference, new ImagePullOptions { Credentials = scope.Store }));
        Assert.Equal(pushed.Digest, pulled.Digest);
        Assert.Equal(new[] { "store " + Registry, "get " + Registry, "get " + Registry }, scope.HelperCalls);

        await ImageOperations.LogoutAsync(Registry, scope.Store);
        Assert.Null(scope.HelperEntry(Registry));
        Assert.Contains("erase " + Registry, scope.HelperCalls);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_credHelpers_entry_for_the_registry_is_used_over_the_file(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var scope = new DockerConfigScope();
        scope.InstallHelper("dpsregtest");
        scope.WriteConfig($$"""{ "credHelpers": { "{{Registry}}": "dpsregtest" } }""");
        using var repo = new Repo(engine, "credhelpers");
        var reference = repo.Import("v1", 4096);

        var login = await client.Images.LoginAsync(new RegistryAuth(Registry, User, Password), scope.Store);
        Assert.Equal("docker-credential-dpsregtest", login.Storage);
        Assert.Single(await client.Images.PushAsync(reference, new ImagePushOptions { Credentials = scope.Store }));
        Assert.Equal(new[] { "store " + Registry, "get " + Registry }, scope.HelperCalls);
        NoSecretIn(scope.ConfigText);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task AllTags_pushes_and_pulls_every_tag_of_the_repository(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var scope = new DockerConfigScope();
        using var repo = new Repo(engine, "alltags");
        var v1 = repo.Import("v1", 8192);
        var v2 = repo.Import("v2", 8192);
        await client.Images.LoginAsync(new RegistryAuth(Registry, User, Password), scope.Store);

        var pushed = await client.Images.PushAsync(repo.Name, new ImagePushOptions { AllTags = true, Credentials = scope.Store });
        Assert.Equal(new[] { "v1", "v2" }, pushed.Select(i => i.Tag).Order());
        Assert.All(pushed, i => Assert.NotNull(i.Digest));

        repo.RemoveLocal(v1, v2);
        var pulled = await client.Images.PullAsync(repo.Name, new ImagePullOptions { AllTags = true, Credentials = scope.Store });
        Assert.Equal(new[] { "v1", "v2" }, pulled.Select(i => i.Tag).Order());
        Assert.Equal(pushed.OrderBy(i => i.Tag).Select(i => i.Digest), pulled.OrderBy(i => i.Tag).Select(i => i.Digest));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_pull_by_digest_returns_the_image_of_that_digest(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var scope = new DockerConfigScope();
        using var repo = new Repo(engine, "digest");
        var reference = repo.Import("v1", 2048);
        await client.Images.LoginAsync(new RegistryAuth(Registry, User, Password), scope.Store);
        var pushed = Assert.Single(await client.Images.PushAsync(reference, new ImagePushOptions { Credentials = scope.Store }));
        repo.RemoveLocal(reference);

        var byDigest = repo.Name + "@" + pushed.Digest;
        var pulled = Assert.Single(await client.Images.PullAsync(byDigest, new ImagePullOptions { Credentials = scope.Store }));
        Assert.Equal(pushed.Id, pulled.Id);
        Assert.Equal(repo.Name, pulled.Repository);
        Assert.Contains(byDigest, pulled.RepoDigests);
        Cli.Run(engine, "rmi " + byDigest, check: false);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Push_with_a_platform_needs_API_1_46_and_says_so_before_sending(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var scope = new DockerConfigScope();
        using var repo = new Repo(engine, "platform");
        var reference = repo.Import("v1", 1024);
        await client.Images.LoginAsync(new RegistryAuth(Registry, User, Password), scope.Store);
        var options = new ImagePushOptions { Credentials = scope.Store, Platform = "linux/amd64" };
        if (TestEnvironment.Engine(engine).ApiVersion < ImageOperations.PushPlatformApi)
        {
            var ex = await Assert.ThrowsAsync<DockerApiVersionException>(() => client.Images.PushAsync(reference, options));
            Assert.Contains("-Platform requires Engine API 1.46", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotNull(Assert.Single(await client.Images.PushAsync(reference, options)).Digest);
        }
    }
}
