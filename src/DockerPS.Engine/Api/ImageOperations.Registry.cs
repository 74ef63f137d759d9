using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Model;
using DockerPS.Engine.Registry;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Api;

/// <summary>What a pull does beyond the reference (docker pull's flags).</summary>
public sealed class ImagePullOptions
{
    /// <summary>Every tag of the repository (docker pull --all-tags); the reference then names no tag or digest.</summary>
    public bool AllTags { get; set; }

    /// <summary><c>os[/arch[/variant]]</c>, for a multi-platform image (docker pull --platform; API 1.32).</summary>
    public string? Platform { get; set; }

    /// <summary>Where credentials come from; null means the process's docker configuration (as the docker CLI).</summary>
    public DockerCredentialStore? Credentials { get; set; }

    /// <summary>Credentials to send instead of the stored ones.</summary>
    public RegistryAuth? Auth { get; set; }

    /// <summary>Receives each progress message as it arrives (synchronously, on the reading thread).</summary>
    public IProgress<JsonMessage>? Progress { get; set; }
}

/// <summary>What a push does beyond the reference (docker push's flags).</summary>
public sealed class ImagePushOptions
{
    /// <summary>Every local tag of the repository (docker push --all-tags); the reference then names no tag.</summary>
    public bool AllTags { get; set; }

    /// <summary><c>os/arch[/variant]</c>: push only that platform's manifest of a multi-platform image (API 1.46).</summary>
    public string? Platform { get; set; }

    /// <summary>Where credentials come from; null means the process's docker configuration (as the docker CLI).</summary>
    public DockerCredentialStore? Credentials { get; set; }

    /// <summary>Credentials to send instead of the stored ones.</summary>
    public RegistryAuth? Auth { get; set; }

    /// <summary>Receives each progress message as it arrives (synchronously, on the reading thread).</summary>
    public IProgress<JsonMessage>? Progress { get; set; }
}

/// <summary>Registry calls: login, pull, push.</summary>
public sealed partial class ImageOperations
{
    /// <summary>The API version that added <c>platform</c> to POST /images/create.</summary>
    public static readonly ApiVersion PullPlatformApi = new(1, 32);

    /// <summary>The API version that added <c>platform</c> to POST /images/{name}/push.</summary>
    public static readonly ApiVersion PushPlatformApi = new(1, 46);

    /// <summary>
    /// docker login: POST /auth has the engine check the credentials against the registry; once accepted they are
    /// stored (the identity token instead of the password when the registry gave one) in <paramref name="store"/>.
    /// A refusal is a <see cref="RegistryAuthenticationException"/> (RegistryLoginFailed) and stores nothing.
    /// </summary>
    public async Task<DockerRegistryLogin> LoginAsync(RegistryAuth credentials, DockerCredentialStore? store = null, CancellationToken cancellationToken = default)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        store ??= DockerCredentialStore.FromEnvironment();
        var key = RegistryAddress.KeyOf(credentials.ServerAddress);
        credentials = credentials.WithServerAddress(key);
        if (credentials.UserName is null && credentials.IdentityToken is null)
            throw new DockerArgumentException($"Logging in to {key} needs a user name.", "RegistryUserNameMissing", key);
        if (credentials.Password is null && credentials.IdentityToken is null)
            throw new DockerArgumentException($"Logging in to {key} as {credentials.UserName} needs a password or access token.", "RegistryPasswordMissing", key);

        var request = new DockerRequest("POST", "/auth")
        {
            ResourceKind = "Registry",
            Target = key,
            Body = DockerClient.Json(credentials.ToDto(), RegistryJsonContext.Default.AuthConfigDto),
        };
        AuthResponseDto response;
        try
        {
            response = await _client.GetJsonAsync(request, RegistryJsonContext.Default.AuthResponseDto, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerException ex)
        {
            throw RegistryErrors.ForLogin(ex, key, credentials);
        }

        var token = string.IsNullOrEmpty(response.IdentityToken) ? null : response.IdentityToken;
        var toStore = token is null ? credentials : new RegistryAuth(key, credentials.UserName, null, token);
        var storage = await store.StoreAsync(toStore, cancellationToken).ConfigureAwait(false);
        return new DockerRegistryLogin(key, credentials.UserName, string.IsNullOrEmpty(response.Status) ? "Login Succeeded" : response.Status!, token is not null, storage);
    }

