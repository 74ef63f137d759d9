using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Archive;

/// <summary>What a host path is, without following a final symbolic link (lstat), as the copy needs it.</summary>
internal sealed class HostItem
{
    public HostItem(string path, DockerItemType type, int mode, long size, DateTime lastWriteTimeUtc, string? linkTarget)
    {
        Path = path;
        Type = type;
        Mode = mode;
        Size = size;
        LastWriteTimeUtc = lastWriteTimeUtc;
        LinkTarget = linkTarget;
    }

    public string Path { get; }

    public DockerItemType Type { get; }

    /// <summary>Permission and special bits (07777).</summary>
    public int Mode { get; }

    public long Size { get; }

    public DateTime LastWriteTimeUtc { get; }

    public string? LinkTarget { get; }

    public bool IsDirectory => Type == DockerItemType.Directory;

    public bool IsSymbolicLink => Type == DockerItemType.SymbolicLink;
}

/// <summary>
/// The host file system operations a copy needs that netstandard2.0 lacks: Unix modes, symbolic links, link
/// times, atomic replacement. The .NET 6/7 APIs (UnixFileMode, LinkTarget, CreateSymbolicLink) are bound at run
/// time when present, as under PowerShell 7.4; libc's rename and lutimes are called on Unix. Under Windows
/// PowerShell 5.1 modes are not kept (docker's defaults apply) and symbolic links cannot be read or made.
/// </summary>
internal static class HostFileSystem
{
    public static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    private static readonly PropertyInfo? UnixFileModeProperty = typeof(FileSystemInfo).GetProperty("UnixFileMode");
    private static readonly PropertyInfo? LinkTargetProperty = typeof(FileSystemInfo).GetProperty("LinkTarget");
    private static readonly MethodInfo? CreateSymbolicLinkMethod = typeof(File).GetMethod("CreateSymbolicLink", new[] { typeof(string), typeof(string) });
    private static readonly MethodInfo? SetUnixFileModeMethod = UnixFileModeProperty is null
        ? null
        : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), UnixFileModeProperty.PropertyType });

    /// <summary>docker cp's mode for files and directories archived on Windows (go-archive chmodTarEntry).</summary>
    public const int WindowsMode = 0x1ED; // 0755

    public static bool CanCreateSymbolicLinks => CreateSymbolicLinkMethod is not null;

    public static bool KeepsModes => !IsWindows && UnixFileModeProperty is not null && SetUnixFileModeMethod is not null;

    /// <summary>The item at <paramref name="path"/>, not following a final symbolic link; null when nothing is there.</summary>
    public static HostItem? Lstat(string path)
    {
        var info = new FileInfo(path);
        var attributes = info.Attributes;
        if ((int)attributes == -1) return null;
        return Describe(info, attributes, path);
    }

    /// <summary>Describes an item already enumerated (its attributes are cached by the enumeration).</summary>
    public static HostItem Describe(FileSystemInfo info) => Describe(info, info.Attributes, info.FullName);

    private static HostItem Describe(FileSystemInfo info, FileAttributes attributes, string path)
    {
        if ((attributes & FileAttributes.ReparsePoint) != 0)
        {
            var target = ReadLink(info);
            if (target is not null || !IsWindows)
                return new HostItem(path, DockerItemType.SymbolicLink, 0x1FF, target is null ? 0 : target.Length, info.LastWriteTimeUtc, target);
        }
        if ((attributes & FileAttributes.Directory) != 0)
        {
            var dir = info as DirectoryInfo ?? new DirectoryInfo(path);
            return new HostItem(path, DockerItemType.Directory, ModeOf(dir, directory: true), 0, dir.LastWriteTimeUtc, null);
        }
        var file = info as FileInfo ?? new FileInfo(path);
        return new HostItem(path, DockerItemType.File, ModeOf(file, directory: false), file.Length, file.LastWriteTimeUtc, null);
    }

    /// <summary>The item <paramref name="path"/> leads to, following symbolic links (at most 40, as Linux); null when it leads nowhere.</summary>
    public static HostItem? Stat(string path)
    {
        var current = path;
        for (var hops = 0; hops <= 40; hops++)
        {
            var item = Lstat(current);
            if (item is null || !item.IsSymbolicLink) return item;
            if (item.LinkTarget is null) return null;
            current = ResolveLink(current, item.LinkTarget);
        }
        throw new DockerException($"Too many levels of symbolic links at '{path}'.", "SymbolicLinkLoop", DockerErrorCategory.InvalidData, path);
    }

    /// <summary>
    /// filepath.EvalSymlinks: the full path with every symbolic link in it (not only the last) replaced by what it
    /// points to; null when some part of it does not exist. Throws SymbolicLinkLoop after 255 links.
    /// </summary>
    public static string? EvalSymlinks(string path)
    {
        var hops = 0;
        return EvalSymlinks(Path.GetFullPath(path), ref hops);
    }

    private static string? EvalSymlinks(string full, ref int hops)
    {
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        var parts = full.Substring(root.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var candidate = Path.Combine(current, part);
            var item = Lstat(candidate);
            if (item is null) return null;
            if (!item.IsSymbolicLink || item.LinkTarget is null)
            {
                current = candidate;
                continue;
            }
            if (++hops > 255) throw new DockerException($"Too many levels of symbolic links at '{full}'.", "SymbolicLinkLoop", DockerErrorCategory.InvalidData, full);
            var resolved = EvalSymlinks(ResolveLink(candidate, item.LinkTarget), ref hops);
            if (resolved is null) return null;
            current = resolved;
        }
        return current;
    }

    /// <summary>
    /// filepath.Rel for two full, clean paths: <paramref name="target"/> relative to <paramref name="basePath"/> with
    /// '/' separators ("../x" when it is outside); null when they are on different roots (drives).
    /// </summary>
    public static string? RelativePath(string basePath, string target)
    {
        var comparison = IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var baseRoot = Path.GetPathRoot(basePath) ?? string.Empty;
        if (!string.Equals(baseRoot, Path.GetPathRoot(target) ?? string.Empty, comparison)) return null;
        var separators = new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };
        var from = basePath.Substring(baseRoot.Length).Split(separators, StringSplitOptions.RemoveEmptyEntries);
        var to = target.Substring(baseRoot.Length).Split(separators, StringSplitOptions.RemoveEmptyEntries);
        var common = 0;
        while (common < from.Length && common < to.Length && string.Equals(from[common], to[common], comparison)) common++;
        var parts = new System.Collections.Generic.List<string>();
        for (var i = common; i < from.Length; i++) parts.Add("..");
        for (var i = common; i < to.Length; i++) parts.Add(to[i]);
        return parts.Count == 0 ? "." : string.Join("/", parts);
    }

    /// <summary>A link's target as a full path: relative targets are taken from the link's directory.</summary>
    public static string ResolveLink(string linkPath, string target) =>
        Path.IsPathRooted(target) ? Path.GetFullPath(target) : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(CopyPaths.CleanHost(linkPath)) ?? string.Empty, target));

    public static string? ReadLink(FileSystemInfo info)
    {
        if (LinkTargetProperty is null) return null;
        try
        {
            return (string?)LinkTargetProperty.GetValue(info);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is IOException or UnauthorizedAccessException)
        {
            throw ex.InnerException;
        }
    }

    private static int ModeOf(FileSystemInfo info, bool directory)
    {
        if (IsWindows || UnixFileModeProperty is null) return WindowsMode;
        try
        {
            return Convert.ToInt32(UnixFileModeProperty.GetValue(info), System.Globalization.CultureInfo.InvariantCulture) & 0xFFF;
        }
        catch (TargetInvocationException)
        {
            return directory ? 0x1ED : 0x1A4;
        }
    }

    /// <summary>Sets permission and special bits (chmod); nothing where modes are not kept.</summary>
    public static void SetMode(string path, int mode)
    {
        if (!KeepsModes) return;
        var value = Enum.ToObject(UnixFileModeProperty!.PropertyType, mode & 0xFFF);
        try
        {
            SetUnixFileModeMethod!.Invoke(null, new[] { path, value });
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    public static void CreateSymbolicLink(string path, string target)
    {
        if (CreateSymbolicLinkMethod is null)
            throw new DockerException($"Cannot create the symbolic link '{path}': this PowerShell's .NET cannot make symbolic links; use PowerShell 7.",
                "SymbolicLinkUnsupported", DockerErrorCategory.NotImplemented, path);
        try
        {
            CreateSymbolicLinkMethod.Invoke(null, new object[] { path, target });
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    /// <summary>Sets the modification time of a file, a directory, or a symbolic link itself (not its target).</summary>
    public static void SetLastWriteTimeUtc(string path, DockerItemType type, DateTime utc)
    {
        if (type == DockerItemType.SymbolicLink)
        {
            if (!IsWindows) LibC.TrySetLinkTimes(path, utc);
            return;
        }
        if (type == DockerItemType.Directory) Directory.SetLastWriteTimeUtc(path, utc);
        else File.SetLastWriteTimeUtc(path, utc);
    }

    /// <summary>Moves <paramref name="source"/> to <paramref name="destination"/>, replacing a file or link there (atomically on Unix).</summary>
    public static void Replace(string source, string destination)
    {
        if (!IsWindows && LibC.TryRename(source, destination)) return;
        var existing = Lstat(destination);
        if (existing is not null)
        {
            if (existing.IsDirectory && !existing.IsSymbolicLink)
                throw new IOException($"Cannot replace the directory '{destination}' with a file.");
            File.Delete(destination);
        }
        File.Move(source, destination);
    }

    /// <summary>Makes <paramref name="path"/> a hard link to <paramref name="existing"/>; false where hard links cannot be made (the caller copies).</summary>
    public static bool TryCreateHardLink(string existing, string path) => !IsWindows && LibC.TryLink(existing, path);

    /// <summary>Deletes a file or link; nothing if it is gone already.</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            if (Lstat(path) is not null) File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>libc calls for what .NET has no API for; each reports false where libc or the call is missing.</summary>
    private static class LibC
    {
        private static bool _missing;

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeVal
        {
            public IntPtr Seconds;
            public IntPtr Microseconds;
        }

        [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Rename(byte[] oldPath, byte[] newPath);

        [DllImport("libc", EntryPoint = "link", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Link(byte[] oldPath, byte[] newPath);

        [DllImport("libc", EntryPoint = "lutimes", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int LUTimes(byte[] path, [In] TimeVal[] times);

        /// <summary>A path as libc takes it: UTF-8, NUL-terminated.</summary>
        private static byte[] Utf8Z(string s)
        {
            var bytes = new byte[TarFormat.Utf8.GetByteCount(s) + 1];
            TarFormat.Utf8.GetBytes(s, 0, s.Length, bytes, 0);
            return bytes;
        }

        public static bool TryRename(string source, string destination)
        {
            if (_missing) return false;
            try
            {
                if (Rename(Utf8Z(source), Utf8Z(destination)) == 0) return true;
                var errno = Marshal.GetLastWin32Error();
                throw new IOException($"Cannot move '{source}' to '{destination}' (errno {errno}).");
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _missing = true;
                return false;
            }
        }

        public static bool TryLink(string existing, string path)
        {
            if (_missing) return false;
            try
            {
                // EXDEV, EPERM (file systems without hard links), EMLINK...: the caller falls back to a copy.
                return Link(Utf8Z(existing), Utf8Z(path)) == 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _missing = true;
                return false;
            }
        }

        public static bool TrySetLinkTimes(string path, DateTime utc)
        {
            if (_missing) return false;
            try
            {
                var (seconds, ticks) = TarFormat.ToUnix(utc);
                if (IntPtr.Size == 4 && (seconds > int.MaxValue || seconds < int.MinValue)) return false;
                var tv = new TimeVal { Seconds = new IntPtr(seconds), Microseconds = new IntPtr(ticks / 10) };
                return LUTimes(Utf8Z(path), new[] { tv, tv }) == 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _missing = true;
                return false;
            }
        }
    }
}
