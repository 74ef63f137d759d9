using System;
using System.Collections.Generic;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Model;

/// <summary>A volume (<c>docker volume ls</c> / <c>inspect</c>).</summary>
public sealed class DockerVolume
{
    internal DockerVolume(VolumeDto dto, string engine)
    {
        Name = dto.Name ?? string.Empty;
        Driver = dto.Driver ?? string.Empty;
        Mountpoint = dto.Mountpoint ?? string.Empty;
        Created = Time.FromRfc3339(dto.CreatedAt);
        Scope = dto.Scope ?? string.Empty;
        Labels = Readonly.Of(dto.Labels);
        Options = Readonly.Of(dto.Options);
        Engine = engine;
    }

    public string Name { get; }
    public string Driver { get; }

    /// <summary>Where the volume's data is on the engine's host.</summary>
    public string Mountpoint { get; }
    public DateTime? Created { get; }
    public string Scope { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public IReadOnlyDictionary<string, string> Options { get; }
    public string Engine { get; }

    public override string ToString() => Name;
}

/// <summary>A network (<c>docker network ls</c> / <c>inspect</c>).</summary>
public sealed class DockerNetwork
{
    internal DockerNetwork(NetworkDto dto, string engine)
    {
        Id = dto.Id ?? string.Empty;
        Name = dto.Name ?? string.Empty;
        Driver = dto.Driver ?? string.Empty;
        Scope = dto.Scope ?? string.Empty;
        Created = Time.FromRfc3339(dto.Created);
        Internal = dto.Internal;
        Attachable = dto.Attachable;
        EnableIPv6 = dto.EnableIPv6;
        var subnets = new List<string>();
        var gateways = new List<string>();
        foreach (var c in dto.IPAM?.Config ?? new List<IpamConfigDto>())
        {
            if (!string.IsNullOrEmpty(c.Subnet)) subnets.Add(c.Subnet!);
            if (!string.IsNullOrEmpty(c.Gateway)) gateways.Add(c.Gateway!);
        }
        Subnets = subnets;
        Gateways = gateways;
        var containers = new List<string>();
        foreach (var c in dto.Containers ?? new Dictionary<string, NetworkContainerDto>()) containers.Add(c.Value.Name ?? c.Key);
        containers.Sort(StringComparer.Ordinal);
        Containers = containers;
        Labels = Readonly.Of(dto.Labels);
        Options = Readonly.Of(dto.Options);
        Engine = engine;
    }

    public string Id { get; }
    public string ShortId => Id.Length > 12 ? Id.Substring(0, 12) : Id;
    public string Name { get; }
    public string Driver { get; }
    public string Scope { get; }
    public DateTime? Created { get; }
    public bool Internal { get; }
    public bool Attachable { get; }
    public bool EnableIPv6 { get; }
    public IReadOnlyList<string> Subnets { get; }
    public IReadOnlyList<string> Gateways { get; }

    /// <summary>Names of the containers attached (filled by inspect, not by list).</summary>
    public IReadOnlyList<string> Containers { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public IReadOnlyDictionary<string, string> Options { get; }
    public string Engine { get; }

    public override string ToString() => Name;
}
