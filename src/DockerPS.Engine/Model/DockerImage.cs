using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Model;

/// <summary>
/// An image as one row of <c>docker images</c>: one object per repository:tag of the image, or one with
/// <c>&lt;none&gt;</c> for an untagged image.
/// </summary>
public sealed class DockerImage
{
    public const string None = "<none>";

    internal DockerImage(ImageSummaryDto dto, string? repoTag, string engine)
    {
        Id = dto.Id ?? string.Empty;
        RepoTags = dto.RepoTags?.Where(t => t != "<none>:<none>").ToArray() ?? Array.Empty<string>();
        RepoDigests = dto.RepoDigests?.Where(d => d != "<none>@<none>").ToArray() ?? Array.Empty<string>();
        ParentId = string.IsNullOrEmpty(dto.ParentId) ? null : dto.ParentId;
        Created = Time.FromUnixSeconds(dto.Created);
        Size = dto.Size;
        SharedSize = dto.SharedSize < 0 ? null : dto.SharedSize;
        Containers = dto.Containers < 0 ? null : dto.Containers;
        Labels = Readonly.Of(dto.Labels);
        Engine = engine;

        if (repoTag is not null)
        {
            Reference = repoTag;
            (Repository, Tag) = ImageReference.SplitTag(repoTag);
        }
        else
        {
            // Untagged: docker images shows the repository of a digest, if there is one.
            Repository = RepoDigests.Count > 0 ? RepoDigests[0].Substring(0, Math.Max(0, RepoDigests[0].IndexOf('@'))) : None;
            if (Repository.Length == 0) Repository = None;
            Tag = None;
        }
        Digest = RepoDigests
            .Where(d => d.StartsWith(Repository + "@", StringComparison.Ordinal))
            .Select(d => d.Substring(Repository.Length + 1))
            .FirstOrDefault();
    }

    /// <summary>The image id, <c>sha256:...</c>.</summary>
    public string Id { get; }

    /// <summary>12 hex characters of the id, as the docker CLI shows it.</summary>
    public string ShortId => ImageReference.ShortId(Id);

    /// <summary>The repository of this row, or <c>&lt;none&gt;</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag of this row, or <c>&lt;none&gt;</c>.</summary>
    public string Tag { get; }

    /// <summary><c>repository:tag</c> of this row; null for an untagged image.</summary>
    public string? Reference { get; }

    /// <summary>The repository digest of this row's repository, when the image came from or went to a registry.</summary>
    public string? Digest { get; }

    public IReadOnlyList<string> RepoTags { get; }

    public IReadOnlyList<string> RepoDigests { get; }

    public string? ParentId { get; }

    public DateTime Created { get; }

    /// <summary>Bytes of the image, all its layers included.</summary>
    public long Size { get; }

    /// <summary>Bytes shared with other images (only when asked for).</summary>
    public long? SharedSize { get; }

    /// <summary>How many containers use the image (only when the engine counted them).</summary>
    public long? Containers { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>True for an image with neither tag nor digest.</summary>
    public bool Dangling => RepoTags.Count == 0 && RepoDigests.Count == 0;

    /// <summary>The engine endpoint this image lives on.</summary>
    public string Engine { get; }

    public override string ToString() => Reference ?? ShortId;
}
