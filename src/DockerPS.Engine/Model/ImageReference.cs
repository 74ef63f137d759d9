using System;

namespace DockerPS.Engine.Model;

/// <summary>Small helpers on image references and ids.</summary>
public static class ImageReference
{
    /// <summary>Splits <c>repo:tag</c> (the repository may hold a registry port, <c>host:5000/repo:tag</c>).</summary>
    public static (string Repository, string Tag) SplitTag(string reference)
    {
        var at = reference.IndexOf('@');
        var name = at >= 0 ? reference.Substring(0, at) : reference;
        var colon = name.LastIndexOf(':');
        var slash = name.LastIndexOf('/');
        if (colon > slash) return (name.Substring(0, colon), name.Substring(colon + 1));
        return (name, at >= 0 ? DockerImage.None : "latest");
    }

    /// <summary>12 hex characters of an id, without its <c>sha256:</c> prefix.</summary>
    public static string ShortId(string id)
    {
        var colon = id.IndexOf(':');
        var hex = colon >= 0 ? id.Substring(colon + 1) : id;
        return hex.Length > 12 ? hex.Substring(0, 12) : hex;
    }
}
