using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Archive;

/// <summary>
/// docker cp (cli/command/container/cp.go over moby go-archive copy.go): works out from the source and the
/// destination what to archive, where to extract it and under which name, then streams the archive between the
/// engine and the host.
/// </summary>
internal static class ContainerCopier
{
    /// <summary>go-archive CopyInfo: what a copy's source or destination is.</summary>
    internal readonly struct CopyInfo
    {
        public CopyInfo(string path, bool exists, bool isDirectory, string rebaseName = "")
        {
            Path = path;
            Exists = exists;
            IsDirectory = isDirectory;
            RebaseName = rebaseName;
        }

        public string Path { get; }
        public bool Exists { get; }
        public bool IsDirectory { get; }
        public string RebaseName { get; }
    }

    // ---- out of a container ----

    public static async Task<DockerCopyResult> FromContainerAsync(ArchiveOperations archive, string container, string containerPath, string hostPath, DockerCopyOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(hostPath)) throw new DockerArgumentException("A destination path on the host is needed.", "InvalidCopyPath", hostPath);
        var source = containerPath;
        var rebaseName = string.Empty;
        if (options.FollowLink)
        {
            var stat = await archive.StatAsync(container, source, cancellationToken).ConfigureAwait(false);
            if (stat.ItemType == DockerItemType.SymbolicLink && stat.LinkTarget is { } target)
            {
                if (!target.StartsWith("/", StringComparison.Ordinal)) target = CopyPaths.JoinPosix(CopyPaths.SplitPathDirEntryPosix(source).Dir, target);
                (source, rebaseName) = GetRebaseNamePosix(source, target);
            }
        }

        var full = Path.IsPathRooted(hostPath) ? hostPath : CopyPaths.PreserveTrailingDotOrSeparatorHost(Path.GetFullPath(hostPath), hostPath);
        var destination = HostDestinationInfo(full);

        using var content = await archive.GetArchiveAsync(container, source, cancellationToken).ConfigureAwait(false);
        var sourceInfo = new CopyInfo(source, true, content.Item.IsDirectory, rebaseName);
        var (directory, rename, result) = PrepareExtraction(sourceInfo, destination);

