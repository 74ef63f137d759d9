using System;
using System.Collections.Generic;

namespace DockerPS.Engine.Arguments;

/// <summary>What a path written in a volume or mount looks like, judged on the text alone (never the client OS).</summary>
internal enum PathShape
{
    Empty,

    /// <summary><c>/x</c>: absolute for a Linux engine.</summary>
    UnixAbsolute,

    /// <summary><c>C:\x</c>, <c>C:/x</c> or <c>\\?\C:\x</c>: absolute on Windows (Docker Desktop, Windows engines).</summary>
    WindowsAbsolute,

    /// <summary><c>C:</c> or <c>C:x</c>: relative to the drive's current directory; no engine takes it.</summary>
    WindowsDriveRelative,

    /// <summary><c>\\.\pipe\name</c> or <c>//./pipe/name</c>.</summary>
    NamedPipe,

    /// <summary><c>\\server\share</c>: no engine binds it.</summary>
    Unc,

    /// <summary>
    /// Starts with <c>.</c> (docker's rule: <c>.</c>, <c>..</c>, <c>./x</c>, <c>..\x</c>, <c>.x</c>) or is <c>~</c>, <c>~/x</c>, <c>~\x</c>:
    /// resolved by the caller against the PowerShell location.
    /// </summary>
    Relative,

    /// <summary>Anything else: a volume name, or a relative path written without <c>./</c>.</summary>
    Other,
}

internal static class HostPaths
{
    internal static PathShape Classify(string path)
    {
        if (path.Length == 0) return PathShape.Empty;
        if (IsNamedPipe(path)) return PathShape.NamedPipe;
        if (path[0] == '/') return PathShape.UnixAbsolute;
        if (IsDriveLetter(path, 0))
            return path.Length > 2 && IsSlash(path[2]) ? PathShape.WindowsAbsolute : PathShape.WindowsDriveRelative;
        if (path.StartsWith(@"\\?\", StringComparison.Ordinal) && IsDriveLetter(path, 4) && path.Length > 6 && IsSlash(path[6]))
            return PathShape.WindowsAbsolute;
        if (path.StartsWith(@"\\", StringComparison.Ordinal)) return PathShape.Unc;
        if (path[0] == '.') return PathShape.Relative;
        if (path[0] == '~' && (path.Length == 1 || IsSlash(path[1]))) return PathShape.Relative;
        return PathShape.Other;
    }

    /// <summary>
    /// A container path the engines take: Linux absolute and not <c>/</c> itself, Windows absolute and not
    /// <c>C:\</c>, or a named pipe. Returns the reason when it is not.
    /// </summary>
    internal static string? CheckContainerPath(string path)
    {
        switch (Classify(path))
        {
            case PathShape.UnixAbsolute:
                if (path.IndexOf('\\') >= 0) return $"the container path '{path}' mixes '/' and '\\'; a Linux container path uses '/' only";
                return IsUnixRoot(path) ? "the container path cannot be '/' itself" : null;
            case PathShape.WindowsAbsolute:
                return IsWindowsSystemRoot(path) ? $"the container path cannot be the root of the system drive, '{path}'" : null;
            case PathShape.NamedPipe:
                return null;
            case PathShape.Empty:
                return "the container path is empty";
            default:
                return $"the container path '{path}' is not absolute (it must start with '/', or be a Windows path such as C:\\data)";
        }
    }

    internal static bool IsDriveLetter(string text, int index) =>
        text.Length > index + 1 && IsAsciiLetter(text[index]) && text[index + 1] == ':';

    internal static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsSlash(char c) => c == '/' || c == '\\';

    private static bool IsNamedPipe(string path)
    {
        // As the Windows engine's pattern: two slashes, '.', a slash, 'pipe', a slash and a name; either slash.
        if (path.Length < 10) return false;
        return IsSlash(path[0]) && IsSlash(path[1]) && path[2] == '.' && IsSlash(path[3])
            && string.Compare(path, 4, "pipe", 0, 4, StringComparison.OrdinalIgnoreCase) == 0
            && IsSlash(path[8]) && path.Length > 9;
    }

    /// <summary>As Go's <c>path.Clean(p) == "/"</c>: <c>/</c>, <c>//</c>, <c>/.</c>, <c>/a/..</c>, <c>/..</c>.</summary>
    private static bool IsUnixRoot(string path)
    {
        var depth = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (depth.Count > 0) depth.RemoveAt(depth.Count - 1);
                continue;
            }
            depth.Add(segment);
        }
        return depth.Count == 0;
    }

    private static bool IsWindowsSystemRoot(string path)
    {
        var p = path.StartsWith(@"\\?\", StringComparison.Ordinal) ? path.Substring(4) : path;
        return p.Length == 3 && (p[0] == 'c' || p[0] == 'C');
    }

    /// <summary>
    /// Docker's rule for a local volume name (moby <c>daemon/names</c>, <c>RestrictedNamePattern</c>):
    /// <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>, so at least two characters.
    /// </summary>
    internal static bool IsVolumeName(string name)
    {
        if (name.Length < 2 || !IsAsciiLetterOrDigit(name[0])) return false;
        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            if (!IsAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-') return false;
        }
        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || (c >= '0' && c <= '9');

    /// <summary>
    /// Hands a relative host path to the caller's resolver (the PowerShell current location) and checks that the
    /// answer is a path an engine can bind. Returns the reason when it is not.
    /// </summary>
    internal static string Resolve(string relative, Func<string, string> resolveRelativeHostPath, out string? reason)
    {
        var resolved = resolveRelativeHostPath(relative);
        reason = null;
        if (string.IsNullOrEmpty(resolved))
        {
            reason = $"the relative host path '{relative}' could not be resolved";
            return relative;
        }
        var shape = Classify(resolved);
        if (shape is not (PathShape.UnixAbsolute or PathShape.WindowsAbsolute))
            reason = $"the relative host path '{relative}' resolved to '{resolved}', which is not a local absolute path an engine can bind";
        return resolved;
    }
}
