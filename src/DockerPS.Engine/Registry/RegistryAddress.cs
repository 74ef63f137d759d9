using System;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Registry;

/// <summary>
/// Registry addresses as the docker CLI normalises them for its credential store: Docker Hub's credentials live under
/// <c>https://index.docker.io/v1/</c>, every other registry's under its host[:port], so <c>https://reg:5000/v2/</c>,
/// <c>http://reg:5000</c> and <c>reg:5000</c> are one registry.
/// </summary>
public static class RegistryAddress
{
    /// <summary>Docker Hub's key (docker's IndexServer).</summary>
    public const string DockerHubKey = ImageName.DockerHubAuthKey;

    /// <summary>The key docker stores a registry's credentials under; null, empty or <c>docker.io</c> mean Docker Hub.</summary>
    public static string KeyOf(string? registry)
    {
        if (string.IsNullOrWhiteSpace(registry)) return DockerHubKey;
        var value = registry!.Trim();
        if (value == DockerHubKey) return DockerHubKey;
        var host = ConvertToHostname(value);
        return IsDockerHubHost(host) ? DockerHubKey : host;
    }

    /// <summary>The key of the registry an image reference points to (its <see cref="ImageName.AuthKey"/>).</summary>
    public static string KeyOf(ImageName image)
    {
        if (image is null) throw new ArgumentNullException(nameof(image));
        return image.AuthKey;
    }

    /// <summary>True for the names Docker Hub goes by.</summary>
    public static bool IsDockerHubHost(string host) =>
        host is "docker.io" or "index.docker.io" or "registry-1.docker.io";

    /// <summary>
    /// docker's credentials.ConvertToHostname: the host[:port] of a URL (<c>https://reg:5000/v2/</c> → <c>reg:5000</c>),
    /// or the part before the first '/' of anything else.
    /// </summary>
    public static string ConvertToHostname(string maybeUrl)
    {
        if (maybeUrl is null) throw new ArgumentNullException(nameof(maybeUrl));
        var stripped = maybeUrl;
        var scheme = stripped.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) stripped = stripped.Substring(scheme + 3);
        var slash = stripped.IndexOf('/');
        var host = slash >= 0 ? stripped.Substring(0, slash) : stripped;
        // A URL may carry user info (user@host); it is never part of the key.
        var at = host.LastIndexOf('@');
        if (scheme >= 0 && at >= 0) host = host.Substring(at + 1);
        return host;
    }
}
