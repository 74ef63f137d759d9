using System;
using System.Collections.Generic;

namespace DockerPS.Engine.Model;

/// <summary>Whether a removal took a reference off an image or deleted an image.</summary>
public enum DockerImageDeletionKind
{
    /// <summary>A repository:tag (or repository@digest) was removed; the image itself may remain.</summary>
    Untagged,

    /// <summary>An image (or one of its untagged parents) was deleted, or a layer released with it.</summary>
    Deleted,
}

/// <summary>One line of what <c>docker rmi</c> and <c>docker image prune</c> report: <c>Untagged: x</c> or <c>Deleted: sha256:…</c>.</summary>
public sealed class DockerImageDeletion
{
    public DockerImageDeletion(DockerImageDeletionKind kind, string value, string target, string engine)
    {
        Kind = kind;
        Value = value;
        Target = target;
        Engine = engine;
    }

    public DockerImageDeletionKind Kind { get; }

    /// <summary>The reference untagged, or the id deleted: an image's id, or a layer's (chain) id, as docker rmi prints them.</summary>
    public string Value { get; }

    /// <summary>The reference untagged (null for a deletion).</summary>
    public string? Reference => Kind == DockerImageDeletionKind.Untagged ? Value : null;

    /// <summary>The image or layer id deleted (null for an untagging).</summary>
    public string? Id => Kind == DockerImageDeletionKind.Deleted ? Value : null;

    /// <summary>What was asked to be removed (a reference or id); for a prune, the prune.</summary>
    public string Target { get; }

    public string Engine { get; }

    /// <summary>As docker rmi prints it.</summary>
    public override string ToString() => Kind + ": " + Value;
}

/// <summary>What <c>docker image prune</c> did: what it untagged and deleted, and the bytes it freed.</summary>
public sealed class DockerImagePruneResult
{
    public DockerImagePruneResult(IReadOnlyList<DockerImageDeletion> deletions, long? spaceReclaimed, string engine)
    {
        Deletions = deletions ?? throw new ArgumentNullException(nameof(deletions));
        SpaceReclaimed = spaceReclaimed;
        Engine = engine;
    }

    public IReadOnlyList<DockerImageDeletion> Deletions { get; }

    /// <summary>
    /// Bytes freed on the engine's disk, as the engine counts them (the layers it deleted); null when the images were
    /// removed one by one (some were declined at -Confirm), which the engine does not measure.
    /// </summary>
    public long? SpaceReclaimed { get; }

    public string Engine { get; }

    public override string ToString() => $"{Deletions.Count} untagged or deleted, {(SpaceReclaimed is long bytes ? bytes + " bytes" : "unmeasured space")} reclaimed";
}

/// <summary>An image a prune would act on, worked out from the image and container lists (the engine has no dry run).</summary>
public sealed class DockerImagePruneCandidate
{
    internal DockerImagePruneCandidate(DockerImage image, IReadOnlyList<string> references, bool deletes, IReadOnlyList<string> parents)
    {
        Image = image;
        References = references;
        Deletes = deletes;
        Parents = parents;
    }

    /// <summary>The image (one of its rows).</summary>
    public DockerImage Image { get; }

    public string Id => Image.Id;

    /// <summary>The tags and digests the prune would remove.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>False when only its references go: other images build on it, so the engine keeps it.</summary>
    public bool Deletes { get; }

    /// <summary>Untagged parent images that go with it (the engine deletes a chain of untagged parents nothing else uses).</summary>
    public IReadOnlyList<string> Parents { get; }

    public override string ToString() =>
        (References.Count > 0 ? string.Join(", ", References) : DockerImage.None) + " (" + Image.ShortId + ")";
}
