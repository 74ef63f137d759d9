namespace DockerPS.Engine.Arguments;

/// <summary>
/// The name of an image being made (docker commit, docker import): <c>-Repository 'repo'</c> or <c>'repo:tag'</c>,
/// <c>-Tag 'tag'</c> with it, or <c>-Tag 'repo[:tag]'</c> alone as docker build -t takes it. Neither leaves the image
/// untagged. A tag given twice, or a digest (only registries give digests), is refused.
/// </summary>
public static class NewImageReference
{
    private const string Expected = "repository[:tag], or a repository and a tag apart; for example ubuntu:git, or -Repository ubuntu -Tag git";

    /// <summary>Throws <see cref="Errors.DockerArgumentException"/> (InvalidImageReference, InvalidImageTag) naming the value.</summary>
    public static ImageName? Parse(string? repository, string? tag)
    {
        if (repository is null) return tag is null ? null : WithoutDigest(ImageName.Parse(tag), tag);
        var name = WithoutDigest(ImageName.Parse(repository), repository);
        if (tag is null) return name;
        if (name.Tag is not null)
            throw ArgumentFailure.Create("InvalidImageReference", "tag", tag, $"the repository '{repository}' already has the tag '{name.Tag}'; give the tag once", Expected);
        return name.WithTag(tag);
    }

    private static ImageName WithoutDigest(ImageName name, string given) => name.Digest is null
        ? name
        : throw ArgumentFailure.Create("InvalidImageReference", "image reference", given, "a new image is named by repository and tag; digests come from registries", Expected);
}
