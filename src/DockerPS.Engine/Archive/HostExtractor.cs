using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Archive;

/// <summary>
/// Extracts a tar stream into a host directory as go-archive's Untar does for docker cp (existing directories are
/// merged, a directory never replaces a non-directory or the reverse), but all or nothing: files and links are
/// written under temporary names beside their final ones and only renamed into place once the whole archive has
/// arrived; on failure or cancellation every temporary file and every directory this extraction created is
/// removed, so nothing partial is left and nothing existing is lost. Modes and modification times come from the
/// archive (directories' at the end, deepest first); ownership is the current user's, as docker cp.
/// Entries that would land outside the directory (<c>..</c>, or through a symbolic link) are refused.
/// </summary>
internal sealed class HostExtractor
{
    private const int PieceSize = 256 * 1024;

    private readonly string _root;
    private readonly CopyTracker _tracker;
    private readonly string _tempPrefix = ".dockerps-cp-" + Guid.NewGuid().ToString("n").Substring(0, 8) + "-";
    private readonly StringComparer _names = HostFileSystem.IsWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
    private readonly Dictionary<string, Pending> _pending;
    private readonly List<Pending> _order = new();
    private readonly List<string> _createdDirectories = new();
    private readonly Dictionary<string, DirectoryMeta> _directoryMeta;
    private readonly HashSet<string> _knownDirectories;
    private string? _writing;
    private int _counter;
    private int _hardLinkCopies;
    private int _skippedSpecial;

    public HostExtractor(string root, CopyTracker tracker)
    {
        _root = CopyPaths.CleanHost(root);
        _tracker = tracker;
        _pending = new Dictionary<string, Pending>(_names);
        _directoryMeta = new Dictionary<string, DirectoryMeta>(_names);
        _knownDirectories = new HashSet<string>(_names) { string.Empty };
    }

    private sealed class Pending
    {
        public Pending(string temp, string final, string display)
        {
            Temp = temp;
            Final = final;
            Display = display;
        }

        public string Temp { get; }
        public string Final { get; }
        public string Display { get; }
        public bool Superseded { get; set; }
        public bool Committed { get; set; }
    }

    private sealed class DirectoryMeta
    {
        public DirectoryMeta(string path, int depth, int mode, DateTime time)
        {
            Path = path;
            Depth = depth;
            Mode = mode;
            Time = time;
        }

        public string Path { get; }
        public int Depth { get; }
        public int Mode { get; }
        public DateTime Time { get; }
    }

