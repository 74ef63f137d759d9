using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Model;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Api;

public sealed class ContainerListOptions
{
    /// <summary>Also stopped containers (<c>docker ps -a</c>).</summary>
    public bool All { get; set; }

    /// <summary>Also compute sizes (slow on large containers).</summary>
    public bool Size { get; set; }

    /// <summary>Only the newest N containers (running or not); 0 for no limit.</summary>
    public int Limit { get; set; }

    public DockerFilters Filters { get; } = new();
}

/// <summary>The few creation settings DockerPS uses so far; the full set comes with New-DockerContainer.</summary>
public sealed class ContainerCreateOptions
{
    public ContainerCreateOptions(string image) => Image = image;

    public string Image { get; }

    public string? Name { get; set; }

    public IList<string>? Command { get; set; }

    public IList<string>? Entrypoint { get; set; }

    public IDictionary<string, string>? Labels { get; set; }

    public IList<string>? Environment { get; set; }

    public bool Tty { get; set; }

    public bool OpenStdin { get; set; }

    public bool AutoRemove { get; set; }

    public string? NetworkMode { get; set; }
}

/// <summary>Container calls.</summary>
public sealed class ContainerOperations
{
    private readonly DockerClient _client;

    internal ContainerOperations(DockerClient client) => _client = client;

    /// <summary>The state names the engine accepts in a <c>status</c> filter.</summary>
    public static readonly IReadOnlyList<string> States = new[] { "created", "restarting", "running", "removing", "paused", "exited", "dead" };

    /// <summary>GET /containers/json, newest first.</summary>
    public async Task<IReadOnlyList<DockerContainer>> ListAsync(ContainerListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ContainerListOptions();
        var request = new DockerRequest("GET", "/containers/json") { ResourceKind = "Container" }
            .Query("all", options.All)
            .Query("size", options.Size)
            .Query("limit", options.Limit > 0 ? options.Limit : null);
        if (!options.Filters.IsEmpty) request.Query("filters", options.Filters.ToJson());
        var list = await _client.GetJsonAsync(request, WireJsonContext.Default.ListContainerSummaryDto, cancellationToken).ConfigureAwait(false);
        var engine = _client.Endpoint.Uri;
        return list.Select(dto => new DockerContainer(dto, engine)).ToArray();
    }

    /// <summary>POST /containers/create; returns the new container's id.</summary>
    public async Task<string> CreateAsync(ContainerCreateOptions options, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        var body = new ContainerCreateDto
        {
            Image = options.Image,
            Cmd = options.Command?.ToList(),
            Entrypoint = options.Entrypoint?.ToList(),
            Env = options.Environment?.ToList(),
            Labels = options.Labels is null ? null : new Dictionary<string, string>(options.Labels),
            Tty = options.Tty,
            OpenStdin = options.OpenStdin,
            AttachStdin = options.OpenStdin,
            AttachStdout = true,
            AttachStderr = true,
            HostConfig = new CreateHostConfigDto { AutoRemove = options.AutoRemove, NetworkMode = options.NetworkMode },
        };
        var request = new DockerRequest("POST", "/containers/create")
        {
            ResourceKind = "Container",
            Target = options.Name ?? options.Image,
            Body = DockerClient.Json(body, WireJsonContext.Default.ContainerCreateDto),
        }.Query("name", options.Name);
        var created = await _client.GetJsonAsync(request, WireJsonContext.Default.ContainerCreateResponseDto, cancellationToken).ConfigureAwait(false);
        return created.Id ?? throw new DockerProtocolException("The engine created a container but did not say its id.");
    }

    /// <summary>POST /containers/{id}/start. Starting a running container is not an error (304).</summary>
    public Task StartAsync(string id, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(new DockerRequest("POST", "/containers/" + Uri.EscapeDataString(id) + "/start") { ResourceKind = "Container", Target = id }, cancellationToken);

    /// <summary>POST /containers/{id}/stop. Stopping a stopped container is not an error (304).</summary>
    public Task StopAsync(string id, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(new DockerRequest("POST", "/containers/" + Uri.EscapeDataString(id) + "/stop") { ResourceKind = "Container", Target = id, Streaming = true }
            .Query("t", timeoutSeconds), cancellationToken);

    /// <summary>DELETE /containers/{id}.</summary>
    public Task RemoveAsync(string id, bool force = false, bool volumes = false, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(new DockerRequest("DELETE", "/containers/" + Uri.EscapeDataString(id)) { ResourceKind = "Container", Target = id }
            .Query("force", force).Query("v", volumes), cancellationToken);

    /// <summary>POST /containers/{id}/wait: waits (without limit) until the container stops; returns its exit code.</summary>
    public async Task<long> WaitAsync(string id, CancellationToken cancellationToken = default)
    {
        var request = new DockerRequest("POST", "/containers/" + Uri.EscapeDataString(id) + "/wait") { ResourceKind = "Container", Target = id, Streaming = true };
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var result = await DockerClient.ReadJsonAsync(response, WireJsonContext.Default.ContainerWaitResponseDto, cancellationToken).ConfigureAwait(false);
        return result.StatusCode;
    }
}
