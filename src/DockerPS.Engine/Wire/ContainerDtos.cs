using System.Collections.Generic;

namespace DockerPS.Engine.Wire;

internal sealed class ContainerSummaryDto
{
    public string? Id { get; set; }
    public List<string>? Names { get; set; }
    public string? Image { get; set; }
    public string? ImageID { get; set; }
    public string? Command { get; set; }
    public long Created { get; set; }
    public List<PortDto>? Ports { get; set; }
    public long? SizeRw { get; set; }
    public long? SizeRootFs { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string? State { get; set; }
    public string? Status { get; set; }
    public SummaryHostConfigDto? HostConfig { get; set; }
    public SummaryNetworkSettingsDto? NetworkSettings { get; set; }
    public List<MountDto>? Mounts { get; set; }
}

internal sealed class PortDto
{
    public string? IP { get; set; }
    public int PrivatePort { get; set; }
    public int PublicPort { get; set; }
    public string? Type { get; set; }
}

internal sealed class SummaryHostConfigDto
{
    public string? NetworkMode { get; set; }
}

internal sealed class SummaryNetworkSettingsDto
{
    public Dictionary<string, EndpointSettingsDto>? Networks { get; set; }
}

internal sealed class EndpointSettingsDto
{
    public string? NetworkID { get; set; }
    public string? EndpointID { get; set; }
    public string? Gateway { get; set; }
    public string? IPAddress { get; set; }
    public int IPPrefixLen { get; set; }
    public string? MacAddress { get; set; }
    public List<string>? Aliases { get; set; }
}

internal sealed class MountDto
{
    public string? Type { get; set; }
    public string? Name { get; set; }
    public string? Source { get; set; }
    public string? Destination { get; set; }
    public string? Driver { get; set; }
    public string? Mode { get; set; }
    public bool RW { get; set; }
    public string? Propagation { get; set; }
}

/// <summary>The body of POST /containers/create: only the fields DockerPS sets so far.</summary>
internal sealed class ContainerCreateDto
{
    public string? Image { get; set; }
    public List<string>? Cmd { get; set; }
    public List<string>? Entrypoint { get; set; }
    public List<string>? Env { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public bool Tty { get; set; }
    public bool OpenStdin { get; set; }
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public string? WorkingDir { get; set; }
    public string? User { get; set; }
    public string? Hostname { get; set; }
    public bool StdinOnce { get; set; }
    public Dictionary<string, EmptyDto>? ExposedPorts { get; set; }
    public Dictionary<string, EmptyDto>? Volumes { get; set; }
    public CreateHostConfigDto? HostConfig { get; set; }
}

internal sealed class CreateHostConfigDto
{
    /// <summary>[height, width].</summary>
    public List<int>? ConsoleSize { get; set; }
    public bool AutoRemove { get; set; }
    public string? NetworkMode { get; set; }
    public List<string>? Binds { get; set; }
    public Dictionary<string, List<PortBindingDto>?>? PortBindings { get; set; }
    public bool PublishAllPorts { get; set; }
    public List<MountCreateDto>? Mounts { get; set; }
    public long? Memory { get; set; }
    public long? NanoCpus { get; set; }
    public long? CpuShares { get; set; }
    public RestartPolicyDto? RestartPolicy { get; set; }
}

internal sealed class MountCreateDto
{
    public string? Type { get; set; }
    public string? Source { get; set; }
    public string? Target { get; set; }
    public bool ReadOnly { get; set; }
    public string? Consistency { get; set; }
    public BindOptionsDto? BindOptions { get; set; }
    public VolumeOptionsDto? VolumeOptions { get; set; }
    public ImageOptionsDto? ImageOptions { get; set; }
    public TmpfsOptionsDto? TmpfsOptions { get; set; }
}

internal sealed class ImageOptionsDto
{
    public string? Subpath { get; set; }
}

internal sealed class BindOptionsDto
{
    public string? Propagation { get; set; }
    public bool NonRecursive { get; set; }
    public bool ReadOnlyNonRecursive { get; set; }
    public bool ReadOnlyForceRecursive { get; set; }
    public bool? CreateMountpoint { get; set; }
}

internal sealed class VolumeOptionsDto
{
    public bool NoCopy { get; set; }
    public string? Subpath { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public DriverConfigDto? DriverConfig { get; set; }
}

internal sealed class DriverConfigDto
{
    public string? Name { get; set; }
    public Dictionary<string, string>? Options { get; set; }
}

internal sealed class TmpfsOptionsDto
{
    public long? SizeBytes { get; set; }
    public int? Mode { get; set; }
}

internal sealed class ContainerCreateResponseDto
{
    public string? Id { get; set; }
    public List<string>? Warnings { get; set; }
}

internal sealed class ExecCreateDto
{
    public List<string>? Cmd { get; set; }
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public bool Tty { get; set; }
    public List<string>? Env { get; set; }
    public string? User { get; set; }
    public string? WorkingDir { get; set; }
    public bool Privileged { get; set; }
    public string? DetachKeys { get; set; }

    /// <summary>[height, width].</summary>
    public List<int>? ConsoleSize { get; set; }
}

internal sealed class IdResponseDto
{
    public string? Id { get; set; }
}

internal sealed class ExecStartDto
{
    public bool Detach { get; set; }
    public bool Tty { get; set; }

    /// <summary>[height, width].</summary>
    public List<int>? ConsoleSize { get; set; }
}

internal sealed class ExecInspectDto
{
    public string? ID { get; set; }
    public bool Running { get; set; }
    public long? ExitCode { get; set; }
}
