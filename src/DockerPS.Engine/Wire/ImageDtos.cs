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

/// <summary>GET /images/{name}/json (the fields the client reads).</summary>
internal sealed class ImageInspectDto
{
    public string? Id { get; set; }
}
