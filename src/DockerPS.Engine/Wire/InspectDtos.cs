using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace DockerPS.Engine.Wire;

internal sealed class ContainerInspectDto
{
    public string? Id { get; set; }
    public string? Created { get; set; }
    public string? Path { get; set; }
    public List<string>? Args { get; set; }
    public ContainerStateDto? State { get; set; }
    public string? Image { get; set; }
    public string? Name { get; set; }
    public int RestartCount { get; set; }
    public string? Driver { get; set; }
    public string? Platform { get; set; }
    public string? LogPath { get; set; }
    public InspectHostConfigDto? HostConfig { get; set; }
    public InspectConfigDto? Config { get; set; }
    public List<MountDto>? Mounts { get; set; }
    public InspectNetworkSettingsDto? NetworkSettings { get; set; }
}

internal sealed class ContainerStateDto
{
    public string? Status { get; set; }
    public bool Running { get; set; }
    public bool Paused { get; set; }
    public bool Restarting { get; set; }
    public bool OOMKilled { get; set; }
    public bool Dead { get; set; }
    public int Pid { get; set; }
    public int ExitCode { get; set; }
    public string? Error { get; set; }
    public string? StartedAt { get; set; }
    public string? FinishedAt { get; set; }
    public HealthDto? Health { get; set; }
}

internal sealed class HealthDto
{
    public string? Status { get; set; }
    public int FailingStreak { get; set; }
}

internal sealed class InspectConfigDto
{
    public string? Hostname { get; set; }
    public string? Domainname { get; set; }
    public string? User { get; set; }
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public Dictionary<string, EmptyDto>? ExposedPorts { get; set; }
    public bool Tty { get; set; }
    public bool OpenStdin { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public string? Image { get; set; }
    public string? WorkingDir { get; set; }
    public List<string>? Entrypoint { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string? StopSignal { get; set; }
}

internal sealed class EmptyDto
{
}

internal sealed class RestartPolicyDto
{
    public string? Name { get; set; }
    public int MaximumRetryCount { get; set; }
}

internal sealed class PortBindingDto
{
    public string? HostIp { get; set; }
    public string? HostPort { get; set; }
}

internal sealed class InspectHostConfigDto
{
    public List<string>? Binds { get; set; }
    public string? NetworkMode { get; set; }
    public Dictionary<string, List<PortBindingDto>?>? PortBindings { get; set; }
    public RestartPolicyDto? RestartPolicy { get; set; }
    public bool AutoRemove { get; set; }
    public bool Privileged { get; set; }
    public bool PublishAllPorts { get; set; }
    public bool ReadonlyRootfs { get; set; }
    public long Memory { get; set; }
    public long MemorySwap { get; set; }
    public long MemoryReservation { get; set; }
    public long NanoCpus { get; set; }
    public long CpuShares { get; set; }
    public long CpuQuota { get; set; }
    public long CpuPeriod { get; set; }
    public string? CpusetCpus { get; set; }
    public long? PidsLimit { get; set; }
}

internal sealed class InspectNetworkSettingsDto
{
    public Dictionary<string, List<PortBindingDto>?>? Ports { get; set; }
    public Dictionary<string, EndpointSettingsDto>? Networks { get; set; }
    public string? IPAddress { get; set; }
    public string? Gateway { get; set; }
    public string? MacAddress { get; set; }
}

internal sealed class ContainerChangeDto
{
    public string? Path { get; set; }
    public int Kind { get; set; }
}

internal sealed class ContainerTopDto
{
    public List<string>? Titles { get; set; }
    public List<List<string>>? Processes { get; set; }
}

internal sealed class ContainerUpdateDto
{
    public long? Memory { get; set; }
    public long? MemorySwap { get; set; }
    public long? MemoryReservation { get; set; }
    public long? NanoCpus { get; set; }
    public long? CpuShares { get; set; }
    public RestartPolicyDto? RestartPolicy { get; set; }
}

internal sealed class WarningsDto
{
    public List<string>? Warnings { get; set; }
}

internal sealed class WaitErrorDto
{
    public string? Message { get; set; }
}

internal sealed class ContainerWaitDto
{
    public long StatusCode { get; set; }
    public WaitErrorDto? Error { get; set; }
}
