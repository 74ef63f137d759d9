using System.Text.Json.Serialization;

namespace DockerPS.Engine.Wire;

/// <summary>The X-Docker-Container-Path-Stat header of /containers/{id}/archive: base64 of this JSON. Mode is a Go os.FileMode.</summary>
internal sealed class ContainerPathStatDto
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("size")]
    public long Size { get; set; }

    [JsonPropertyName("mode")]
    public uint Mode { get; set; }

    [JsonPropertyName("mtime")]
    public string? Mtime { get; set; }

    [JsonPropertyName("linkTarget")]
    public string? LinkTarget { get; set; }
}
