using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace DockerPS.Engine.Wire;

internal sealed class DockerConfigFile
{
    [JsonPropertyName("currentContext")]
    public string? CurrentContext { get; set; }

    [JsonPropertyName("detachKeys")]
    public string? DetachKeys { get; set; }
}

internal sealed class ContextMetadata
{
    public string? Name { get; set; }

    public Dictionary<string, ContextEndpoint>? Endpoints { get; set; }
}

internal sealed class ContextEndpoint
{
    public string? Host { get; set; }

    [JsonPropertyName("SkipTLSVerify")]
    public bool SkipTlsVerify { get; set; }
}
