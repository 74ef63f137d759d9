using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Model;
using DockerPS.Engine.Streams;
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

/// <summary>What a new container is made of: already parsed and checked (the parsers are in DockerPS.Engine.Arguments).</summary>
public sealed class ContainerCreateOptions
{
    public ContainerCreateOptions(string image) => Image = image;

    public string Image { get; }

    public string? Name { get; set; }

    public IList<string>? Command { get; set; }

    public IList<string>? Entrypoint { get; set; }

    public IDictionary<string, string>? Labels { get; set; }

    /// <summary>KEY=VALUE entries.</summary>
    public IList<string>? Environment { get; set; }

    public bool Tty { get; set; }

    /// <summary>Keep stdin open (docker run -i).</summary>
    public bool OpenStdin { get; set; }

    /// <summary>Close stdin after the first attach ends (docker run -i sets it).</summary>
    public bool StdinOnce { get; set; }

    public bool AutoRemove { get; set; }

    public string? NetworkMode { get; set; }

    public string? Hostname { get; set; }

    public string? WorkingDirectory { get; set; }

    public string? User { get; set; }

    /// <summary>Container ports to expose, as <c>80/tcp</c>.</summary>
    public ICollection<string>? ExposedPorts { get; set; }

    /// <summary>Published ports: <c>80/tcp</c> to its host bindings (see <see cref="PortPublication.ToPortBindings"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PublishedPortBinding>>? PortBindings { get; set; }

    public bool PublishAllPorts { get; set; }

    /// <summary>Short-form volumes, as the engine takes them: <c>/host:/ctr:ro</c>, <c>name:/ctr</c>.</summary>
    public IList<string>? Binds { get; set; }

    /// <summary>Anonymous volumes: container paths.</summary>
    public IList<string>? Volumes { get; set; }

    public IList<MountSpecification>? Mounts { get; set; }

    /// <summary>Memory limit in bytes.</summary>
    public long? Memory { get; set; }

    /// <summary>CPU limit in billionths of a CPU.</summary>
    public long? NanoCpus { get; set; }

    public long? CpuShares { get; set; }

    /// <summary>no, always, unless-stopped or on-failure.</summary>
    public string? RestartPolicy { get; set; }

    public int RestartMaximumRetryCount { get; set; }

    /// <summary>The TTY's size from the start (API 1.42 and newer; older engines get it by a resize after the start).</summary>
    public Sessions.TerminalSize? ConsoleSize { get; set; }
}

/// <summary>Limits and policy that can change on a running container (docker update).</summary>
public sealed class ContainerUpdateOptions
{
    public long? Memory { get; set; }

    public long? MemorySwap { get; set; }

    public long? MemoryReservation { get; set; }

    public long? NanoCpus { get; set; }

    public long? CpuShares { get; set; }

    public string? RestartPolicy { get; set; }

    public int RestartMaximumRetryCount { get; set; }
}

/// <summary>What <c>docker wait --condition</c> waits for.</summary>
public enum WaitCondition
{
    NotRunning,
    NextExit,
    Removed,
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
    public Task<string> CreateAsync(ContainerCreateOptions options, CancellationToken cancellationToken = default) =>
        CreateAsync(options, null, cancellationToken);

