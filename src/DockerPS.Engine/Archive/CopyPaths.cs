using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Archive;

/// <summary>
/// The path rules of <c>docker cp</c> (moby go-archive copy.go), for container paths (always '/') and host paths
/// (the platform's separators): a trailing '/' asserts a directory, a trailing '/.' means "the contents of".
/// </summary>
public static class CopyPaths
{
    private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>
    /// Splits docker's <c>CONTAINER:PATH</c> form. Returns false for a host path: one without ':', an absolute path
    /// (<c>/a:b</c>, <c>C:\a</c>), or a relative one that starts with '.' (<c>./file:name.txt</c>), as docker cp decides.
    /// </summary>
    public static bool TrySplitContainerPath(string argument, out string container, out string path) =>
        TrySplitContainerPath(argument, IsWindows, out container, out path);

    public static bool TrySplitContainerPath(string argument, bool windows, out string container, out string path)
    {
        container = string.Empty;
        path = argument ?? string.Empty;
        if (argument is null || argument.Length == 0 || IsHostAbsolute(argument, windows)) return false;
        var colon = argument.IndexOf(':');
        if (colon < 0 || argument.StartsWith(".", StringComparison.Ordinal)) return false;
        if (colon == 0) throw new DockerArgumentException($"'{argument}' names no container before the ':'; write CONTAINER:PATH, or ./{argument} for a host file.", "InvalidCopyPath", argument);
        container = argument.Substring(0, colon);
        path = argument.Substring(colon + 1);
        return true;
    }

    /// <summary>
    /// docker cp's two arguments (<c>CONTAINER:SRC DEST</c> or <c>SRC CONTAINER:DEST</c>): which direction, which
    /// container, and which path is on which side. <paramref name="isHostPath"/> may claim an argument for the host
    /// even though it looks like CONTAINER:PATH (a PowerShell drive such as <c>Temp:/x</c>).
    /// </summary>
    public static DockerCopyDirection ParseCopyArguments(string source, string destination, Func<string, bool>? isHostPath,
        out string container, out string containerPath, out string hostPath)
    {
        var fromContainer = TrySplitContainerPath(source, out var sourceContainer, out var sourcePath) && !(isHostPath?.Invoke(source) ?? false);
        var toContainer = TrySplitContainerPath(destination, out var destinationContainer, out var destinationPath) && !(isHostPath?.Invoke(destination) ?? false);
        if (fromContainer && toContainer)
            throw new DockerArgumentException($"Both '{source}' and '{destination}' name a container; copying between containers is not supported (copy to the host and back).", "CopyBetweenContainers", source);
        if (fromContainer)
        {
            (container, containerPath, hostPath) = (sourceContainer, sourcePath, destination);
            return DockerCopyDirection.FromContainer;
        }
        if (toContainer)
        {
            (container, containerPath, hostPath) = (destinationContainer, destinationPath, source);
            return DockerCopyDirection.ToContainer;
        }
        throw new DockerArgumentException($"Neither '{source}' nor '{destination}' names a container: write the container side as CONTAINER:PATH, as docker cp takes it.", "NoContainerInCopy", source);
    }

    private static bool IsHostAbsolute(string path, bool windows)
    {
        if (path.StartsWith("/", StringComparison.Ordinal)) return true;
        if (!windows) return false;
        if (path.StartsWith("\\", StringComparison.Ordinal)) return true;
        return path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/');
    }

    // ---- container (POSIX) paths ----

