using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Model;

/// <summary>A container's full description (<c>docker inspect</c>): state, configuration, limits, mounts, networks.</summary>
public sealed class DockerContainerDetails
{
    internal DockerContainerDetails(ContainerInspectDto dto, string engine)
    {
        Id = dto.Id ?? string.Empty;
        Name = (dto.Name ?? string.Empty).TrimStart('/');
        Created = Time.FromRfc3339(dto.Created);
        Path = dto.Path ?? string.Empty;
        Args = dto.Args?.ToArray() ?? Array.Empty<string>();
        ImageId = dto.Image ?? string.Empty;
        RestartCount = dto.RestartCount;
        Driver = dto.Driver ?? string.Empty;
        Platform = dto.Platform ?? string.Empty;
        State = new DockerContainerState(dto.State ?? new ContainerStateDto());
        Config = new DockerContainerConfig(dto.Config ?? new InspectConfigDto());
        HostConfig = new DockerHostConfig(dto.HostConfig ?? new InspectHostConfigDto());
        Mounts = (dto.Mounts ?? new List<MountDto>())
            .Select(m => new DockerMountPoint(m.Type ?? string.Empty, m.Name, m.Source ?? string.Empty, m.Destination ?? string.Empty, m.RW))
            .ToArray();
        Ports = PortList.From(dto.NetworkSettings?.Ports);
        Networks = (dto.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettingsDto>())
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new DockerNetworkAttachment(kv.Key, kv.Value))
            .ToArray();
        Engine = engine;
    }

    public string Id { get; }

    public string ShortId => Id.Length > 12 ? Id.Substring(0, 12) : Id;

    public string Name { get; }

    public DateTime? Created { get; }

    public string Path { get; }

    public IReadOnlyList<string> Args { get; }

    public string ImageId { get; }

    public int RestartCount { get; }

    public string Driver { get; }

    public string Platform { get; }

    public DockerContainerState State { get; }

    public DockerContainerConfig Config { get; }

    public DockerHostConfig HostConfig { get; }

    public IReadOnlyList<DockerMountPoint> Mounts { get; }

    /// <summary>Every port: exposed-only ones, and published ones once per host binding (<c>docker port</c>).</summary>
    public IReadOnlyList<DockerPort> Ports { get; }

    public IReadOnlyList<DockerNetworkAttachment> Networks { get; }

    public string Engine { get; }

    public override string ToString() => Name;
}

public sealed class DockerContainerState
{
    internal DockerContainerState(ContainerStateDto dto)
    {
        Status = dto.Status ?? string.Empty;
        Running = dto.Running;
        Paused = dto.Paused;
        Restarting = dto.Restarting;
        OOMKilled = dto.OOMKilled;
        Dead = dto.Dead;
        Pid = dto.Pid;
        ExitCode = dto.ExitCode;
        Error = string.IsNullOrEmpty(dto.Error) ? null : dto.Error;
        StartedAt = Time.FromRfc3339(dto.StartedAt);
        FinishedAt = Time.FromRfc3339(dto.FinishedAt);
        Health = dto.Health?.Status;
    }

    /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
    public string Status { get; }
    public bool Running { get; }
    public bool Paused { get; }
    public bool Restarting { get; }
    public bool OOMKilled { get; }
    public bool Dead { get; }
    public int Pid { get; }
    public int ExitCode { get; }
    public string? Error { get; }
    public DateTime? StartedAt { get; }
    public DateTime? FinishedAt { get; }

    /// <summary>starting, healthy or unhealthy, for containers with a health check.</summary>
    public string? Health { get; }

    public override string ToString() => Status;
}

public sealed class DockerContainerConfig
{
    internal DockerContainerConfig(InspectConfigDto dto)
    {
        Hostname = dto.Hostname ?? string.Empty;
        User = dto.User ?? string.Empty;
        Image = dto.Image ?? string.Empty;
        WorkingDirectory = dto.WorkingDir ?? string.Empty;
        Environment = dto.Env?.ToArray() ?? Array.Empty<string>();
        Command = dto.Cmd?.ToArray() ?? Array.Empty<string>();
        Entrypoint = dto.Entrypoint?.ToArray() ?? Array.Empty<string>();
        Labels = Readonly.Of(dto.Labels);
        ExposedPorts = dto.ExposedPorts?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>();
        Tty = dto.Tty;
        OpenStdin = dto.OpenStdin;
        StopSignal = dto.StopSignal;
    }

    public string Hostname { get; }
    public string User { get; }

