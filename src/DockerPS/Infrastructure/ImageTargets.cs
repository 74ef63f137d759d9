using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Matching;
using DockerPS.Engine.Model;

namespace DockerPS.Infrastructure;

/// <summary>One image a cmdlet acts on: what is sent to the engine, how it is shown, and what the user gave.</summary>
internal sealed class ImageTarget
{
    public ImageTarget(string name, string label, object input)
    {
        Name = name;
        Label = label;
        Input = input;
    }

    /// <summary>The reference or id sent to the engine.</summary>
    public string Name { get; }

    /// <summary>For ShouldProcess and progress: <c>repo:tag (short id)</c>, or the name as given.</summary>
    public string Label { get; }

    /// <summary>The error records' target: the string or object the user gave.</summary>
    public object Input { get; }

    /// <summary>An image row acts through its reference (so only that tag is touched), or its id when untagged.</summary>
    public static ImageTarget Of(DockerImage image) =>
        new(image.Reference ?? image.Id, (image.Reference ?? DockerImage.None) + " (" + image.ShortId + ")", image.Reference ?? image.Id);
}

/// <summary>
/// Turns -Reference, -ImageId and piped images into targets. A literal name goes to the engine as it is, which resolves
/// names, ids and id prefixes as docker does; a wildcard pattern selects rows of one image list (none is fine).
/// </summary>
internal static class ImageTargets
{
    public static async Task<IReadOnlyList<ImageTarget>> ResolveAsync(DockerClient client, IEnumerable<string> references, IEnumerable<string> ids,
        IEnumerable<DockerImage> images, CancellationToken cancellationToken)
    {
        var targets = new List<ImageTarget>();
        IReadOnlyList<DockerImage>? all = null;
        async Task<IReadOnlyList<DockerImage>> ListAsync() => all ??= await client.Images.ListAsync(new ImageListOptions { All = true }, cancellationToken).ConfigureAwait(false);

        foreach (var reference in references)
        {
            if (Wildcard.HasWildcard(reference))
                targets.AddRange(Selector.Images(await ListAsync().ConfigureAwait(false), new[] { reference }, null).Matches.Select(ImageTarget.Of));
            else
                targets.Add(new ImageTarget(Wildcard.Unescape(reference), Wildcard.Unescape(reference), reference));
        }
        foreach (var id in ids)
        {
            if (Wildcard.HasWildcard(id))
                targets.AddRange(Selector.Images(await ListAsync().ConfigureAwait(false), null, new[] { id }).Matches.Select(ImageTarget.Of));
            else
                targets.Add(new ImageTarget(id, id, id));
        }
        targets.AddRange(images.Select(ImageTarget.Of));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return targets.Where(t => seen.Add(t.Name)).ToArray();
    }
}

/// <summary>
/// The images a cmdlet that acts on all its input at the end (Export-, Remove-DockerImage) gathers from the pipeline:
/// references, ids and image objects, resolved into targets once every record has arrived.
/// </summary>
internal sealed class ImageInputs
{
    private readonly List<string> _references = new();
    private readonly List<string> _ids = new();
    private readonly List<DockerImage> _images = new();

    public void Add(string[]? references, string[]? ids, DockerImage[]? images)
    {
        if (references is not null) _references.AddRange(references);
        if (ids is not null) _ids.AddRange(ids);
        if (images is not null) _images.AddRange(images.Where(i => i is not null));
    }

    /// <summary>The references and ids as given, for messages.</summary>
    public IEnumerable<string> Named => _references.Concat(_ids);

    public Task<IReadOnlyList<ImageTarget>> ResolveAsync(DockerClient client, CancellationToken cancellationToken) =>
        ImageTargets.ResolveAsync(client, _references, _ids, _images, cancellationToken);
}