    /// <summary>POST /containers/create; the engine's warnings (published ports ignored in host mode...) go to <paramref name="onWarning"/>.</summary>
    public async Task<string> CreateAsync(ContainerCreateOptions options, Action<string>? onWarning, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        foreach (var (feature, minimum, used) in MountFeatures)
        {
            if (options.Mounts?.Any(used) == true) await _client.RequireApiVersionAsync(feature, minimum, cancellationToken).ConfigureAwait(false);
        }
        var body = new ContainerCreateDto
        {
            Image = options.Image,
            Cmd = options.Command?.ToList(),
            Entrypoint = options.Entrypoint?.ToList(),
            Env = options.Environment?.ToList(),
            Labels = options.Labels is null ? null : new Dictionary<string, string>(options.Labels),
            Tty = options.Tty,
            OpenStdin = options.OpenStdin,
            StdinOnce = options.StdinOnce,
            AttachStdin = options.OpenStdin,
            AttachStdout = true,
            AttachStderr = true,
            Hostname = options.Hostname,
            WorkingDir = options.WorkingDirectory,
            User = options.User,
            ExposedPorts = options.ExposedPorts?.Distinct(StringComparer.Ordinal).ToDictionary(p => p, _ => new EmptyDto(), StringComparer.Ordinal),
            Volumes = options.Volumes?.Distinct(StringComparer.Ordinal).ToDictionary(p => p, _ => new EmptyDto(), StringComparer.Ordinal),
            HostConfig = new CreateHostConfigDto
            {
                AutoRemove = options.AutoRemove,
                NetworkMode = options.NetworkMode,
                Binds = options.Binds?.ToList(),
                PortBindings = options.PortBindings?.ToDictionary(
                    kv => kv.Key,
                    kv => (List<PortBindingDto>?)kv.Value.Select(b => new PortBindingDto { HostIp = b.HostIp, HostPort = b.HostPort }).ToList(),
                    StringComparer.Ordinal),
                PublishAllPorts = options.PublishAllPorts,
                Mounts = options.Mounts?.Select(ToDto).ToList(),
                Memory = options.Memory,
                NanoCpus = options.NanoCpus,
                CpuShares = options.CpuShares,
                RestartPolicy = options.RestartPolicy is null ? null : new RestartPolicyDto { Name = options.RestartPolicy, MaximumRetryCount = options.RestartMaximumRetryCount },
            },
        };
        if (options.ConsoleSize is { } size && await _client.GetApiVersionAsync(cancellationToken).ConfigureAwait(false) >= ConsoleSizeApi)
            body.HostConfig.ConsoleSize = new List<int> { size.Height, size.Width };
        var request = new DockerRequest("POST", "/containers/create")
        {
            ResourceKind = "Container",
            Target = options.Name ?? options.Image,
            Body = DockerClient.Json(body, WireJsonContext.Default.ContainerCreateDto),
        }.Query("name", options.Name);
        var created = await _client.GetJsonAsync(request, WireJsonContext.Default.ContainerCreateResponseDto, cancellationToken).ConfigureAwait(false);
        if (onWarning is not null)
        {
            foreach (var warning in created.Warnings ?? new List<string>())
            {
                if (!string.IsNullOrWhiteSpace(warning)) onWarning(warning);
            }
        }
        return created.Id ?? throw new DockerProtocolException("The engine created a container but did not say its id.");
    }

