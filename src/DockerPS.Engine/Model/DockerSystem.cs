using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Model;

/// <summary>What the engine's <c>/_ping</c> says about it.</summary>
public sealed class DockerPing
{
    public DockerPing(ApiVersion apiVersion, string? osType, bool experimental, string? builderVersion)
    {
        ApiVersion = apiVersion;
        OSType = osType;
        Experimental = experimental;
        BuilderVersion = builderVersion;
    }

    /// <summary>The newest API version the engine speaks.</summary>
    public ApiVersion ApiVersion { get; }

    public string? OSType { get; }

    public bool Experimental { get; }

    public string? BuilderVersion { get; }
}

/// <summary><c>docker version</c>: the client (DockerPS) and the engine it talks to.</summary>
public sealed class DockerVersion
{
    internal DockerVersion(VersionResponse dto, ApiVersion negotiated, string engine)
    {
        ClientVersion = DockerClient.Version;
        ClientApiVersion = global::DockerPS.Engine.ApiVersion.ClientMaximum.ToString();
        ApiVersion = negotiated.ToString();
        Version = dto.Version ?? string.Empty;
        EngineApiVersion = dto.ApiVersion ?? string.Empty;
        MinApiVersion = dto.MinAPIVersion ?? string.Empty;
        GitCommit = dto.GitCommit ?? string.Empty;
        GoVersion = dto.GoVersion ?? string.Empty;
        Os = dto.Os ?? string.Empty;
        Arch = dto.Arch ?? string.Empty;
        KernelVersion = dto.KernelVersion ?? string.Empty;
        Experimental = dto.Experimental;
        BuildTime = Time.FromRfc3339(dto.BuildTime);
        Platform = dto.Platform?.Name ?? string.Empty;
        Components = (dto.Components ?? new List<VersionComponent>())
            .Select(c => new DockerComponentVersion(c.Name ?? string.Empty, c.Version ?? string.Empty))
            .ToArray();
        Engine = engine;
    }

    /// <summary>The DockerPS module's version.</summary>
    public string ClientVersion { get; }

    /// <summary>The newest API version DockerPS speaks.</summary>
    public string ClientApiVersion { get; }

    /// <summary>The API version in use: the lower of the client's and the engine's.</summary>
    public string ApiVersion { get; }

    /// <summary>The engine's version, for example 20.10.24.</summary>
    public string Version { get; }

    public string EngineApiVersion { get; }

    public string MinApiVersion { get; }

    public string GitCommit { get; }

    public string GoVersion { get; }

    public string Os { get; }

    public string Arch { get; }

    public string KernelVersion { get; }

    public bool Experimental { get; }

    public DateTime? BuildTime { get; }

    public string Platform { get; }

    public IReadOnlyList<DockerComponentVersion> Components { get; }

    public string Engine { get; }

    public override string ToString() => Version;
}

public sealed class DockerComponentVersion
{
    public DockerComponentVersion(string name, string version)
    {
        Name = name;
        Version = version;
    }

    public string Name { get; }

    public string Version { get; }

    public override string ToString() => Name + " " + Version;
}

/// <summary><c>docker info</c>: the engine's configuration and counts.</summary>
public sealed class DockerInfo
{
    internal DockerInfo(InfoResponse dto, string engine)
    {
        Id = dto.ID ?? string.Empty;
        Name = dto.Name ?? string.Empty;
        ServerVersion = dto.ServerVersion ?? string.Empty;
        Containers = dto.Containers;
        ContainersRunning = dto.ContainersRunning;
        ContainersPaused = dto.ContainersPaused;
        ContainersStopped = dto.ContainersStopped;
        Images = dto.Images;
        Driver = dto.Driver ?? string.Empty;
        DockerRootDir = dto.DockerRootDir ?? string.Empty;
        OperatingSystem = dto.OperatingSystem ?? string.Empty;
        OSType = dto.OSType ?? string.Empty;
        Architecture = dto.Architecture ?? string.Empty;
        KernelVersion = dto.KernelVersion ?? string.Empty;
        Cpus = dto.NCPU;
        MemTotal = dto.MemTotal;
        CgroupDriver = dto.CgroupDriver ?? string.Empty;
        CgroupVersion = dto.CgroupVersion ?? string.Empty;
        LoggingDriver = dto.LoggingDriver ?? string.Empty;
        DefaultRuntime = dto.DefaultRuntime ?? string.Empty;
        Runtimes = dto.Runtimes?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>();
        Labels = dto.Labels?.ToArray() ?? Array.Empty<string>();
        SecurityOptions = dto.SecurityOptions?.ToArray() ?? Array.Empty<string>();
        Warnings = dto.Warnings?.ToArray() ?? Array.Empty<string>();
        HttpProxy = dto.HttpProxy ?? string.Empty;
        HttpsProxy = dto.HttpsProxy ?? string.Empty;
        NoProxy = dto.NoProxy ?? string.Empty;
        Debug = dto.Debug;
        LiveRestoreEnabled = dto.LiveRestoreEnabled;
        Engine = engine;
    }

    public string Id { get; }
    public string Name { get; }
    public string ServerVersion { get; }
    public int Containers { get; }
    public int ContainersRunning { get; }
    public int ContainersPaused { get; }
    public int ContainersStopped { get; }
    public int Images { get; }
    public string Driver { get; }
    public string DockerRootDir { get; }
    public string OperatingSystem { get; }
    public string OSType { get; }
    public string Architecture { get; }
    public string KernelVersion { get; }
    public int Cpus { get; }

    /// <summary>Bytes of memory the engine's host has.</summary>
    public long MemTotal { get; }
    public string CgroupDriver { get; }
    public string CgroupVersion { get; }
    public string LoggingDriver { get; }
    public string DefaultRuntime { get; }
    public IReadOnlyList<string> Runtimes { get; }
    public IReadOnlyList<string> Labels { get; }
    public IReadOnlyList<string> SecurityOptions { get; }
    public IReadOnlyList<string> Warnings { get; }
    public string HttpProxy { get; }
    public string HttpsProxy { get; }
    public string NoProxy { get; }
    public bool Debug { get; }
    public bool LiveRestoreEnabled { get; }
    public string Engine { get; }

    public override string ToString() => Name + " (" + ServerVersion + ")";
}
