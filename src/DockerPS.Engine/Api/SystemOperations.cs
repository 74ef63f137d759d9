using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Http;
using DockerPS.Engine.Model;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Api;

/// <summary>Engine-wide calls: ping, version, info.</summary>
public sealed class SystemOperations
{
    private readonly DockerClient _client;

    internal SystemOperations(DockerClient client) => _client = client;

    /// <summary>GET /_ping (unversioned): reachability and the engine's newest API version.</summary>
    public async Task<DockerPing> PingAsync(CancellationToken cancellationToken = default)
    {
        var request = new DockerRequest("GET", "/_ping") { Versioned = false };
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await DockerClient.ReadTextAsync(response.Body, 1024, cancellationToken).ConfigureAwait(false);
        var version = ApiVersion.TryParse(response.Header("Api-Version"), out var v) ? v : ApiVersion.Fallback;
        return new DockerPing(version, response.Header("Ostype"), response.Header("Docker-Experimental") == "true", response.Header("Builder-Version"));
    }

    public async Task<DockerVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var dto = await _client.GetJsonAsync(new DockerRequest("GET", "/version"), WireJsonContext.Default.VersionResponse, cancellationToken).ConfigureAwait(false);
        var negotiated = await _client.GetApiVersionAsync(cancellationToken).ConfigureAwait(false);
        return new DockerVersion(dto, negotiated, _client.Endpoint.Uri);
    }

    public async Task<DockerInfo> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        var dto = await _client.GetJsonAsync(new DockerRequest("GET", "/info"), WireJsonContext.Default.InfoResponse, cancellationToken).ConfigureAwait(false);
        return new DockerInfo(dto, _client.Endpoint.Uri);
    }
}
