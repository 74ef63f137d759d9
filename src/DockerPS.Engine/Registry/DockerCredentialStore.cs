using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Registry;

/// <summary>
/// docker's credential store, read and written exactly as the docker CLI does, so that <c>docker login</c> and
/// DockerPS see the same credentials: <c>$DOCKER_CONFIG/config.json</c> (default <c>~/.docker/config.json</c>) holds
/// them in <c>auths</c>, unless a helper is configured for the registry (<c>credHelpers</c>) or for all
/// (<c>credsStore</c>), which then keeps them (the file keeps an empty entry). <c>DOCKER_AUTH_CONFIG</c>, when set,
/// supplies credentials that win over the stored ones (docker 28.1+). The file is read again for each operation, so
/// a <c>docker login</c> in another window is seen at once.
/// </summary>
public sealed class DockerCredentialStore
{
    /// <summary>docker's variable of credentials given in the environment.</summary>
    public const string AuthConfigVariable = "DOCKER_AUTH_CONFIG";

    private readonly IDockerEnvironment _env;

    public DockerCredentialStore(IDockerEnvironment? environment = null) => _env = environment ?? ProcessDockerEnvironment.Instance;

    /// <summary>The store of the process's environment (DOCKER_CONFIG, the home folder, PATH for helpers).</summary>
    public static DockerCredentialStore FromEnvironment() => new(ProcessDockerEnvironment.Instance);

    /// <summary>The configuration file the store reads and writes.</summary>
    public string ConfigFile => new ContextStore(_env).ConfigFile;

    /// <summary>Where credentials for <paramref name="registry"/> are kept: the helper program, or the configuration file.</summary>
    public string StorageFor(string? registry)
    {
        var key = RegistryAddress.KeyOf(registry);
        var helper = HelperFor(CliConfigFile.Load(ConfigFile), key);
        return helper?.Program ?? ConfigFile;
    }

    /// <summary>True when <paramref name="registry"/>'s credentials would be written to the configuration file in plain base64.</summary>
    public bool StoresInFile(string? registry) => HelperFor(CliConfigFile.Load(ConfigFile), RegistryAddress.KeyOf(registry)) is null;