        var tracker = new CopyTracker(options, DockerCopyDirection.FromContainer, container + ":" + containerPath, result);
        if (!content.Item.IsDirectory && content.Item.ItemType == DockerItemType.File) tracker.TotalBytes = content.Item.Size;
        using (var reader = new TarReader(new EngineStream(content.Content, container + ":" + source), leaveOpen: true))
        {
            await new HostExtractor(directory, tracker).ExtractAsync(reader, rename, cancellationToken).ConfigureAwait(false);
        }
        tracker.Complete();
        var made = HostFileSystem.Lstat(result);
        return new DockerCopyResult(DockerCopyDirection.FromContainer, container, containerPath, result, made?.Type ?? (content.Item.IsDirectory ? DockerItemType.Directory : content.Item.ItemType),
            tracker.Bytes, tracker.Entries, tracker.Warnings.ToArray(), tracker.Elapsed);
    }

    /// <summary>go-archive CopyInfoDestinationPath: follows a destination that is a symbolic link; a missing one needs an existing parent directory.</summary>
    internal static CopyInfo HostDestinationInfo(string path)
    {
        const int maxLinks = 10;
        var item = HostFileSystem.Lstat(path);
        for (var n = 0; item is not null && item.IsSymbolicLink; n++)
        {
            if (n >= maxLinks) throw new DockerException($"Too many symbolic links in '{path}'.", "SymbolicLinkLoop", DockerErrorCategory.InvalidData, path);
            if (item.LinkTarget is null) break;
            path = HostFileSystem.ResolveLink(path, item.LinkTarget);
            item = HostFileSystem.Lstat(path);
        }
        if (item is not null) return new CopyInfo(path, true, item.IsDirectory);

        var (parent, _) = CopyPaths.SplitPathDirEntryHost(path);
        var parentItem = HostFileSystem.Stat(parent);
        if (parentItem is null)
            throw new DockerException($"Cannot copy to '{path}': the directory '{parent}' does not exist (docker cp does not create parent directories).", "HostPathNotFound", DockerErrorCategory.ObjectNotFound, path);
        if (!parentItem.IsDirectory)
            throw new DockerException($"Cannot copy to '{path}': '{parent}' is not a directory.", "NotADirectory", DockerErrorCategory.InvalidArgument, path);
        return new CopyInfo(path, false, false);
    }

    /// <summary>
    /// go-archive PrepareArchiveCopy for an extraction on the host: the directory to extract into, how to rename the
    /// archive's entries, and the full path of the item the copy makes.
    /// </summary>
    internal static (string Directory, Func<string, string> Rename, string Result) PrepareExtraction(CopyInfo source, CopyInfo destination)
    {
        var sourceBase = CopyPaths.SplitPathDirEntryPosix(source.Path).Base;
        Func<string, string> rename = static n => n;
        if (source.RebaseName.Length > 0)
        {
            rename = CopyPaths.Rebaser(sourceBase, source.RebaseName);
            sourceBase = source.RebaseName;
        }
        var (destinationDir, destinationBase) = CopyPaths.SplitPathDirEntryHost(destination.Path);

        if (destination.Exists && destination.IsDirectory)
        {
            var dir = CopyPaths.CleanHost(destination.Path);
            return (dir, rename, sourceBase == "." ? dir : Path.Combine(dir, sourceBase));
        }
        if (destination.Exists && source.IsDirectory) throw CannotCopyDirectoryToFile(source.Path, destination.Path);
        if (!destination.Exists && !source.IsDirectory && CopyPaths.AssertsDirectoryHost(destination.Path)) throw DirectoryNotFound(destination.Path);

        var first = rename;
        var second = CopyPaths.Rebaser(sourceBase, destinationBase);
        return (destinationDir, n => second(first(n)), Path.Combine(destinationDir, destinationBase));
    }

    /// <summary>go-archive GetRebaseName for container paths: keeps the '/.' or '/' of the path asked for, and its name.</summary>
    internal static (string Resolved, string RebaseName) GetRebaseNamePosix(string path, string resolved)
    {
        if (CopyPaths.SpecifiesCurrentDirPosix(path) && !CopyPaths.SpecifiesCurrentDirPosix(resolved)) resolved += "/.";
        if (CopyPaths.HasTrailingSeparatorPosix(path) && !CopyPaths.HasTrailingSeparatorPosix(resolved)) resolved += "/";
        var rebase = CopyPaths.BasePosix(path) != CopyPaths.BasePosix(resolved) ? CopyPaths.BasePosix(path) : string.Empty;
        return (resolved, rebase);
    }

    // ---- into a container ----

    public static async Task<DockerCopyResult> ToContainerAsync(ArchiveOperations archive, string hostPath, string container, string containerPath, DockerCopyOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(hostPath)) throw new DockerArgumentException("A source path on the host is needed.", "InvalidCopyPath", hostPath);
        if (string.IsNullOrEmpty(containerPath)) throw new DockerArgumentException($"A destination path inside the container '{container}' is needed.", "InvalidCopyPath", container + ":");
        var full = Path.IsPathRooted(hostPath) ? hostPath : CopyPaths.PreserveTrailingDotOrSeparatorHost(Path.GetFullPath(hostPath), hostPath);

        // The destination, as the engine describes it; a symbolic link is followed once, as docker cp does.
        var destination = new CopyInfo(containerPath, false, false);
        var stat = await TryStatAsync(archive, container, containerPath, cancellationToken).ConfigureAwait(false);
        if (stat is not null && stat.ItemType == DockerItemType.SymbolicLink && stat.LinkTarget is { } linkTarget)
        {
            if (!linkTarget.StartsWith("/", StringComparison.Ordinal)) linkTarget = CopyPaths.JoinPosix(CopyPaths.SplitPathDirEntryPosix(containerPath).Dir, linkTarget);
            destination = new CopyInfo(linkTarget, false, false);
            stat = await TryStatAsync(archive, container, linkTarget, cancellationToken).ConfigureAwait(false);
        }
        if (stat is not null)
        {
            if (stat.ItemType is not (DockerItemType.Directory or DockerItemType.File))
                throw new DockerException($"The destination {container}:{containerPath} must be a directory or a regular file; it is {Article(stat.ItemType)}.",
                    "InvalidCopyDestination", DockerErrorCategory.InvalidArgument, container + ":" + containerPath);
            destination = new CopyInfo(destination.Path, true, stat.IsDirectory);
        }

        // The source: a final symbolic link is copied as a link unless -FollowLink, or the path ends with '/' or '/.'.
        var cleaned = CopyPaths.CleanHost(full);
        var follow = options.FollowLink || CopyPaths.AssertsDirectoryHost(full);
        var item = HostErrors.Guard(() => follow ? HostFileSystem.Stat(cleaned) : HostFileSystem.Lstat(cleaned), cleaned)
            ?? throw new DockerException($"Cannot find path '{full}' because it does not exist.", "HostPathNotFound", DockerErrorCategory.ObjectNotFound, full);
        if (CopyPaths.AssertsDirectoryHost(full) && !item.IsDirectory)
            throw new DockerException($"'{cleaned}' is not a directory (the path ends with a separator or '.').", "NotADirectory", DockerErrorCategory.InvalidArgument, full);
        var sourceBase = CopyPaths.SplitPathDirEntryHost(full).Base;

        var (directory, rootName) = PrepareUpload(sourceBase, item.IsDirectory, destination, container);
        var result = rootName == "." ? directory : CopyPaths.JoinPosix(directory, rootName);
        if (!destination.Exists)
        {
            // The engine extracts into an existing directory only; say so now rather than after sending the archive.
            var parent = await TryStatAsync(archive, container, directory, cancellationToken).ConfigureAwait(false);
            if (parent is null)
                throw new DockerNotFoundException($"The path '{directory}' does not exist in the container '{container}' (docker cp does not create parent directories).", "ContainerPathNotFound", container + ":" + directory);
            if (!parent.IsDirectory)
                throw new DockerException($"Cannot copy to {container}:{containerPath}: '{directory}' is not a directory.", "NotADirectory", DockerErrorCategory.InvalidArgument, container + ":" + directory);
        }
        if (rootName != ".")
        {
            // A kind conflict at the top is found now, with a clear error, rather than by the engine halfway through.
            var existing = await TryStatAsync(archive, container, result, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing.IsDirectory != item.IsDirectory)
            {
                throw existing.IsDirectory
                    ? new DockerException($"Cannot overwrite the directory {container}:{result} with the non-directory '{cleaned}'.", "CannotOverwriteDirectory", DockerErrorCategory.ResourceExists, container + ":" + result)
                    : new DockerException($"Cannot overwrite the non-directory {container}:{result} with the directory '{cleaned}'.", "CannotOverwriteNonDirectory", DockerErrorCategory.ResourceExists, container + ":" + result);
            }
        }

        var tracker = new CopyTracker(options, DockerCopyDirection.ToContainer, cleaned, container + ":" + result);
        if (options.Progress is not null) tracker.TotalBytes = HostErrors.Guard(() => HostArchiver.Measure(cleaned, item), cleaned);
        await archive.PutArchiveAsync(container, directory, async (stream, token) =>
        {
            using var writer = new TarWriter(stream, leaveOpen: true);
            await HostArchiver.WriteAsync(writer, cleaned, item, rootName, tracker, token).ConfigureAwait(false);
        }, noOverwriteDirNonDir: true, copyOwnership: options.CopyOwnership, cancellationToken).ConfigureAwait(false);
        tracker.Complete();
        return new DockerCopyResult(DockerCopyDirection.ToContainer, container, cleaned, result, item.IsDirectory ? DockerItemType.Directory : item.Type,
            tracker.Bytes, tracker.Entries, tracker.Warnings.ToArray(), tracker.Elapsed);
    }

    /// <summary>go-archive PrepareArchiveCopy for an upload: the container directory to extract into, and the archive's top name ("." for the contents only).</summary>
    internal static (string Directory, string RootName) PrepareUpload(string sourceBase, bool sourceIsDirectory, CopyInfo destination, string container)
    {
        var (parent, destinationBase) = CopyPaths.SplitPathDirEntryPosix(destination.Path);
        if (destination.Exists && destination.IsDirectory) return (CopyPaths.CleanPosix(destination.Path), sourceBase);
        if (destination.Exists && sourceIsDirectory) throw CannotCopyDirectoryToFile(sourceBase, container + ":" + destination.Path);
        if (!destination.Exists && !sourceIsDirectory && CopyPaths.AssertsDirectoryPosix(destination.Path)) throw DirectoryNotFound(container + ":" + destination.Path);
        return (parent, destinationBase);
    }

    private static async Task<DockerContainerItem?> TryStatAsync(ArchiveOperations archive, string container, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await archive.StatAsync(container, path, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerNotFoundException ex) when (ex.ErrorId == "ContainerPathNotFound")
        {
            return null;
        }
    }

    private static DockerException CannotCopyDirectoryToFile(string source, string destination) =>
        new($"Cannot copy the directory '{source}' to '{destination}', which is a file.", "CannotCopyDirectoryToFile", DockerErrorCategory.InvalidArgument, destination);

    private static DockerException DirectoryNotFound(string destination) =>
        new($"The destination directory '{destination}' does not exist; a file cannot be copied to a path that ends with '/' unless that directory exists.",
            "DestinationDirectoryNotFound", DockerErrorCategory.ObjectNotFound, destination);

    /// <summary>The archive as the engine sends it: a broken connection is reported as the engine's, not as the host file system's.</summary>
    private sealed class EngineStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly string _what;

        public EngineStream(Stream inner, string what)
        {
            _inner = inner;
            _what = what;
        }


        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
            {
                throw new DockerException($"The connection to the engine broke while the archive of {_what} was being read: {ex.Message}", "EngineConnectionLost",
                    DockerErrorCategory.ConnectionError, _what, ex);
            }
        }
    }

    private static string Article(DockerItemType type) => type switch
    {
        DockerItemType.SymbolicLink => "a symbolic link",
        DockerItemType.NamedPipe => "a named pipe",
        DockerItemType.Socket => "a socket",
        DockerItemType.BlockDevice => "a block device",
        DockerItemType.CharacterDevice => "a character device",
        _ => "not a file",
    };
}