    /// <summary>Extracts every entry, naming each by <paramref name="rename"/>(its archive name), then commits.</summary>
    public async Task ExtractAsync(TarReader reader, Func<string, string> rename, CancellationToken cancellationToken)
    {
        var committed = false;
        try
        {
            if (!Directory.Exists(_root))
                throw new DockerException($"The destination directory '{_root}' does not exist.", "HostPathNotFound", DockerErrorCategory.ObjectNotFound, _root);
            TarEntry? entry;
            while ((entry = await reader.GetNextEntryAsync(cancellationToken).ConfigureAwait(false)) is not null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ExtractEntryAsync(reader, entry, rename, cancellationToken).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            Commit();
            committed = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw HostErrors.From(ex, _root);
        }
        finally
        {
            if (!committed) Rollback();
        }
        if (_hardLinkCopies > 0)
            _tracker.Warnings.Add(string.Format(CultureInfo.InvariantCulture, "{0} hard link(s) could not be made on this file system and were written as copies.", _hardLinkCopies));
        if (_skippedSpecial > 0)
            _tracker.Warnings.Add(string.Format(CultureInfo.InvariantCulture, "{0} device file(s) or named pipe(s) were skipped; docker cp creates them only when run as root.", _skippedSpecial));
    }

    private async Task ExtractEntryAsync(TarReader reader, TarEntry entry, Func<string, string> rename, CancellationToken cancellationToken)
    {
        var name = rename(entry.Name);
        var parts = SplitEntryName(name, entry.Name);
        if (parts is null) return;
        if (parts.Count == 0) return; // the destination itself ("." or "./"): docker cp leaves it as it is.

        var relative = string.Join("/", parts);
        var full = FullPath(parts, parts.Count);
        var parent = EnsureParents(parts, entry.Name);

        switch (entry.Type)
        {
            case TarEntryType.Directory:
                ExtractDirectory(entry, parts, relative, full);
                break;
            case TarEntryType.RegularFile:
            case TarEntryType.HardLink:
            case TarEntryType.SymbolicLink:
                RefuseOverDirectory(entry, relative, full);
                var temp = Path.Combine(parent, _tempPrefix + (++_counter).ToString(CultureInfo.InvariantCulture));
                _writing = temp;
                if (entry.Type == TarEntryType.RegularFile) await WriteFileAsync(reader, entry, temp, cancellationToken).ConfigureAwait(false);
                else if (entry.Type == TarEntryType.HardLink) WriteHardLink(entry, temp, rename);
                else WriteSymbolicLink(entry, temp);
                AddPending(relative, new Pending(temp, full, entry.Name));
                _writing = null;
                break;
            default:
                _skippedSpecial++;
                return;
        }
        _tracker.Entry(entry.Name);
    }

    /// <summary>The entry's path elements below the destination; null to skip it; refuses names that leave the destination.</summary>
    private static List<string>? SplitEntryName(string name, string original)
    {
        var cleaned = CopyPaths.CleanPosix(name.TrimStart('/'));
        if (cleaned == ".") return new List<string>();
        if (cleaned == ".." || cleaned.StartsWith("../", StringComparison.Ordinal))
            throw Escapes(original, "it leads out of the destination directory");
        var parts = cleaned.Split('/').ToList();
        foreach (var part in parts)
        {
            if (part.IndexOf('\0') >= 0) throw Escapes(original, "it contains a NUL character");
            if (HostFileSystem.IsWindows && (part.IndexOf('\\') >= 0 || part.IndexOf(':') >= 0))
                throw Escapes(original, "Windows cannot represent a name containing '\\' or ':'");
        }
        return parts;
    }

    private static DockerException Escapes(string name, string why) =>
        new($"The archive entry '{name}' was refused: {why}.", "ArchiveEntryRefused", DockerErrorCategory.SecurityError, name);

    private string FullPath(List<string> parts, int count)
    {
        var path = _root;
        for (var i = 0; i < count; i++) path = Path.Combine(path, parts[i]);
        return path;
    }

    /// <summary>
    /// Makes sure every parent of the entry is a real directory under the destination: creates missing ones
    /// (removed again on failure), refuses to go through a symbolic link or a file. Returns the parent's full path.
    /// </summary>
    private string EnsureParents(List<string> parts, string entryName)
    {
        var path = _root;
        var relative = string.Empty;
        for (var i = 0; i < parts.Count - 1; i++)
        {
            path = Path.Combine(path, parts[i]);
            relative = relative.Length == 0 ? parts[i] : relative + "/" + parts[i];
            if (_knownDirectories.Contains(relative)) continue;
            if (_pending.ContainsKey(relative))
                throw Escapes(entryName, $"'{relative}' is a file or link earlier in the archive, not a directory");
            var item = HostFileSystem.Lstat(path);
            if (item is null)
            {
                Directory.CreateDirectory(path);
                _createdDirectories.Add(path);
            }
            else if (item.IsSymbolicLink)
            {
                throw Escapes(entryName, $"it would be written through the symbolic link '{path}'");
            }
            else if (!item.IsDirectory)
            {
                throw new DockerException($"Cannot extract '{entryName}': '{path}' is a file, not a directory.", "NotADirectory", DockerErrorCategory.ResourceExists, path);
            }
            _knownDirectories.Add(relative);
        }
        return path;
    }

    private void ExtractDirectory(TarEntry entry, List<string> parts, string relative, string full)
    {
        if (_pending.ContainsKey(relative))
            throw CannotOverwrite(full, entry.Name, directory: false);
        if (!_knownDirectories.Contains(relative))
        {
            var item = HostFileSystem.Lstat(full);
            if (item is null)
            {
                Directory.CreateDirectory(full);
                _createdDirectories.Add(full);
            }
            else if (!item.IsDirectory || item.IsSymbolicLink)
            {
                // docker cp sets noOverwriteDirNonDir: a directory does not replace a file or a link.
                throw CannotOverwrite(full, entry.Name, directory: false);
            }
            _knownDirectories.Add(relative);
        }
        _directoryMeta[relative] = new DirectoryMeta(full, parts.Count, entry.Mode, entry.ModificationTime);
    }

    private void RefuseOverDirectory(TarEntry entry, string relative, string full)
    {
        var existing = _knownDirectories.Contains(relative) ? null : HostFileSystem.Lstat(full);
        if (_knownDirectories.Contains(relative) || (existing is not null && existing.IsDirectory && !existing.IsSymbolicLink))
            throw CannotOverwrite(full, entry.Name, directory: true);
    }

    private static DockerException CannotOverwrite(string path, string entryName, bool directory) => directory
        ? new($"Cannot overwrite the directory '{path}' with the non-directory '{entryName}'.", "CannotOverwriteDirectory", DockerErrorCategory.ResourceExists, path)
        : new($"Cannot overwrite the non-directory '{path}' with the directory '{entryName}'.", "CannotOverwriteNonDirectory", DockerErrorCategory.ResourceExists, path);

    private async Task WriteFileAsync(TarReader reader, TarEntry entry, string temp, CancellationToken cancellationToken)
    {
        var current = ArrayPool<byte>.Shared.Rent(PieceSize);
        var other = ArrayPool<byte>.Shared.Rent(PieceSize);
        Task? write = null;
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                try
                {
                    // Read the next piece from the engine while the last one is written to disk.
                    while (true)
                    {
                        var n = await reader.ReadDataFullyAsync(current, 0, PieceSize, cancellationToken).ConfigureAwait(false);
                        if (write is not null)
                        {
                            await write.ConfigureAwait(false);
                            write = null;
                        }
                        if (n == 0) break;
                        write = file.WriteAsync(current, 0, n, cancellationToken);
                        _tracker.Add(n);
                        (current, other) = (other, current);
                    }
                }
                finally
                {
                    if (write is not null)
                    {
                        try
                        {
                            await write.ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is IOException or OperationCanceledException or UnauthorizedAccessException)
                        {
                            // The failure that got us here is the one to report.
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(other);
        }
        HostFileSystem.SetMode(temp, entry.Mode);
        HostFileSystem.SetLastWriteTimeUtc(temp, DockerItemType.File, entry.ModificationTime);
    }

    private void WriteHardLink(TarEntry entry, string temp, Func<string, string> rename)
    {
        var targetParts = SplitEntryName(rename(entry.LinkName), entry.LinkName);
        if (targetParts is null || targetParts.Count == 0) throw Escapes(entry.Name, $"its hard link target '{entry.LinkName}' is the destination itself");
        var targetRelative = string.Join("/", targetParts);
        string source;
        if (_pending.TryGetValue(targetRelative, out var pending))
        {
            source = pending.Temp;
        }
        else
        {
            // A file already in the destination: only through real directories.
            for (var i = 1; i < targetParts.Count; i++)
            {
                var dir = HostFileSystem.Lstat(FullPath(targetParts, i));
                if (dir is null || !dir.IsDirectory || dir.IsSymbolicLink) throw Escapes(entry.Name, $"its hard link target '{entry.LinkName}' is not a file in the destination");
            }
            source = FullPath(targetParts, targetParts.Count);
            var item = HostFileSystem.Lstat(source);
            if (item is null || item.Type != DockerItemType.File) throw Escapes(entry.Name, $"its hard link target '{entry.LinkName}' is not a file in the destination");
        }
        if (!HostFileSystem.TryCreateHardLink(source, temp))
        {
            File.Copy(source, temp);
            HostFileSystem.SetMode(temp, entry.Mode);
            HostFileSystem.SetLastWriteTimeUtc(temp, DockerItemType.File, entry.ModificationTime);
            _hardLinkCopies++;
        }
    }

    private static void WriteSymbolicLink(TarEntry entry, string temp)
    {
        // The target is data, kept as it is (absolute or leading out): nothing here is ever written through it.
        HostFileSystem.CreateSymbolicLink(temp, entry.LinkName);
        HostFileSystem.SetLastWriteTimeUtc(temp, DockerItemType.SymbolicLink, entry.ModificationTime);
    }

    private void AddPending(string relative, Pending pending)
    {
        if (_pending.TryGetValue(relative, out var earlier))
        {
            // A later entry of the same name wins, as with tar.
            earlier.Superseded = true;
            HostFileSystem.DeleteQuietly(earlier.Temp);
        }
        _pending[relative] = pending;
        _order.Add(pending);
    }

    /// <summary>Renames every file and link into place, then sets directories' modes and times, deepest first.</summary>
    private void Commit()
    {
        foreach (var pending in _order)
        {
            if (pending.Superseded) continue;
            HostFileSystem.Replace(pending.Temp, pending.Final);
            pending.Committed = true;
        }
        foreach (var dir in _directoryMeta.Values.OrderByDescending(d => d.Depth))
        {
            HostFileSystem.SetMode(dir.Path, dir.Mode);
            HostFileSystem.SetLastWriteTimeUtc(dir.Path, DockerItemType.Directory, dir.Time);
        }
    }

    /// <summary>Removes what this extraction wrote and has not committed, and the directories it created (when empty).</summary>
    private void Rollback()
    {
        if (_writing is not null) HostFileSystem.DeleteQuietly(_writing);
        foreach (var pending in _order)
        {
            if (!pending.Committed) HostFileSystem.DeleteQuietly(pending.Temp);
        }
        for (var i = _createdDirectories.Count - 1; i >= 0; i--)
        {
            try
            {
                Directory.Delete(_createdDirectories[i], recursive: false);
            }
            catch (IOException)
            {
                // Not empty: something committed or someone else's file is in it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
