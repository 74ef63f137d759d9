using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Http;
using DockerPS.Engine.Model;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Api;

public sealed class ImageListOptions
{
    /// <summary>Also the untagged intermediate images (<c>docker images -a</c>).</summary>
    public bool All { get; set; }

    /// <summary>Compute the bytes each image shares with others (API 1.42).</summary>
    public bool SharedSize { get; set; }

    public DockerFilters Filters { get; } = new();
}

/// <summary>Image calls. Split by theme over ImageOperations.*.cs files.</summary>
public sealed partial class ImageOperations
{
    private readonly DockerClient _client;

    internal ImageOperations(DockerClient client) => _client = client;

    /// <summary>The API version that added <c>shared-size</c> to GET /images/json.</summary>
    public static readonly ApiVersion SharedSizeApi = new(1, 42);

    /// <summary>GET /images/json: one <see cref="DockerImage"/> per repository:tag (one for an untagged image), newest first.</summary>
    public async Task<IReadOnlyList<DockerImage>> ListAsync(ImageListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ImageListOptions();
        if (options.SharedSize) await _client.RequireApiVersionAsync("-SharedSize", SharedSizeApi, cancellationToken).ConfigureAwait(false);
        var request = new DockerRequest("GET", "/images/json") { ResourceKind = "Image" }
            .Query("all", options.All)
            .Query("shared-size", options.SharedSize);
        if (!options.Filters.IsEmpty) request.Query("filters", options.Filters.ToJson());
        var list = await _client.GetJsonAsync(request, WireJsonContext.Default.ListImageSummaryDto, cancellationToken).ConfigureAwait(false);
        var engine = _client.Endpoint.Uri;
        var rows = new List<DockerImage>(list.Count);
        foreach (var dto in list)
        {
            var tags = dto.RepoTags?.Where(t => t != "<none>:<none>").ToList();
            if (tags is null || tags.Count == 0) rows.Add(new DockerImage(dto, null, engine));
            else rows.AddRange(tags.Select(t => new DockerImage(dto, t, engine)));
        }
        return rows;
    }

    /// <summary>
    /// The image a reference, id or id prefix names, as the <c>docker images</c> row for that reference (the first row of
    /// the image when it was named by id or digest). Throws <see cref="Errors.DockerNotFoundException"/> (ImageNotFound).
    /// </summary>
    public async Task<DockerImage> GetAsync(string reference, CancellationToken cancellationToken = default)
    {
        var inspect = await _client.GetJsonAsync(ImageRequest("GET", reference, "/json"), WireJsonContext.Default.ImageInspectDto, cancellationToken).ConfigureAwait(false);
        var id = inspect.Id ?? string.Empty;
        var all = new ImageListOptions { All = true };
        var rows = await ListAsync(all, cancellationToken).ConfigureAwait(false);
        DockerImage? first = null;
        foreach (var row in rows)
        {
            if (row.Id != id) continue;
            first ??= row;
            if (row.Reference is not null && (row.Reference == reference || row.Reference == reference + ":latest")) return row;
        }
        // Not listed (removed in between): an image not found, as the engine would say.
        return first ?? throw new Errors.DockerNotFoundException($"No such image: {reference}", "ImageNotFound", reference);
    }

    /// <summary>Whether the engine has the image a reference, id or id prefix names (docker run's "is it local?").</summary>
    public async Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.GetJsonAsync(ImageRequest("GET", reference, "/json"), WireJsonContext.Default.ImageInspectDto, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Errors.DockerNotFoundException)
        {
            return false;
        }
    }

    /// <summary>A request about one image: names keep their '/' (the engine routes /images/{name:.*}/...).</summary>
    internal static DockerRequest ImageRequest(string method, string name, string action) =>
        new(method, "/images/" + EscapeName(name) + action) { ResourceKind = "Image", Target = name };

    internal static string EscapeName(string name) => string.Join("/", name.Split('/').Select(Uri.EscapeDataString));
}
