using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Model;

/// <summary>
/// An image's full description (<c>docker image inspect</c>): its tags and digests, platform, the configuration it gives
/// its containers, and its layers. Sizes are bytes.
/// </summary>
public sealed class DockerImageDetails
{
    internal DockerImageDetails(ImageInspectDto dto, string engine)
    {
        Id = dto.Id ?? string.Empty;
        RepoTags = dto.RepoTags?.Where(t => t != "<none>:<none>").ToArray() ?? Array.Empty<string>();
        RepoDigests = dto.RepoDigests?.Where(d => d != "<none>@<none>").ToArray() ?? Array.Empty<string>();
        ParentId = string.IsNullOrEmpty(dto.Parent) ? null : dto.Parent;
        Comment = string.IsNullOrEmpty(dto.Comment) ? null : dto.Comment;
        Created = Time.FromRfc3339(dto.Created);
        DockerVersion = string.IsNullOrEmpty(dto.DockerVersion) ? null : dto.DockerVersion;
        Author = string.IsNullOrEmpty(dto.Author) ? null : dto.Author;
        Architecture = dto.Architecture ?? string.Empty;
        Variant = string.IsNullOrEmpty(dto.Variant) ? null : dto.Variant;
        Os = dto.Os ?? string.Empty;
        OsVersion = string.IsNullOrEmpty(dto.OsVersion) ? null : dto.OsVersion;
        Size = dto.Size;
        Config = new DockerImageConfig(dto.Config ?? new ImageConfigDto());
        RootFSType = dto.RootFS?.Type ?? string.Empty;
        Layers = dto.RootFS?.Layers?.ToArray() ?? Array.Empty<string>();
        GraphDriver = dto.GraphDriver?.Name ?? string.Empty;
        GraphDriverData = Readonly.Of(dto.GraphDriver?.Data);
        LastTagTime = Time.FromRfc3339(dto.Metadata?.LastTagTime);
        Engine = engine;
    }

    /// <summary>The image id, <c>sha256:...</c>.</summary>
    public string Id { get; }

    /// <summary>12 hex characters of the id, as the docker CLI shows it.</summary>
    public string ShortId => ImageReference.ShortId(Id);

    /// <summary>Every repository:tag that names the image.</summary>
    public IReadOnlyList<string> RepoTags { get; }

    /// <summary>repository@sha256:... for each registry the image came from or went to.</summary>
    public IReadOnlyList<string> RepoDigests { get; }

    /// <summary>The image this one was built or committed on, when the engine built it (not for pulled images).</summary>
    public string? ParentId { get; }

    /// <summary>The commit message (docker commit -m), or the import message.</summary>
    public string? Comment { get; }

    public DateTime? Created { get; }

    /// <summary>The engine version that built the image, when recorded.</summary>
    public string? DockerVersion { get; }

    /// <summary>The author (docker commit -a, or MAINTAINER).</summary>
    public string? Author { get; }

    /// <summary>amd64, arm64, ...</summary>
    public string Architecture { get; }

    /// <summary>The CPU variant (v8 for arm64), when there is one.</summary>
    public string? Variant { get; }

    /// <summary>linux or windows.</summary>
    public string Os { get; }

    public string? OsVersion { get; }

    /// <summary>os/architecture[/variant], as -Platform takes it.</summary>
    public string Platform => Os + "/" + Architecture + (Variant is null ? string.Empty : "/" + Variant);

    /// <summary>Bytes of the image, all its layers included.</summary>
    public long Size { get; }

    /// <summary>What the image gives its containers: command, entrypoint, environment, ports, labels...</summary>
    public DockerImageConfig Config { get; }

    /// <summary>layers, for every Linux image.</summary>
    public string RootFSType { get; }

    /// <summary>The digests of the layers' content (diff ids), the base layer first.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>The storage driver holding the image (overlay2, ...).</summary>
    public string GraphDriver { get; }

    public IReadOnlyDictionary<string, string> GraphDriverData { get; }

    /// <summary>When a tag was last added to the image on this engine.</summary>
    public DateTime? LastTagTime { get; }

    /// <summary>The engine endpoint this image lives on.</summary>
    public string Engine { get; }

    public override string ToString() => RepoTags.Count > 0 ? RepoTags[0] : ShortId;
}

/// <summary>The configuration an image gives the containers created from it.</summary>
public sealed class DockerImageConfig
{
    internal DockerImageConfig(ImageConfigDto dto)
    {
        User = dto.User ?? string.Empty;
        Environment = dto.Env?.ToArray() ?? Array.Empty<string>();
        Command = dto.Cmd?.ToArray() ?? Array.Empty<string>();
        Entrypoint = dto.Entrypoint?.ToArray() ?? Array.Empty<string>();
        WorkingDirectory = dto.WorkingDir ?? string.Empty;
        Labels = Readonly.Of(dto.Labels);
        ExposedPorts = dto.ExposedPorts?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>();
        Volumes = dto.Volumes?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>();
        OnBuild = dto.OnBuild?.ToArray() ?? Array.Empty<string>();
        Shell = dto.Shell?.ToArray() ?? Array.Empty<string>();
        StopSignal = string.IsNullOrEmpty(dto.StopSignal) ? null : dto.StopSignal;
        StopTimeout = dto.StopTimeout;
        Healthcheck = dto.Healthcheck?.Test is { Count: > 0 } ? new DockerImageHealthcheck(dto.Healthcheck) : null;
    }

    public string User { get; }

    /// <summary>KEY=VALUE entries.</summary>
    public IReadOnlyList<string> Environment { get; }

    public IReadOnlyList<string> Command { get; }

    public IReadOnlyList<string> Entrypoint { get; }

    public string WorkingDirectory { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Ports as <c>80/tcp</c>, sorted.</summary>
    public IReadOnlyList<string> ExposedPorts { get; }

    /// <summary>The container paths the image declares as volumes.</summary>
    public IReadOnlyList<string> Volumes { get; }

    /// <summary>ONBUILD triggers, as written.</summary>
    public IReadOnlyList<string> OnBuild { get; }

    /// <summary>The SHELL for shell-form commands, when the image sets one.</summary>
    public IReadOnlyList<string> Shell { get; }

    public string? StopSignal { get; }

    /// <summary>Seconds the engine waits after the stop signal, when the image sets it.</summary>
    public int? StopTimeout { get; }

    public DockerImageHealthcheck? Healthcheck { get; }
}

/// <summary>An image's HEALTHCHECK.</summary>
public sealed class DockerImageHealthcheck
{
    internal DockerImageHealthcheck(HealthcheckDto dto)
    {
        Test = dto.Test?.ToArray() ?? Array.Empty<string>();
        Interval = Duration(dto.Interval);
        Timeout = Duration(dto.Timeout);
        StartPeriod = Duration(dto.StartPeriod);
        StartInterval = Duration(dto.StartInterval);
        Retries = dto.Retries;
    }

    /// <summary>NONE, or CMD / CMD-SHELL and the command.</summary>
    public IReadOnlyList<string> Test { get; }

    /// <summary>Null where the image leaves the engine's default.</summary>
    public TimeSpan? Interval { get; }

    public TimeSpan? Timeout { get; }

    public TimeSpan? StartPeriod { get; }

    public TimeSpan? StartInterval { get; }

    public int Retries { get; }

    private static TimeSpan? Duration(long nanoseconds) => nanoseconds <= 0 ? null : TimeSpan.FromTicks(nanoseconds / 100);

    public override string ToString() => string.Join(" ", Test);
}
