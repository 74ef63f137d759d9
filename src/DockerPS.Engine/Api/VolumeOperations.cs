using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Http;
using DockerPS.Engine.Model;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Api;

/// <summary>Volume calls: list, create, inspect, remove.</summary>
public sealed class VolumeOperations
{
    private readonly DockerClient _client;

    internal VolumeOperations(DockerClient client) => _client = client;

    private static DockerRequest On(string method, string name) =>
        new(method, "/volumes/" + Uri.EscapeDataString(name)) { ResourceKind = "Volume", Target = name };

    /// <summary>GET /volumes, with engine filters (name, label, dangling, driver).</summary>
    public async Task<IReadOnlyList<DockerVolume>> ListAsync(DockerFilters? filters = null, CancellationToken cancellationToken = default)
    {
        var request = new DockerRequest("GET", "/volumes") { ResourceKind = "Volume" };
        if (filters is { IsEmpty: false }) request.Query("filters", filters.ToJson());
        var list = await _client.GetJsonAsync(request, WireJsonContext.Default.VolumeListDto, cancellationToken).ConfigureAwait(false);
        return (list.Volumes ?? new List<VolumeDto>())
            .Select(v => new DockerVolume(v, _client.Endpoint.Uri))
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>POST /volumes/create. Creating a volume that exists with the same driver returns it (as docker does).</summary>
    public async Task<DockerVolume> CreateAsync(string? name, string? driver = null, IDictionary<string, string>? labels = null, IDictionary<string, string>? driverOptions = null, CancellationToken cancellationToken = default)
    {
        var body = new VolumeCreateDto
        {
            Name = name,
            Driver = driver,
            Labels = labels is null ? null : new Dictionary<string, string>(labels),
            DriverOpts = driverOptions is null ? null : new Dictionary<string, string>(driverOptions),
        };
        var request = new DockerRequest("POST", "/volumes/create")
        {
            ResourceKind = "Volume",
            Target = name,
            Body = DockerClient.Json(body, WireJsonContext.Default.VolumeCreateDto),
        };
        var dto = await _client.GetJsonAsync(request, WireJsonContext.Default.VolumeDto, cancellationToken).ConfigureAwait(false);
        return new DockerVolume(dto, _client.Endpoint.Uri);
    }

    public async Task<DockerVolume> InspectAsync(string name, CancellationToken cancellationToken = default)
    {
        var dto = await _client.GetJsonAsync(On("GET", name), WireJsonContext.Default.VolumeDto, cancellationToken).ConfigureAwait(false);
        return new DockerVolume(dto, _client.Endpoint.Uri);
    }

    /// <summary>DELETE /volumes/{name}: refused (409) while a container uses it, unless forced.</summary>
    public Task RemoveAsync(string name, bool force = false, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(On("DELETE", name).Query("force", force), cancellationToken);
}
