using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Model;

/// <summary>A container as <c>docker ps</c> lists it.</summary>
public sealed class DockerContainer
{
    internal DockerContainer(ContainerSummaryDto dto, string engine)
    {
        Id = dto.Id ?? string.Empty;
        Names = (dto.Names ?? new List<string>()).Select(n => n.TrimStart('/')).ToArray();
        // Links add names of the form other/alias; the container's own name has no slash.
        Name = Array.Find((string[])Names, n => n.IndexOf('/') < 0) ?? (Names.Count > 0 ? Names[0] : string.Empty);
        Image = dto.Image ?? string.Empty;
        ImageId = dto.ImageID ?? string.Empty;
        Command = dto.Command ?? string.Empty;
        Created = Time.FromUnixSeconds(dto.Created);
        State = dto.State ?? string.Empty;
        Status = dto.Status ?? string.Empty;
        Ports = (dto.Ports ?? new List<PortDto>())
            .Select(p => new DockerPort(p.PrivatePort, p.Type ?? "tcp", string.IsNullOrEmpty(p.IP) ? null : p.IP, p.PublicPort == 0 ? null : p.PublicPort))
            .ToArray();
        Labels = Readonly.Of(dto.Labels);
        SizeRw = dto.SizeRw;
        SizeRootFs = dto.SizeRootFs;
        NetworkMode = dto.HostConfig?.NetworkMode;
        Networks = dto.NetworkSettings?.Networks?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>();
        IPAddresses = dto.NetworkSettings?.Networks?.Values.Select(n => n.IPAddress).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToArray() ?? Array.Empty<string>();
        Mounts = (dto.Mounts ?? new List<MountDto>())
            .Select(m => new DockerMountPoint(m.Type ?? string.Empty, m.Name, m.Source ?? string.Empty, m.Destination ?? string.Empty, m.RW))
            .ToArray();
        Engine = engine;
    }

    public string Id { get; }

    /// <summary>The first 12 characters of the id, as the docker CLI shows it.</summary>
    public string ShortId => Id.Length > 12 ? Id.Substring(0, 12) : Id;

    /// <summary>The container's name, without the leading slash.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The image as the container was created from it (a reference or an id).</summary>
    public string Image { get; }

    public string ImageId { get; }

    public string Command { get; }

    /// <summary>When the container was created, in local time.</summary>
    public DateTime Created { get; }

    /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
    public string State { get; }

    /// <summary>The engine's human status, for example <c>Up 2 hours</c> or <c>Exited (0) 5 minutes ago</c>.</summary>
    public string Status { get; }

    public IReadOnlyList<DockerPort> Ports { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Bytes in the container's writable layer (only with <c>-Size</c>).</summary>
    public long? SizeRw { get; }

    /// <summary>Bytes of the whole file system, image included (only with <c>-Size</c>).</summary>
    public long? SizeRootFs { get; }

    public string? NetworkMode { get; }

    public IReadOnlyList<string> Networks { get; }

    public IReadOnlyList<string> IPAddresses { get; }

    public IReadOnlyList<DockerMountPoint> Mounts { get; }

    /// <summary>The engine endpoint this container lives on.</summary>
    public string Engine { get; }

    public override string ToString() => Name.Length > 0 ? Name : ShortId;
}

/// <summary>A volume or bind mount of a container.</summary>
public sealed class DockerMountPoint
{
    public DockerMountPoint(string type, string? name, string source, string destination, bool readWrite)
    {
        Type = type;
        Name = name;
        Source = source;
        Destination = destination;
        ReadWrite = readWrite;
    }

    /// <summary>bind, volume, tmpfs or npipe.</summary>
    public string Type { get; }

    /// <summary>The volume's name, for volume mounts.</summary>
    public string? Name { get; }

    public string Source { get; }

    public string Destination { get; }

    public bool ReadWrite { get; }

    public override string ToString() => (Name ?? Source) + ":" + Destination + (ReadWrite ? string.Empty : ":ro");
}
