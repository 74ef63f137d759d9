using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Model;

/// <summary>
/// One step of an image's history (<c>docker history</c>), newest first: the instruction that made a layer or changed
/// the configuration, when, and the bytes it added. Steps of a pulled image carry no id (<c>&lt;missing&gt;</c>): only
/// the engine that built an image knows the ids of its intermediate images.
/// </summary>
public sealed class DockerImageHistory
{
    /// <summary>What the engine writes for a step whose image it does not have.</summary>
    public const string Missing = "<missing>";

    internal DockerImageHistory(ImageHistoryDto dto, string image, int step, string engine)
    {
        Id = string.IsNullOrEmpty(dto.Id) ? Missing : dto.Id!;
        Created = Time.FromUnixSeconds(dto.Created);
        CreatedBy = dto.CreatedBy ?? string.Empty;
        Tags = dto.Tags?.Where(t => t != "<none>:<none>").ToArray() ?? Array.Empty<string>();
        Size = dto.Size;
        Comment = dto.Comment ?? string.Empty;
        Image = image;
        Step = step;
        Engine = engine;
    }

    /// <summary>The id of the image this step made, or <c>&lt;missing&gt;</c>.</summary>
    public string Id { get; }

    /// <summary>12 hex characters of the id, or <c>&lt;missing&gt;</c>.</summary>
    public string ShortId => Id == Missing ? Missing : ImageReference.ShortId(Id);

    public DateTime Created { get; }

    /// <summary>The instruction, whole (the table view cuts it to 45 characters as docker history does; -NoTrunc does not).</summary>
    public string CreatedBy { get; }

    /// <summary>The tags on this step's image.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Bytes this step added.</summary>
    public long Size { get; }

    public string Comment { get; }

    /// <summary>The image whose history this is, as it was named.</summary>
    public string Image { get; }

    /// <summary>0 for the newest step, counting back to the base image.</summary>
    public int Step { get; }

    public string Engine { get; }

    public override string ToString() => ShortId + " " + CreatedBy;
}