    /// <summary>docker logout: erases the registry's stored credentials (no engine call). Returns the keys erased.</summary>
    public static Task<IReadOnlyList<string>> LogoutAsync(string? registry, DockerCredentialStore? store = null, CancellationToken cancellationToken = default) =>
        (store ?? DockerCredentialStore.FromEnvironment()).EraseAsync(registry, cancellationToken);

    /// <summary>
    /// docker pull: POST /images/create with the stored credentials of the reference's registry in X-Registry-Auth.
    /// A reference without tag or digest means <c>:latest</c> (unless <see cref="ImagePullOptions.AllTags"/>). Every
    /// progress message goes to <see cref="ImagePullOptions.Progress"/> as it arrives; an error inside the stream is
    /// thrown (<see cref="DockerStreamException"/>, or <see cref="RegistryAuthenticationException"/> when the registry
    /// wants credentials). Returns the pulled image (one per tag with AllTags), as <c>docker images</c> rows.
    /// Invoke-DockerRun calls this to pull an image it does not have.
    /// </summary>
    public async Task<IReadOnlyList<DockerImage>> PullAsync(string reference, ImagePullOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (reference is null) throw new ArgumentNullException(nameof(reference));
        options ??= new ImagePullOptions();
        var name = ImageName.Parse(reference);
        if (options.AllTags && (name.Tag is not null || name.Digest is not null))
            throw new DockerArgumentException($"'{reference}' names a tag or digest; -AllTags pulls every tag of a repository, so give the repository alone.", "AllTagsWithTag", reference);
        if (!options.AllTags) name = name.WithDefaultTag();
        string? platform = null;
        if (options.Platform is not null)
        {
            platform = PlatformText.Normalize(options.Platform);
            await _client.RequireApiVersionAsync("-Platform", PullPlatformApi, cancellationToken).ConfigureAwait(false);
        }

        var auth = options.Auth ?? await (options.Credentials ?? DockerCredentialStore.FromEnvironment()).GetForImageAsync(name, cancellationToken).ConfigureAwait(false);
        var request = new DockerRequest("POST", "/images/create") { ResourceKind = "Image", Target = reference, Streaming = true }
            .Query("fromImage", name.FullRepository)
            .Query("tag", options.AllTags ? null : name.TagOrDigest)
            .Query("platform", platform)
            .Header("X-Registry-Auth", DockerCredentialStore.EncodeAuthHeader(auth));

        await TransferAsync(request, name, auth, reference, options.Progress, null, cancellationToken).ConfigureAwait(false);

        if (options.AllTags)
        {
            var all = new ImageListOptions();
            all.Filters.Add("reference", name.Repository);
            var rows = await ListAsync(all, cancellationToken).ConfigureAwait(false);
            return rows.Where(r => r.Repository == name.Repository).ToList();
        }
        return new[] { await FindPulledAsync(name, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>
    /// docker push: POST /images/{name}/push with the stored credentials of the reference's registry. A reference
    /// without a tag means <c>:latest</c> (unless <see cref="ImagePushOptions.AllTags"/>); a digest cannot be pushed.
    /// Progress and errors as <see cref="PullAsync"/>. Returns the pushed image (one per tag), whose
    /// <see cref="DockerImage.Digest"/> is the manifest digest the registry now has (the push stream's aux message).
    /// </summary>
    public async Task<IReadOnlyList<DockerImage>> PushAsync(string reference, ImagePushOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (reference is null) throw new ArgumentNullException(nameof(reference));
        options ??= new ImagePushOptions();
        var name = ImageName.Parse(reference);
        if (name.Digest is not null)
            throw new DockerArgumentException($"'{reference}' names a digest; a push sends a tag (repository:tag).", "PushDigestReference", reference);
        if (options.AllTags && name.Tag is not null)
            throw new DockerArgumentException($"'{reference}' names a tag; -AllTags pushes every tag of a repository, so give the repository alone.", "AllTagsWithTag", reference);
        if (!options.AllTags) name = name.WithDefaultTag();
        string? platform = null;
        if (options.Platform is not null)
        {
            platform = PlatformText.ToPushJson(options.Platform);
            await _client.RequireApiVersionAsync("-Platform", PushPlatformApi, cancellationToken).ConfigureAwait(false);
        }

        var auth = options.Auth ?? await (options.Credentials ?? DockerCredentialStore.FromEnvironment()).GetForImageAsync(name, cancellationToken).ConfigureAwait(false);
        // The path keeps the repository's '/' (the engine routes /images/{name:.*}/push); an engine before 20.10's fix
        // wants a body, so "{}" is sent as the docker CLI does.
        var request = ImageRequest("POST", name.FullRepository, "/push")
            .Query("tag", options.AllTags ? null : name.Tag)
            .Query("platform", platform)
            .Header("X-Registry-Auth", DockerCredentialStore.EncodeAuthHeader(auth));
        request.Target = reference;
        request.Streaming = true;
        request.Body = new BytesRequestBody(new byte[] { (byte)'{', (byte)'}' }, "application/json");

        var pushed = new List<PushResultDto>();
        await TransferAsync(request, name, auth, reference, options.Progress, pushed, cancellationToken).ConfigureAwait(false);

        var images = new List<DockerImage>();
        if (pushed.Count == 0)
        {
            // An engine that sent no aux message: the tag asked for is what was pushed.
            if (name.Tag is not null) images.Add(await GetAsync(name.ToString(), cancellationToken).ConfigureAwait(false));
            return images;
        }
        foreach (var result in pushed)
        {
            if (string.IsNullOrEmpty(result.Tag)) continue;
            images.Add(await GetAsync(name.Repository + ":" + result.Tag, cancellationToken).ConfigureAwait(false));
        }
        return images;
    }

    /// <summary>
    /// Sends a pull or push and reads its progress stream to the end, holding one message at a time. Errors before
    /// the stream (the engine's answer) and inside it are both thrown, as authentication failures when they are.
    /// </summary>
    private async Task TransferAsync(DockerRequest request, ImageName name, RegistryAuth auth, string target, IProgress<JsonMessage>? progress,
        List<PushResultDto>? pushed, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var reader = new JsonMessageReader(response.Body, target);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
            {
                if (pushed is not null && message.Aux is { ValueKind: JsonValueKind.Object } aux && aux.TryGetProperty("Digest", out _))
                {
                    var result = aux.Deserialize(RegistryJsonContext.Default.PushResultDto);
                    if (result is not null) pushed.Add(result);
                }
                progress?.Report(message);
            }
        }
        catch (DockerException ex)
        {
            var mapped = RegistryErrors.ForTransfer(ex, name.AuthKey, auth, target);
            if (ReferenceEquals(mapped, ex)) throw;
            throw mapped;
        }
    }

    /// <summary>The image a pull just brought, as the docker images row of the reference's repository.</summary>
    private async Task<DockerImage> FindPulledAsync(ImageName name, CancellationToken cancellationToken)
    {
        var text = name.ToString();
        if (name.Digest is null) return await GetAsync(text, cancellationToken).ConfigureAwait(false);
        // Pulled by digest: the image may be untagged; prefer a row of its repository.
        var inspect = await _client.GetJsonAsync(ImageRequest("GET", text, "/json"), Wire.WireJsonContext.Default.ImageInspectDto, cancellationToken).ConfigureAwait(false);
        var rows = await ListAsync(new ImageListOptions { All = true }, cancellationToken).ConfigureAwait(false);
        var mine = rows.Where(r => r.Id == inspect.Id).ToList();
        return mine.FirstOrDefault(r => r.Repository == name.Repository) ?? mine.FirstOrDefault()
            ?? throw new DockerNotFoundException($"No such image: {text}", "ImageNotFound", text);
    }
}
