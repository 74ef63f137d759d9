using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace DockerPS.Engine.Wire;

internal sealed class ErrorResponse
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

internal sealed class VersionResponse
{
    public VersionPlatform? Platform { get; set; }
    public List<VersionComponent>? Components { get; set; }
    public string? Version { get; set; }
    public string? ApiVersion { get; set; }
    public string? MinAPIVersion { get; set; }
    public string? GitCommit { get; set; }
    public string? GoVersion { get; set; }
    public string? Os { get; set; }
    public string? Arch { get; set; }
    public string? KernelVersion { get; set; }
    public bool Experimental { get; set; }
    public string? BuildTime { get; set; }
}

internal sealed class VersionPlatform
{
    public string? Name { get; set; }
}

internal sealed class VersionComponent
{
    public string? Name { get; set; }
    public string? Version { get; set; }
}

internal sealed class InfoResponse
{
    public string? ID { get; set; }
    public int Containers { get; set; }
    public int ContainersRunning { get; set; }
    public int ContainersPaused { get; set; }
    public int ContainersStopped { get; set; }
    public int Images { get; set; }
    public string? Driver { get; set; }
    public string? DockerRootDir { get; set; }
    public string? Name { get; set; }
    public string? ServerVersion { get; set; }
    public string? OperatingSystem { get; set; }
    public string? OSType { get; set; }
    public string? OSVersion { get; set; }
    public string? Architecture { get; set; }
    public string? KernelVersion { get; set; }
    public int NCPU { get; set; }
    public long MemTotal { get; set; }
    public string? CgroupDriver { get; set; }
    public string? CgroupVersion { get; set; }
    public string? LoggingDriver { get; set; }
    public string? DefaultRuntime { get; set; }
    public string? IndexServerAddress { get; set; }
    public string? HttpProxy { get; set; }
    public string? HttpsProxy { get; set; }
    public string? NoProxy { get; set; }
    public bool Debug { get; set; }
    public bool ExperimentalBuild { get; set; }
    public bool LiveRestoreEnabled { get; set; }
    public List<string>? Labels { get; set; }
    public List<string>? SecurityOptions { get; set; }
    public List<string>? Warnings { get; set; }
    public Dictionary<string, InfoRuntime>? Runtimes { get; set; }
}

internal sealed class InfoRuntime
{
    [JsonPropertyName("path")]
    public string? Path { get; set; }
}

internal sealed class JsonMessageDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }
    [JsonPropertyName("status")]
    public string? Status { get; set; }
    [JsonPropertyName("progress")]
    public string? Progress { get; set; }
    [JsonPropertyName("progressDetail")]
    public ProgressDetailDto? ProgressDetail { get; set; }
    [JsonPropertyName("stream")]
    public string? Stream { get; set; }
    [JsonPropertyName("error")]
    public string? Error { get; set; }
    [JsonPropertyName("errorDetail")]
    public ErrorDetailDto? ErrorDetail { get; set; }
    [JsonPropertyName("aux")]
    public System.Text.Json.JsonElement? Aux { get; set; }
}

internal sealed class ProgressDetailDto
{
    [JsonPropertyName("current")]
    public long Current { get; set; }
    [JsonPropertyName("total")]
    public long Total { get; set; }
}

internal sealed class ErrorDetailDto
{
    [JsonPropertyName("code")]
    public int Code { get; set; }
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