    /// <summary>
    /// The credentials for a registry (a name as <c>docker login</c> takes it: <c>reg:5000</c>, <c>https://reg:5000/</c>,
    /// empty or <c>docker.io</c> for Docker Hub). Never null: <see cref="RegistryAuth.IsEmpty"/> when none are stored.
    /// </summary>
    public async Task<RegistryAuth> GetAsync(string? registry, CancellationToken cancellationToken = default)
    {
        var key = RegistryAddress.KeyOf(registry);
        if (FromEnvironmentVariable() is { } env && env.TryGetValue(key, out var given)) return given;
        var file = CliConfigFile.Load(ConfigFile);
        return await GetStoredAsync(file, key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The credentials for the registry an image reference points to.</summary>
    public Task<RegistryAuth> GetForImageAsync(ImageName image, CancellationToken cancellationToken = default)
    {
        if (image is null) throw new ArgumentNullException(nameof(image));
        return GetAsync(image.AuthKey, cancellationToken);
    }

    private async Task<RegistryAuth> GetStoredAsync(CliConfigFile file, string key, CancellationToken cancellationToken)
    {
        var helper = HelperFor(file, key);
        if (helper is null) return file.FindAuth(key)?.WithServerAddress(key) ?? new RegistryAuth(key, null, null);
        var stored = await helper.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return stored?.WithServerAddress(key) ?? new RegistryAuth(key, null, null);
    }

    /// <summary>
    /// Stores credentials under their registry's key (as <c>docker login</c> does after the engine accepted them): in the
    /// helper configured for the registry, else in the configuration file. An identity token replaces the password.
    /// Returns where they went (the helper program or the file).
    /// </summary>
    public async Task<string> StoreAsync(RegistryAuth auth, CancellationToken cancellationToken = default)
    {
        if (auth is null) throw new ArgumentNullException(nameof(auth));
        var key = RegistryAddress.KeyOf(auth.ServerAddress);
        auth = auth.WithServerAddress(key);
        var file = CliConfigFile.Load(ConfigFile);
        var helper = HelperFor(file, key);
        if (helper is null)
        {
            if (file.SetAuth(key, auth)) file.Save();
            return file.Path;
        }
        await helper.StoreAsync(auth, cancellationToken).ConfigureAwait(false);
        // docker's nativeStore keeps an entry without secrets in the file.
        if (file.SetAuth(key, new RegistryAuth(key, null, null))) file.Save();
        return helper.Program;
    }

    /// <summary>
    /// Removes a registry's credentials, as <c>docker logout</c>: under its key, and for a registry other than Docker Hub
    /// also under the legacy forms <c>http://host</c> and <c>https://host</c>, from the helper and from the file.
    /// Returns the keys erased. Fails only when every erase failed (docker warns then).
    /// </summary>
    public async Task<IReadOnlyList<string>> EraseAsync(string? registry, CancellationToken cancellationToken = default)
    {
        var key = RegistryAddress.KeyOf(registry);
        var keys = new List<string> { key };
        if (key != RegistryAddress.DockerHubKey)
        {
            if (!string.IsNullOrWhiteSpace(registry) && registry!.Trim() != key) keys.Add(registry.Trim());
            keys.Add("http://" + key);
            keys.Add("https://" + key);
        }

        var file = CliConfigFile.Load(ConfigFile);
        var erased = new List<string>();
        var changed = false;
        DockerException? firstError = null;
        foreach (var k in keys)
        {
            try
            {
                var helper = HelperFor(file, k);
                if (helper is not null) await helper.EraseAsync(k, cancellationToken).ConfigureAwait(false);
                var removed = file.RemoveAuth(k);
                changed |= removed;
                if (helper is not null || removed) erased.Add(k);
            }
            catch (DockerException ex)
            {
                firstError ??= ex;
            }
        }
        if (changed) file.Save();
        if (erased.Count == 0 && firstError is not null) throw firstError;
        return erased;
    }

    /// <summary>
    /// Every stored credential, keyed by registry, as docker's GetAllCredentials: the default store's (the
    /// <c>credsStore</c> helper's list, else the file's <c>auths</c>), then each <c>credHelpers</c> registry's from its
    /// helper, then <c>DOCKER_AUTH_CONFIG</c>'s over them.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, RegistryAuth>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var file = CliConfigFile.Load(ConfigFile);
        var all = new Dictionary<string, RegistryAuth>(StringComparer.Ordinal);
        if (file.CredentialsStore is { } storeName)
        {
            var helper = new CredentialHelper(storeName, _env);
            foreach (var pair in await helper.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                var auth = await helper.GetAsync(pair.Key, cancellationToken).ConfigureAwait(false);
                if (auth is not null) all[pair.Key] = auth.WithServerAddress(pair.Key);
            }
        }
        else
        {
            foreach (var pair in file.AllAuths()) all[pair.Key] = pair.Value;
        }
        var env = FromEnvironmentVariable();
        if (env is not null)
            foreach (var pair in env) all[pair.Key] = pair.Value;
        foreach (var registry in file.CredentialHelpers.Keys)
        {
            if (env is not null && env.TryGetValue(registry, out var given))
            {
                all[registry] = given;
                continue;
            }
            try
            {
                all[registry] = await GetStoredAsync(file, registry, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerException)
            {
                // docker logs a warning and goes on with the other registries.
            }
        }
        return all;
    }

    /// <summary>
    /// The <c>X-Registry-Auth</c> header value for an image's registry: base64url (RFC 4648 §5) of the JSON AuthConfig,
    /// <c>e30=</c> (<c>{}</c>) when nothing is stored, as the docker CLI sends it for pull and push.
    /// </summary>
    public async Task<string> GetAuthHeaderAsync(ImageName image, CancellationToken cancellationToken = default) =>
        EncodeAuthHeader(await GetForImageAsync(image, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The <c>X-Registry-Config</c> header value for POST /build: base64url of the JSON map registry → AuthConfig of
    /// every stored credential, so the builder can pull private base images. Like <c>docker build</c>, a store that
    /// cannot be read gives an empty map (<c>e30=</c>) rather than failing the build.
    /// </summary>
    public async Task<string> GetRegistryConfigHeaderAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<string, RegistryAuth> all;
        try
        {
            all = await GetAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DockerException)
        {
            all = new Dictionary<string, RegistryAuth>();
        }
        return EncodeRegistryConfig(all);
    }

    /// <summary>base64url of the JSON AuthConfig (what X-Registry-Auth carries).</summary>
    public static string EncodeAuthHeader(RegistryAuth auth)
    {
        if (auth is null) throw new ArgumentNullException(nameof(auth));
        var json = auth.IsEmpty
            ? Encoding.UTF8.GetBytes("{}")
            : JsonSerializer.SerializeToUtf8Bytes(auth.ToDto(), RegistryJsonContext.Default.AuthConfigDto);
        return Base64Url(json);
    }

    /// <summary>base64url of the JSON map registry → AuthConfig (what X-Registry-Config carries).</summary>
    public static string EncodeRegistryConfig(IReadOnlyDictionary<string, RegistryAuth> auths)
    {
        if (auths is null) throw new ArgumentNullException(nameof(auths));
        var map = new Dictionary<string, AuthConfigDto>(StringComparer.Ordinal);
        foreach (var pair in auths) map[pair.Key] = pair.Value.ToDto();
        return Base64Url(JsonSerializer.SerializeToUtf8Bytes(map, RegistryJsonContext.Default.DictionaryStringAuthConfigDto));
    }

    /// <summary>RFC 4648 §5 with padding, as Go's base64.URLEncoding.</summary>
    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

    private CredentialHelper? HelperFor(CliConfigFile file, string key)
    {
        if (key.Length > 0 && file.CredentialHelpers.TryGetValue(key, out var name)) return new CredentialHelper(name, _env);
        return file.CredentialsStore is { } store ? new CredentialHelper(store, _env) : null;
    }

    /// <summary>DOCKER_AUTH_CONFIG's <c>{"auths":{"host":{"auth":"base64(user:pat)"}}}</c>, or null when it is not set.</summary>
    private Dictionary<string, RegistryAuth>? FromEnvironmentVariable()
    {
        var text = _env.GetVariable(AuthConfigVariable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        static DockerException Invalid(string why) =>
            new DockerArgumentException($"{AuthConfigVariable} is not valid: {why}. It takes {{\"auths\":{{\"registry\":{{\"auth\":\"<base64 of user:token>\"}}}}}}.", "InvalidDockerAuthConfig", AuthConfigVariable);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text!);
        }
        catch (JsonException ex)
        {
            throw Invalid($"it is not JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid("it is not a JSON object");
            var result = new Dictionary<string, RegistryAuth>(StringComparer.Ordinal);
            foreach (var top in root.EnumerateObject())
            {
                if (top.Name != "auths") throw Invalid($"it has the field '{top.Name}'; only 'auths' is allowed");
                if (top.Value.ValueKind != JsonValueKind.Object) throw Invalid("'auths' is not an object");
                foreach (var entry in top.Value.EnumerateObject())
                {
                    string? encoded = null;
                    if (entry.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var field in entry.Value.EnumerateObject())
                        {
                            if (field.Name != "auth") throw Invalid($"the entry for '{entry.Name}' has the field '{field.Name}'; only 'auth' is allowed");
                            if (field.Value.ValueKind == JsonValueKind.String) encoded = field.Value.GetString();
                        }
                    }
                    if (string.IsNullOrEmpty(encoded)) throw Invalid($"the entry for '{entry.Name}' has no 'auth'");
                    string decoded;
                    try
                    {
                        decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded!));
                    }
                    catch (FormatException)
                    {
                        throw Invalid($"the 'auth' of '{entry.Name}' is not base64");
                    }
                    var colon = decoded.IndexOf(':');
                    if (colon <= 0) throw Invalid($"the 'auth' of '{entry.Name}' is not user:password");
                    result[entry.Name] = new RegistryAuth(entry.Name, decoded.Substring(0, colon), decoded.Substring(colon + 1).Trim('\0'));
                }
            }
            return result;
        }
    }
}