    /// <summary>The image reference the container was created from.</summary>
    public string Image { get; }
    public string WorkingDirectory { get; }
    public IReadOnlyList<string> Environment { get; }
    public IReadOnlyList<string> Command { get; }
    public IReadOnlyList<string> Entrypoint { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Ports the image or container exposes, as <c>80/tcp</c>.</summary>
    public IReadOnlyList<string> ExposedPorts { get; }
    public bool Tty { get; }
    public bool OpenStdin { get; }
    public string? StopSignal { get; }
}

public sealed class DockerHostConfig
{
    internal DockerHostConfig(InspectHostConfigDto dto)
    {
        Binds = dto.Binds?.ToArray() ?? Array.Empty<string>();
        NetworkMode = dto.NetworkMode ?? string.Empty;
        RestartPolicy = dto.RestartPolicy?.Name is { Length: > 0 } name
            ? (dto.RestartPolicy.MaximumRetryCount > 0 ? name + ":" + dto.RestartPolicy.MaximumRetryCount.ToString(CultureInfo.InvariantCulture) : name)
            : "no";
        AutoRemove = dto.AutoRemove;
        Privileged = dto.Privileged;
        PublishAllPorts = dto.PublishAllPorts;
        Memory = dto.Memory;
        MemorySwap = dto.MemorySwap;
        MemoryReservation = dto.MemoryReservation;
        NanoCpus = dto.NanoCpus;
        CpuShares = dto.CpuShares;
        PortBindings = PortList.From(dto.PortBindings);
    }

    public IReadOnlyList<string> Binds { get; }
    public string NetworkMode { get; }

    /// <summary>no, always, unless-stopped, on-failure or on-failure:N.</summary>
    public string RestartPolicy { get; }
    public bool AutoRemove { get; }
    public bool Privileged { get; }
    public bool PublishAllPorts { get; }

    /// <summary>The memory limit in bytes; 0 for none.</summary>
    public long Memory { get; }
    public long MemorySwap { get; }
    public long MemoryReservation { get; }

    /// <summary>The CPU limit in billionths of a CPU (1.5 CPUs is 1500000000); 0 for none.</summary>
    public long NanoCpus { get; }

    /// <summary>The CPU limit in CPUs (NanoCpus / 1e9).</summary>
    public double Cpus => NanoCpus / 1e9;
    public long CpuShares { get; }
    public IReadOnlyList<DockerPort> PortBindings { get; }
}

/// <summary>A container's place on a network.</summary>
public sealed class DockerNetworkAttachment
{
    internal DockerNetworkAttachment(string network, EndpointSettingsDto dto)
    {
        Network = network;
        NetworkId = dto.NetworkID ?? string.Empty;
        IPAddress = dto.IPAddress ?? string.Empty;
        PrefixLength = dto.IPPrefixLen;
        Gateway = dto.Gateway ?? string.Empty;
        MacAddress = dto.MacAddress ?? string.Empty;
        Aliases = dto.Aliases?.ToArray() ?? Array.Empty<string>();
    }

    public string Network { get; }
    public string NetworkId { get; }
    public string IPAddress { get; }
    public int PrefixLength { get; }
    public string Gateway { get; }
    public string MacAddress { get; }
    public IReadOnlyList<string> Aliases { get; }

    public override string ToString() => Network + " " + IPAddress;
}

internal static class PortList
{
    /// <summary>Engine port maps (<c>"80/tcp": [{HostIp, HostPort}]</c> or null) as DockerPort rows, sorted.</summary>
    public static DockerPort[] From(Dictionary<string, List<PortBindingDto>?>? map)
    {
        if (map is null) return Array.Empty<DockerPort>();
        var rows = new List<DockerPort>();
        foreach (var kv in map)
        {
            var slash = kv.Key.IndexOf('/');
            var portText = slash >= 0 ? kv.Key.Substring(0, slash) : kv.Key;
            var protocol = slash >= 0 ? kv.Key.Substring(slash + 1) : "tcp";
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)) continue;
            if (kv.Value is null || kv.Value.Count == 0)
            {
                rows.Add(new DockerPort(port, protocol));
                continue;
            }
            foreach (var b in kv.Value)
            {
                int? hostPort = int.TryParse(b.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var hp) && hp != 0 ? hp : null;
                rows.Add(new DockerPort(port, protocol, string.IsNullOrEmpty(b.HostIp) ? null : b.HostIp, hostPort));
            }
        }
        return rows.OrderBy(r => r.PrivatePort).ThenBy(r => r.Protocol, StringComparer.Ordinal).ThenBy(r => r.HostIp ?? string.Empty, StringComparer.Ordinal).ToArray();
    }
}
