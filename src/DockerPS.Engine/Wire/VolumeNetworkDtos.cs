using System.Collections.Generic;

namespace DockerPS.Engine.Wire;

internal sealed class VolumeDto
{
    public string? Name { get; set; }
    public string? Driver { get; set; }
    public string? Mountpoint { get; set; }
    public string? CreatedAt { get; set; }
    public string? Scope { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, string>? Options { get; set; }
    public VolumeUsageDto? UsageData { get; set; }
}

internal sealed class VolumeUsageDto
{
    public long Size { get; set; }
    public long RefCount { get; set; }
}

internal sealed class VolumeListDto
{
    public List<VolumeDto>? Volumes { get; set; }
    public List<string>? Warnings { get; set; }
}

internal sealed class VolumeCreateDto
{
    public string? Name { get; set; }
    public string? Driver { get; set; }
    public Dictionary<string, string>? DriverOpts { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class NetworkDto
{
    public string? Name { get; set; }
    public string? Id { get; set; }
    public string? Created { get; set; }
    public string? Scope { get; set; }
    public string? Driver { get; set; }
    public bool EnableIPv6 { get; set; }
    public IpamDto? IPAM { get; set; }
    public bool Internal { get; set; }
    public bool Attachable { get; set; }
    public bool Ingress { get; set; }
    public Dictionary<string, NetworkContainerDto>? Containers { get; set; }
    public Dictionary<string, string>? Options { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class IpamDto
{
    public string? Driver { get; set; }
    public List<IpamConfigDto>? Config { get; set; }
    public Dictionary<string, string>? Options { get; set; }
}

internal sealed class IpamConfigDto
{
    public string? Subnet { get; set; }
    public string? IPRange { get; set; }
    public string? Gateway { get; set; }
}

internal sealed class NetworkContainerDto
{
    public string? Name { get; set; }
    public string? EndpointID { get; set; }
    public string? MacAddress { get; set; }
    public string? IPv4Address { get; set; }
    public string? IPv6Address { get; set; }
}

internal sealed class NetworkCreateDto
{
    public string? Name { get; set; }
    public bool CheckDuplicate { get; set; }
    public string? Driver { get; set; }
    public bool Internal { get; set; }
    public bool Attachable { get; set; }
    public bool EnableIPv6 { get; set; }
    public IpamDto? IPAM { get; set; }
    public Dictionary<string, string>? Options { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class NetworkConnectDto
{
    public string? Container { get; set; }
    public NetworkEndpointConfigDto? EndpointConfig { get; set; }
    public bool Force { get; set; }
}

internal sealed class NetworkEndpointConfigDto
{
    public List<string>? Aliases { get; set; }
    public EndpointIpamConfigDto? IPAMConfig { get; set; }
}

internal sealed class EndpointIpamConfigDto
{
    public string? IPv4Address { get; set; }
    public string? IPv6Address { get; set; }
}