    /// <summary>POSIX path.Clean: one '/' between elements, no '.' elements, '..' resolved lexically.</summary>
    public static string CleanPosix(string path)
    {
        if (string.IsNullOrEmpty(path)) return ".";
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[parts.Count - 1] != "..") parts.RemoveAt(parts.Count - 1);
                else if (!rooted) parts.Add(part);
                continue;
            }
            parts.Add(part);
        }
        var joined = string.Join("/", parts);
        if (rooted) return "/" + joined;
        return joined.Length == 0 ? "." : joined;
    }

    public static string BasePosix(string path)
    {
        if (path.Length == 0) return ".";
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) return "/";
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.Substring(slash + 1);
    }

    public static string DirPosix(string path)
    {
        var slash = path.LastIndexOf('/');
        return CleanPosix(slash < 0 ? "." : path.Substring(0, slash + 1));
    }

    public static bool HasTrailingSeparatorPosix(string path) => path.Length > 0 && path[path.Length - 1] == '/';

    public static bool SpecifiesCurrentDirPosix(string path) => BasePosix(path) == ".";

    /// <summary>True when the path ends with '/' or '/.': it must be a directory.</summary>
    public static bool AssertsDirectoryPosix(string path) => HasTrailingSeparatorPosix(path) || SpecifiesCurrentDirPosix(path);

    /// <summary>go-archive SplitPathDirEntry: the cleaned parent and base, keeping a trailing '.' as the base.</summary>
    public static (string Dir, string Base) SplitPathDirEntryPosix(string path)
    {
        var cleaned = CleanPosix(path);
        if (SpecifiesCurrentDirPosix(path)) cleaned += "/.";
        return (DirPosix(cleaned), BasePosix(cleaned));
    }

    /// <summary>go-archive PreserveTrailingDotOrSeparator, for '/' paths.</summary>
    public static string PreserveTrailingDotOrSeparatorPosix(string cleaned, string original)
    {
        if (!SpecifiesCurrentDirPosix(cleaned) && SpecifiesCurrentDirPosix(original))
        {
            if (!HasTrailingSeparatorPosix(cleaned)) cleaned += "/";
            cleaned += ".";
        }
        if (!HasTrailingSeparatorPosix(cleaned) && HasTrailingSeparatorPosix(original)) cleaned += "/";
        return cleaned;
    }

    /// <summary>Joins a container directory and a name.</summary>
    public static string JoinPosix(string dir, string name) => CleanPosix(dir.TrimEnd('/') + "/" + name);

    // ---- host paths ----

    private static bool IsHostSeparator(char c) => c == Path.DirectorySeparatorChar || c == Path.AltDirectorySeparatorChar;

    public static bool HasTrailingSeparatorHost(string path) => path.Length > 0 && IsHostSeparator(path[path.Length - 1]);

    public static bool SpecifiesCurrentDirHost(string path)
    {
        var trimmed = path;
        while (trimmed.Length > 1 && IsHostSeparator(trimmed[trimmed.Length - 1])) trimmed = trimmed.Substring(0, trimmed.Length - 1);
        return trimmed == "." || (trimmed.EndsWith(".", StringComparison.Ordinal) && trimmed.Length >= 2 && IsHostSeparator(trimmed[trimmed.Length - 2]));
    }

    public static bool AssertsDirectoryHost(string path) => HasTrailingSeparatorHost(path) || SpecifiesCurrentDirHost(path);

    /// <summary>A full host path without '.' and '..' elements and without trailing separators (except at the root).</summary>
    public static string CleanHost(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        while (full.Length > root.Length && IsHostSeparator(full[full.Length - 1])) full = full.Substring(0, full.Length - 1);
        return full;
    }

    /// <summary>go-archive PreserveTrailingDotOrSeparator for host paths: a resolved path keeps the '/.' or '/' the user typed.</summary>
    public static string PreserveTrailingDotOrSeparatorHost(string resolved, string original)
    {
        var cleaned = resolved;
        if (!SpecifiesCurrentDirHost(cleaned) && SpecifiesCurrentDirHost(original))
        {
            if (!HasTrailingSeparatorHost(cleaned)) cleaned += Path.DirectorySeparatorChar;
            cleaned += ".";
        }
        if (!HasTrailingSeparatorHost(cleaned) && HasTrailingSeparatorHost(original)) cleaned += Path.DirectorySeparatorChar;
        return cleaned;
    }

    /// <summary>The cleaned parent and base of a host path; the base is "." for a path ending in '/.'.</summary>
    public static (string Dir, string Base) SplitPathDirEntryHost(string path)
    {
        var cleaned = CleanHost(path);
        if (SpecifiesCurrentDirHost(path)) return (cleaned, ".");
        var name = Path.GetFileName(cleaned);
        if (string.IsNullOrEmpty(name)) return (cleaned, cleaned);
        return (Path.GetDirectoryName(cleaned) ?? cleaned, name);
    }

    // ---- archive entry names ----

    /// <summary>
    /// go-archive's name rebaser: replaces <paramref name="oldBase"/> at the start of an entry name with
    /// <paramref name="newBase"/> when it is the whole first element (or elements); other names are kept.
    /// </summary>
    public static Func<string, string> Rebaser(string oldBase, string newBase)
    {
        oldBase = oldBase.Replace('\\', '/').TrimEnd('/');
        newBase = newBase.Replace('\\', '/').TrimEnd('/');
        if (oldBase.Length == 0)
        {
            return name =>
            {
                name = name.TrimStart('/');
                return newBase.Length == 0 ? name : newBase + "/" + name;
            };
        }
        return name =>
        {
            if (!name.StartsWith(oldBase, StringComparison.Ordinal)) return name;
            var suffix = name.Substring(oldBase.Length);
            if (suffix.Length != 0 && suffix[0] != '/') return name;
            return newBase + suffix;
        };
    }
}