    /// <summary>POST /containers/{id}/start. Starting a running container is not an error (304).</summary>
    public Task StartAsync(string id, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(On("POST", id, "/start"), cancellationToken);

    /// <summary>POST /containers/{id}/stop. Stopping a stopped container is not an error (304).</summary>
    public Task StopAsync(string id, int? timeoutSeconds = null, CancellationToken cancellationToken = default)
    {
        // Stopping waits for the container's grace period: no client timeout applies.
        var request = On("POST", id, "/stop").Query("t", timeoutSeconds);
        request.Streaming = true;
        return _client.SendAndDrainAsync(request, cancellationToken);
    }

    /// <summary>DELETE /containers/{id}.</summary>
    public Task RemoveAsync(string id, bool force = false, bool volumes = false, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(On("DELETE", id, string.Empty).Query("force", force).Query("v", volumes), cancellationToken);

    /// <summary>The API version from which create and exec take a TTY's initial size (ConsoleSize); docker leaves it out before.</summary>
    internal static readonly ApiVersion ConsoleSizeApi = new(1, 42);

    /// <summary>Mount options newer than some engines: an old engine ignores what it does not know, so they are refused.</summary>
    private static readonly (string Feature, ApiVersion Minimum, Func<MountSpecification, bool> Used)[] MountFeatures =
    {
        ("-Mount bind-create-src", new ApiVersion(1, 44), m => m.BindCreateSource is not null),
        ("-Mount bind-recursive=writable", new ApiVersion(1, 44), m => m.BindReadOnlyNonRecursive),
        ("-Mount bind-recursive=readonly", new ApiVersion(1, 44), m => m.BindReadOnlyForceRecursive),
        ("-Mount volume-subpath", new ApiVersion(1, 45), m => m.VolumeSubpath is not null),
        ("-Mount type=image", new ApiVersion(1, 47), m => m.Type == "image"),
    };

    private static MountCreateDto ToDto(MountSpecification m) => new()
    {
        Type = m.Type,
        Source = m.Source,
        Target = m.Target,
        ReadOnly = m.ReadOnly,
        Consistency = m.Consistency,
        BindOptions = !m.HasBindOptions ? null : new BindOptionsDto
        {
            Propagation = m.BindPropagation,
            NonRecursive = m.BindNonRecursive,
            ReadOnlyNonRecursive = m.BindReadOnlyNonRecursive,
            ReadOnlyForceRecursive = m.BindReadOnlyForceRecursive,
            CreateMountpoint = m.BindCreateSource,
        },
        VolumeOptions = !m.HasVolumeOptions ? null : new VolumeOptionsDto
        {
            NoCopy = m.VolumeNoCopy ?? false,
            Subpath = m.VolumeSubpath,
            Labels = m.VolumeLabels.Count == 0 ? null : m.VolumeLabels.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            DriverConfig = m.VolumeDriver is null && m.VolumeDriverOptions.Count == 0 ? null : new DriverConfigDto
            {
                Name = m.VolumeDriver,
                Options = m.VolumeDriverOptions.Count == 0 ? null : m.VolumeDriverOptions.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            },
        },
        ImageOptions = m.ImageSubpath is null ? null : new ImageOptionsDto { Subpath = m.ImageSubpath },
        TmpfsOptions = m.TmpfsSizeBytes is null && m.TmpfsMode is null ? null : new TmpfsOptionsDto { SizeBytes = m.TmpfsSizeBytes, Mode = m.TmpfsMode },
    };

    private static DockerRequest On(string method, string id, string action) =>
        new(method, "/containers/" + Uri.EscapeDataString(id) + action) { ResourceKind = "Container", Target = id };

    /// <summary>
    /// POST /containers/{id}/attach with a connection upgrade: the container's output (multiplexed unless it has a TTY)
    /// and, with <paramref name="stdin"/>, its input. Attach before starting to miss nothing.
    /// </summary>
    public Task<HijackedStream> AttachAsync(string id, bool stdin, CancellationToken cancellationToken = default) =>
        AttachAsync(id, stdin, null, cancellationToken);

    /// <summary>
    /// As <see cref="AttachAsync(string, bool, CancellationToken)"/>, telling the engine the detach sequence
    /// (<c>detachKeys</c>, docker's syntax; the engine watches stdin for it when the container has a TTY).
    /// </summary>
    public async Task<HijackedStream> AttachAsync(string id, bool stdin, string? detachKeys, CancellationToken cancellationToken = default)
    {
        var request = On("POST", id, "/attach").Query("stream", true).Query("stdout", true).Query("stderr", true).Query("stdin", stdin).Query("detachKeys", detachKeys);
        request.Upgrade = true;
        var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            return response.Hijack();
        }
    }

    /// <summary>POST /containers/{id}/resize: the size of the container's TTY, in columns and rows.</summary>
    public Task ResizeAsync(string id, int width, int height, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(On("POST", id, "/resize").Query("h", (long)height).Query("w", (long)width), cancellationToken);

    /// <summary>
    /// GET /containers/{id}/logs: calls <paramref name="onLine"/> for each line as it arrives (one line held at most), the
    /// container's TTY setting deciding between the multiplexed and the raw format. With Follow it reads until the
    /// container stops or the token is cancelled.
    /// </summary>
    public async Task ReadLogsAsync(string id, LogOptions options, Action<DockerLogLine> onLine, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (onLine is null) throw new ArgumentNullException(nameof(onLine));
        var details = await InspectAsync(id, cancellationToken).ConfigureAwait(false);
        var request = On("GET", details.Id, "/logs")
            .Query("stdout", options.Stdout).Query("stderr", options.Stderr)
            .Query("follow", options.Follow).Query("timestamps", options.Timestamps)
            .Query("tail", options.Tail?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Query("since", UnixTime(options.Since)).Query("until", UnixTime(options.Until));
        request.Target = id;
        request.Streaming = true;
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var name = details.Name;
        await ContainerRunner.PumpAsync(response.Body, details.Config.Tty, line =>
        {
            DateTime? at = null;
            var text = line.Text;
            if (options.Timestamps)
            {
                var space = text.IndexOf(' ');
                at = Model.Time.FromRfc3339(space > 0 ? text.Substring(0, space) : text);
                if (at is not null) text = space > 0 ? text.Substring(space + 1) : string.Empty;
            }
            onLine(new DockerLogLine(name, line.Stream, at, text));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string? UnixTime(DateTime? time) => time is null
        ? null
        // Unspecified times are taken as local, as PowerShell's Get-Date gives them.
        : (time.Value.ToUniversalTime() - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc))
            .TotalSeconds.ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// GET /containers/{id}/stats: one sample (the engine measures over about a second so CPU % has a base), or with
    /// <paramref name="stream"/> a sample every second until cancelled or the container stops.
    /// </summary>
    public async Task ReadStatsAsync(string id, bool stream, Action<DockerContainerStats> onSample, CancellationToken cancellationToken = default)
    {
        if (onSample is null) throw new ArgumentNullException(nameof(onSample));
        var request = On("GET", id, "/stats").Query("stream", stream, onlyWhenTrue: false);
        request.Streaming = true;
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var reader = new JsonObjectReader<StatsDto>(response.Body, WireJsonContext.Default.StatsDto);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } sample)
        {
            // A stopped container's stream goes on with empty samples (no read time) until it is removed: it ends here.
            var stats = new DockerContainerStats(sample, id);
            if (stream && stats.Read is null) break;
            onSample(stats);
            if (!stream) break;
        }
    }

    /// <summary>GET /containers/{id}/json: the full description.</summary>
    public async Task<DockerContainerDetails> InspectAsync(string id, CancellationToken cancellationToken = default)
    {
        var dto = await _client.GetJsonAsync(On("GET", id, "/json"), WireJsonContext.Default.ContainerInspectDto, cancellationToken).ConfigureAwait(false);
        return new DockerContainerDetails(dto, _client.Endpoint.Uri);
    }

    /// <summary>POST /containers/{id}/kill with a signal (KILL when null).</summary>
    public Task KillAsync(string id, string? signal = null, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(On("POST", id, "/kill").Query("signal", signal), cancellationToken);

    /// <summary>POST /containers/{id}/restart: stops (waiting up to the timeout) and starts again.</summary>
    public Task RestartAsync(string id, int? timeoutSeconds = null, CancellationToken cancellationToken = default)
    {
        var request = On("POST", id, "/restart").Query("t", timeoutSeconds);
        request.Streaming = true;
        return _client.SendAndDrainAsync(request, cancellationToken);
    }

    public Task PauseAsync(string id, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(On("POST", id, "/pause"), cancellationToken);

    public Task UnpauseAsync(string id, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(On("POST", id, "/unpause"), cancellationToken);

    /// <summary>POST /containers/{id}/rename.</summary>
    public Task RenameAsync(string id, string newName, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(On("POST", id, "/rename").Query("name", newName), cancellationToken);

    /// <summary>POST /containers/{id}/update: returns the engine's warnings.</summary>
    public async Task<IReadOnlyList<string>> UpdateAsync(string id, ContainerUpdateOptions options, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        var body = new ContainerUpdateDto
        {
            Memory = options.Memory,
            MemorySwap = options.MemorySwap,
            MemoryReservation = options.MemoryReservation,
            NanoCpus = options.NanoCpus,
            CpuShares = options.CpuShares,
            RestartPolicy = options.RestartPolicy is null ? null : new RestartPolicyDto { Name = options.RestartPolicy, MaximumRetryCount = options.RestartMaximumRetryCount },
        };
        var request = On("POST", id, "/update");
        request.Body = DockerClient.Json(body, WireJsonContext.Default.ContainerUpdateDto);
        var result = await _client.GetJsonAsync(request, WireJsonContext.Default.WarningsDto, cancellationToken).ConfigureAwait(false);
        return result.Warnings?.ToArray() ?? Array.Empty<string>();
    }

    /// <summary>GET /containers/{id}/changes (docker diff): the paths added, changed or deleted against the image.</summary>
    public async Task<IReadOnlyList<DockerContainerChange>> GetChangesAsync(string id, CancellationToken cancellationToken = default)
    {
        var list = await _client.GetJsonAsync(On("GET", id, "/changes"), WireJsonContext.Default.ListContainerChangeDto, cancellationToken).ConfigureAwait(false);
        return (list ?? new List<ContainerChangeDto>()).Select(c => new DockerContainerChange(c.Path ?? string.Empty, (DockerChangeKind)c.Kind, id)).ToArray();
    }

    /// <summary>GET /containers/{id}/top (docker top): the processes, with ps's columns.</summary>
    public async Task<IReadOnlyList<DockerContainerProcess>> GetProcessesAsync(string id, string? psArguments = null, CancellationToken cancellationToken = default)
    {
        var dto = await _client.GetJsonAsync(On("GET", id, "/top").Query("ps_args", psArguments), WireJsonContext.Default.ContainerTopDto, cancellationToken).ConfigureAwait(false);
        return DockerContainerProcess.From(id, dto);
    }

    /// <summary>
    /// POST /containers/{id}/wait: waits (without limit) until the condition is met; returns the exit code.
    /// A wait the engine could not complete (its Error field) is an error.
    /// </summary>
    public async Task<long> WaitAsync(string id, WaitCondition condition = WaitCondition.NotRunning, CancellationToken cancellationToken = default) =>
        await (await BeginWaitAsync(id, condition, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>
    /// Registers a wait and returns once the engine has (its response head has arrived); the task it returns completes
    /// with the exit code. Register before starting a container that removes itself, or its end can be missed.
    /// </summary>
    public async Task<Task<long>> BeginWaitAsync(string id, WaitCondition condition = WaitCondition.NotRunning, CancellationToken cancellationToken = default)
    {
        var request = On("POST", id, "/wait");
        request.Streaming = true;
        if (condition != WaitCondition.NotRunning)
            request.Query("condition", condition == WaitCondition.NextExit ? "next-exit" : "removed");
        var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ReadWaitAsync(response, id, cancellationToken);
    }

    private static async Task<long> ReadWaitAsync(DockerResponse response, string id, CancellationToken cancellationToken)
    {
        using (response)
        {
            var result = await DockerClient.ReadJsonAsync(response, WireJsonContext.Default.ContainerWaitDto, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(result.Error?.Message))
                throw new DockerException($"Waiting for container '{id}' failed: {result.Error!.Message}", "ContainerWaitFailed", DockerErrorCategory.InvalidOperation, id);
            return result.StatusCode;
        }
    }
}
