using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Archive;

/// <summary>
/// Archives a host file or directory tree into a <see cref="TarWriter"/> as go-archive's TarWithOptions does for
/// docker cp: depth first, names in ordinal order, a directory before its contents; symbolic links stored as links;
/// modification times to the second; owner root (uid and gid 0). Files are read as they are sent.
/// </summary>
internal static class HostArchiver
{
    private const int ReadBufferSize = 1;

    /// <summary>
    /// Writes <paramref name="root"/> (read through <paramref name="path"/>) under <paramref name="rootName"/>, or only
    /// its contents when <paramref name="rootName"/> is "."; then the end of the archive.
    /// </summary>
    public static async Task WriteAsync(TarWriter writer, string path, HostItem root, string rootName, CopyTracker tracker, CancellationToken cancellationToken)
    {
        // Host failures become DockerExceptions where they happen; an IOException that leaves here is the connection's.
        if (rootName == ".")
        {
            if (!root.IsDirectory) throw NotADirectory(path);
            await WriteChildrenAsync(writer, path, string.Empty, tracker, null, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteItemAsync(writer, root, path, rootName, tracker, null, null, cancellationToken).ConfigureAwait(false);
        }
        await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the contents of the directory <paramref name="directory"/> (not the directory itself), keeping what
    /// <paramref name="filter"/> chooses, in the same order and form as <see cref="WriteAsync"/>. The archive is not
    /// finished: the caller may add entries.
    /// </summary>
    public static Task WriteContentsAsync(TarWriter writer, string directory, CopyTracker tracker, IArchiveFilter filter, CancellationToken cancellationToken) =>
        WriteChildrenAsync(writer, directory, string.Empty, tracker, filter ?? throw new ArgumentNullException(nameof(filter)), null, cancellationToken);

    /// <summary>The bytes of file content under <paramref name="root"/>, for progress (docker cp's localContentSize).</summary>
    public static long Measure(string path, HostItem root)
    {
        if (!root.IsDirectory) return root.Type == DockerItemType.File ? root.Size : 0;
        long total = 0;
        var pending = new Stack<string>();
        pending.Push(path);
        while (pending.Count > 0)
        {
            foreach (var info in new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos())
            {
                var item = HostFileSystem.Describe(info);
                if (item.IsDirectory) pending.Push(info.FullName);
                else if (item.Type == DockerItemType.File) total += item.Size;
            }
        }
        return total;
    }

    private static async Task WriteItemAsync(TarWriter writer, HostItem item, string path, string name, CopyTracker tracker, IArchiveFilter? filter, object? state,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entry = new TarEntry(item.IsDirectory ? name + "/" : name, item.Type switch
        {
            DockerItemType.Directory => TarEntryType.Directory,
            DockerItemType.SymbolicLink => TarEntryType.SymbolicLink,
            _ => TarEntryType.RegularFile,
        })
        {
            Mode = item.Mode,
            // Whole seconds, as docker cp (go-archive FileInfoHeader) writes them.
            ModificationTime = new DateTime(item.LastWriteTimeUtc.Ticks - (item.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc),
        };

        switch (item.Type)
        {
            case DockerItemType.Directory:
                await writer.WriteHeaderAsync(entry, cancellationToken).ConfigureAwait(false);
                tracker.Entry(entry.Name);
                await WriteChildrenAsync(writer, path, name + "/", tracker, filter, state, cancellationToken).ConfigureAwait(false);
                break;
            case DockerItemType.SymbolicLink:
                entry.LinkName = item.LinkTarget
                    ?? throw new DockerException($"Cannot read the target of the symbolic link '{path}' with this PowerShell's .NET; use PowerShell 7.", "SymbolicLinkUnsupported", DockerErrorCategory.NotImplemented, path);
                await writer.WriteHeaderAsync(entry, cancellationToken).ConfigureAwait(false);
                tracker.Entry(entry.Name);
                break;
            default:
                entry.Size = item.Size;
                await writer.WriteHeaderAsync(entry, cancellationToken).ConfigureAwait(false);
                tracker.Entry(entry.Name);
                // An empty file is never opened: special files (FIFOs, sockets, devices) look like empty files to .NET.
                if (item.Size > 0)
                {
                    using var file = new HostReadStream(HostErrors.Guard(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, ReadBufferSize, FileOptions.SequentialScan), path), path);
                    await writer.CopyDataFromAsync(file, tracker.Add, cancellationToken).ConfigureAwait(false);
                }
                break;
        }
    }

    private static async Task WriteChildrenAsync(TarWriter writer, string directory, string prefix, CopyTracker tracker, IArchiveFilter? filter, object? parentState,
        CancellationToken cancellationToken)
    {
        var children = HostErrors.Guard(() => new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal).ToList(), directory);
        foreach (var child in children)
        {
            var item = HostErrors.Guard(() => HostFileSystem.Describe(child), child.FullName);
            var name = prefix + child.Name;
            object? state = null;
            var choice = filter?.Choose(name, item.IsDirectory, parentState, out state) ?? ArchiveChoice.Write;
            if (choice == ArchiveChoice.Write)
            {
                await WriteItemAsync(writer, item, child.FullName, name, tracker, filter, state, cancellationToken).ConfigureAwait(false);
            }
            else if (choice == ArchiveChoice.WalkOnly && item.IsDirectory)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await WriteChildrenAsync(writer, child.FullName, name + "/", tracker, filter, state, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static DockerException NotADirectory(string path) =>
        new($"'{path}' is not a directory, so '{path}{Path.DirectorySeparatorChar}.' (its contents) cannot be copied.", "NotADirectory", DockerErrorCategory.InvalidArgument, path);

    /// <summary>A file being archived: its read failures are reported as the host's, not as the connection's.</summary>
    private sealed class HostReadStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly string _path;

        public HostReadStream(Stream inner, string path)
        {
            _inner = inner;
            _path = path;
        }


        public override int Read(byte[] buffer, int offset, int count) => HostErrors.Guard(() => _inner.Read(buffer, offset, count), _path);

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw HostErrors.From(ex, _path);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>What an archive does with one item of a directory tree.</summary>
internal enum ArchiveChoice
{
    /// <summary>Archive it (a directory with what the filter keeps of its contents).</summary>
    Write,

    /// <summary>Leave it out, with everything below it.</summary>
    Skip,

    /// <summary>Leave a directory itself out but still decide on each item in it.</summary>
    WalkOnly,
}

/// <summary>Chooses which items of a directory tree go into an archive (a build context's .dockerignore).</summary>
internal interface IArchiveFilter
{
    /// <summary>
    /// The choice for the item archived as <paramref name="name"/> ('/'-separated, relative, no trailing '/').
    /// <paramref name="parentState"/> is the state this returned for the directory holding the item (null at the
    /// top); <paramref name="state"/> is handed to the item's own contents.
    /// </summary>
    ArchiveChoice Choose(string name, bool isDirectory, object? parentState, out object? state);
}

/// <summary>Host file system failures as DockerExceptions, so the cmdlet writes complete error records.</summary>
internal static class HostErrors
{
    public static DockerException From(Exception ex, string path) => ex switch
    {
        DockerException d => d,
        FileNotFoundException or DirectoryNotFoundException => new DockerException(ex.Message, "HostPathNotFound", DockerErrorCategory.ObjectNotFound, path, ex),
        UnauthorizedAccessException => new DockerException(ex.Message, "HostAccessDenied", DockerErrorCategory.PermissionDenied, path, ex),
        _ => new DockerException(ex.Message, "HostIOError", DockerErrorCategory.InvalidOperation, path, ex),
    };

    /// <summary>Runs a host file system operation, turning its IOException or access failure into a DockerException.</summary>
    public static T Guard<T>(Func<T> operation, string path)
    {
        try
        {
            return operation();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw From(ex, path);
        }
    }

    public static void Guard(Action operation, string path)
    {
        try
        {
            operation();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw From(ex, path);
        }
    }
}
