using System.Collections.Generic;

namespace DockerPS.Engine.Wire;

internal sealed class ImageSummaryDto
{
    public string? Id { get; set; }
    public string? ParentId { get; set; }
    public List<string>? RepoTags { get; set; }
    public List<string>? RepoDigests { get; set; }
    public long Created { get; set; }
    public long Size { get; set; }
    public long SharedSize { get; set; }
    public long? VirtualSize { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public long Containers { get; set; }
}

/// <summary>GET /images/{name}/json: the image's full description (API 1.41 to 1.51; fields an engine leaves out stay null).</summary>
internal sealed class ImageInspectDto
{
    public string? Id { get; set; }
    public List<string>? RepoTags { get; set; }
    public List<string>? RepoDigests { get; set; }
    public string? Parent { get; set; }
    public string? Comment { get; set; }
    public string? Created { get; set; }
    public string? DockerVersion { get; set; }
    public string? Author { get; set; }
    public ImageConfigDto? Config { get; set; }
    public string? Architecture { get; set; }
    public string? Variant { get; set; }
    public string? Os { get; set; }
    public string? OsVersion { get; set; }
    public long Size { get; set; }
    public GraphDriverDto? GraphDriver { get; set; }
    public RootFsDto? RootFS { get; set; }
    public ImageMetadataDto? Metadata { get; set; }
}

/// <summary>The configuration an image gives its containers (the part of container.Config an image carries).</summary>
internal sealed class ImageConfigDto
{
    public string? User { get; set; }
    public Dictionary<string, EmptyDto>? ExposedPorts { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public HealthcheckDto? Healthcheck { get; set; }
    public Dictionary<string, EmptyDto>? Volumes { get; set; }
    public string? WorkingDir { get; set; }
    public List<string>? Entrypoint { get; set; }
    public List<string>? OnBuild { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string? StopSignal { get; set; }
    public int? StopTimeout { get; set; }
    public List<string>? Shell { get; set; }
}

/// <summary>Durations are nanoseconds, as Go's time.Duration.</summary>
internal sealed class HealthcheckDto
{
    public List<string>? Test { get; set; }
    public long Interval { get; set; }
    public long Timeout { get; set; }
    public long StartPeriod { get; set; }
    public long StartInterval { get; set; }
    public int Retries { get; set; }
}

internal sealed class GraphDriverDto
{
    public string? Name { get; set; }
    public Dictionary<string, string>? Data { get; set; }
}

internal sealed class RootFsDto
{
    public string? Type { get; set; }
    public List<string>? Layers { get; set; }
}

internal sealed class ImageMetadataDto
{
    public string? LastTagTime { get; set; }
}

/// <summary>One entry of GET /images/{name}/history, newest first.</summary>
internal sealed class ImageHistoryDto
{
    public string? Id { get; set; }
    public long Created { get; set; }
    public string? CreatedBy { get; set; }
    public List<string>? Tags { get; set; }
    public long Size { get; set; }
    public string? Comment { get; set; }
}

/// <summary>One entry of DELETE /images/{name} and of the prune report: a reference untagged, or an image deleted.</summary>
internal sealed class ImageDeleteItemDto
{
    public string? Untagged { get; set; }
    public string? Deleted { get; set; }
}

/// <summary>POST /images/prune.</summary>
internal sealed class ImagePruneReportDto
{
    public List<ImageDeleteItemDto>? ImagesDeleted { get; set; }
    public long SpaceReclaimed { get; set; }
}
