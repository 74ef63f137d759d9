using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Build;

/// <summary>
/// A local build context made ready to send, as the docker CLI prepares one for the classic builder
/// (cli/command/image/build.go, build/context.go, build/dockerignore.go): the context folder with its symbolic
/// links resolved, the Dockerfile found (by default <c>Dockerfile</c>, else <c>dockerfile</c>, in the folder),
/// .dockerignore read, every file that will be sent checked to be readable, and the Dockerfile and .dockerignore
/// kept even when .dockerignore excludes them (the engine drops them again). A Dockerfile outside the folder is
/// sent inside the archive under a random name <c>.dockerfile.&lt;20 hex&gt;</c>, which .dockerignore then lists so
/// that the engine drops it from what COPY sees. Nothing is read whole: the archive is written while it is sent.
/// </summary>
public sealed class BuildContext
{
    /// <summary>docker's default Dockerfile name.</summary>
    public const string DefaultDockerfileName = "Dockerfile";

    private readonly byte[]? _ignoreFileContent;
    private readonly byte[]? _outsideDockerfile;

    private BuildContext(string directory, string dockerfilePath, string dockerfileName, bool outside, IReadOnlyList<string> excludes,
        IgnoreMatcher matcher, byte[]? ignoreFileContent, byte[]? outsideDockerfile, long totalBytes, int entries)
    {
        Directory = directory;
        DockerfilePath = dockerfilePath;
        DockerfileName = dockerfileName;
        DockerfileOutside = outside;
        Excludes = excludes;
        Matcher = matcher;
        _ignoreFileContent = ignoreFileContent;
        _outsideDockerfile = outsideDockerfile;
        TotalBytes = totalBytes;
        Entries = entries;
    }

    /// <summary>The context folder: a full path, symbolic links resolved.</summary>
    public string Directory { get; }

    /// <summary>The Dockerfile: a full path, symbolic links resolved.</summary>
    public string DockerfilePath { get; }

    /// <summary>The Dockerfile's name in the archive, as the engine's <c>dockerfile</c> parameter takes it.</summary>
    public string DockerfileName { get; }

    /// <summary>True when the Dockerfile is outside the context folder (and is sent under a random name).</summary>
    public bool DockerfileOutside { get; }

    /// <summary>The .dockerignore patterns applied, with the exceptions docker adds for the Dockerfile and .dockerignore.</summary>
    public IReadOnlyList<string> Excludes { get; }

    internal IgnoreMatcher Matcher { get; }

    /// <summary>The bytes of file content the context sends (as the check found it; files may change before they are sent).</summary>
    public long TotalBytes { get; }

    /// <summary>The files, folders and links the check found to send.</summary>
    public int Entries { get; }

    /// <summary>
    /// Prepares <paramref name="contextDirectory"/> with <paramref name="dockerfile"/> (a full path, or null for the
    /// folder's own Dockerfile). Throws <see cref="DockerException"/>s naming the path: BuildContextNotFound,
    /// BuildContextNotADirectory, DockerfileNotFound, InvalidDockerignorePattern, HostAccessDenied.
    /// </summary>
    public static BuildContext Prepare(string contextDirectory, string? dockerfile = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(contextDirectory)) throw new DockerArgumentException("A build context folder is needed.", "BuildContextNotFound", contextDirectory);
        var windows = HostFileSystem.IsWindows;

        // resolveAndValidateContextPath: absolute, links resolved, a directory.
        var full = Path.GetFullPath(contextDirectory);
        var directory = HostErrors.Guard(() => HostFileSystem.EvalSymlinks(full), full)
            ?? throw new DockerException($"The build context folder '{full}' does not exist.", "BuildContextNotFound", DockerErrorCategory.ObjectNotFound, contextDirectory);
        var item = HostErrors.Guard(() => HostFileSystem.Lstat(directory), directory);
        if (item is null || !item.IsDirectory)
            throw new DockerException($"The build context '{full}' is not a folder; give the folder that holds the files the Dockerfile uses.", "BuildContextNotADirectory",
                DockerErrorCategory.InvalidArgument, contextDirectory);

        // getDockerfileRelPath: the given file, else Dockerfile, else dockerfile; links resolved.
        string wanted;
        if (!string.IsNullOrEmpty(dockerfile))
        {
            wanted = Path.GetFullPath(dockerfile);
        }
        else
        {
            wanted = Path.Combine(directory, DefaultDockerfileName);
            var lower = Path.Combine(directory, DefaultDockerfileName.ToLowerInvariant());
            if (HostFileSystem.Lstat(wanted) is null && HostFileSystem.Lstat(lower) is not null) wanted = lower;
        }
        var dockerfilePath = HostErrors.Guard(() => HostFileSystem.EvalSymlinks(wanted), wanted)
            ?? throw new DockerException(dockerfile is null
                    ? $"The build context '{directory}' has no Dockerfile; add one or name it with -File."
                    : $"The Dockerfile '{wanted}' does not exist.",
                "DockerfileNotFound", DockerErrorCategory.ObjectNotFound, dockerfile ?? wanted);
        var dockerfileItem = HostErrors.Guard(() => HostFileSystem.Lstat(dockerfilePath), dockerfilePath);
        if (dockerfileItem is null || dockerfileItem.IsDirectory)
            throw new DockerException($"The Dockerfile '{wanted}' is a folder, not a file.", "DockerfileNotFound", DockerErrorCategory.InvalidArgument, dockerfile ?? wanted);

        var relative = HostFileSystem.RelativePath(directory, dockerfilePath);
        var outside = relative is null || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal);
        // A file on another drive cannot be named relative to the context: it is sent like any outside file.
        relative ??= dockerfilePath.Replace('\\', '/');

        // .dockerignore: read once, for its patterns and (with an outside Dockerfile) to be rewritten.
        var ignorePath = Path.Combine(directory, IgnoreFile.FileName);
        byte[]? ignoreContent = null;
        if (HostFileSystem.Stat(ignorePath) is { IsDirectory: false }) ignoreContent = HostErrors.Guard(() => File.ReadAllBytes(ignorePath), ignorePath);
        var patterns = ignoreContent is null ? Array.Empty<string>() : IgnoreFile.Parse(ignoreContent, windows);
        var checker = new IgnoreMatcher(patterns, windows);

        // ValidateContextDirectory: what will be sent must be readable (with the patterns as written).
        var (total, entries) = Check(directory, checker, cancellationToken);

        // TrimBuildFilesFromExcludes: the Dockerfile and .dockerignore are sent even when excluded.
        var excludes = patterns.ToList();
        if (checker.IsExcludedShallow(IgnoreFile.FileName)) excludes.Add("!" + IgnoreFile.FileName);
        var trimmed = new IgnoreMatcher(excludes, windows);
        if (CopyPaths.CleanPosix(relative) != "." && trimmed.IsExcludedShallow(CopyPaths.CleanPosix(relative))) excludes.Add("!" + relative);
        var matcher = new IgnoreMatcher(excludes, windows);

        byte[]? outsideContent = null;
        var name = relative;
        if (outside)
        {
            outsideContent = HostErrors.Guard(() => File.ReadAllBytes(dockerfilePath), dockerfilePath);
            name = RandomDockerfileName();
            total += outsideContent.Length;
            entries++;
        }
        return new BuildContext(directory, dockerfilePath, name, outside, excludes, matcher, ignoreContent, outsideContent, total, entries);
    }

    /// <summary>docker's name for a Dockerfile from outside the context: ".dockerfile." and 20 random hexadecimal digits.</summary>
    internal static string RandomDockerfileName()
    {
        var bytes = new byte[10];
        using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
        var sb = new StringBuilder(".dockerfile.", 32);
        foreach (var b in bytes) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>
    /// The docker CLI's ValidateContextDirectory: walks what the patterns keep (an excluded folder is skipped
    /// whole), refusing files it may not read; counts the bytes and items on the way.
    /// </summary>
    private static (long Bytes, int Entries) Check(string directory, IgnoreMatcher matcher, CancellationToken cancellationToken)
    {
        long bytes = 0;
        var entries = 0;
        var pending = new Stack<(string Path, string Name)>();
        pending.Push((directory, string.Empty));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (path, prefix) = pending.Pop();
            var children = HostErrors.Guard(() => new DirectoryInfo(path).EnumerateFileSystemInfos().ToList(), path);
            foreach (var child in children)
            {
                var item = HostErrors.Guard(() => HostFileSystem.Describe(child), child.FullName);
                var name = prefix + child.Name;
                if (matcher.IsExcluded(name)) continue;
                entries++;
                if (item.IsDirectory)
                {
                    pending.Push((child.FullName, name + "/"));
                    continue;
                }
                if (item.Type != DockerItemType.File || item.Size == 0) continue;
                bytes += item.Size;
                try
                {
                    using var _ = new FileStream(child.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
                }
                catch (UnauthorizedAccessException ex)
                {
                    throw new DockerException($"The build context file '{child.FullName}' cannot be read: {ex.Message} Exclude it in .dockerignore or allow reading it.",
                        "HostAccessDenied", DockerErrorCategory.PermissionDenied, child.FullName, ex);
                }
                catch (IOException)
                {
                    // docker reports only a refused permission here; other failures show when the file is sent.
                }
            }
        }
        return (bytes, entries);
    }

    /// <summary>
    /// Writes the context as a tar archive into <paramref name="output"/> (go-archive TarWithOptions with the
    /// patterns, owner 0:0), then the outside Dockerfile and the rewritten .dockerignore when there is one. Files are
    /// read as they are written.
    /// </summary>
    internal async Task WriteAsync(Stream output, CopyTracker tracker, CancellationToken cancellationToken)
    {
        using var writer = new TarWriter(output, leaveOpen: true);
        await HostArchiver.WriteContentsAsync(writer, Directory, tracker, new Filter(this), cancellationToken).ConfigureAwait(false);
        if (DockerfileOutside)
        {
            var now = DateTime.UtcNow;
            now = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
            await WriteFileAsync(writer, new TarEntry(DockerfileName, TarEntryType.RegularFile) { Mode = 0x180, ModificationTime = now }, _outsideDockerfile!, tracker, cancellationToken)
                .ConfigureAwait(false);

            // The engine drops from the context what .dockerignore lists: so the random name is added to it.
            var ignoreEntry = new TarEntry(IgnoreFile.FileName, TarEntryType.RegularFile) { Mode = 0x180, ModificationTime = now };
            var original = _ignoreFileContent;
            var ignoreItem = HostFileSystem.Lstat(Path.Combine(Directory, IgnoreFile.FileName));
            if (original is not null && ignoreItem is not null)
            {
                ignoreEntry.Mode = ignoreItem.Mode;
                ignoreEntry.ModificationTime = new DateTime(ignoreItem.LastWriteTimeUtc.Ticks - (ignoreItem.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
            }
            var text = original ?? Encoding.UTF8.GetBytes(IgnoreFile.FileName);
            var suffix = Encoding.UTF8.GetBytes("\n" + DockerfileName + "\n");
            var content = new byte[text.Length + suffix.Length];
            Buffer.BlockCopy(text, 0, content, 0, text.Length);
            Buffer.BlockCopy(suffix, 0, content, text.Length, suffix.Length);
            await WriteFileAsync(writer, ignoreEntry, content, tracker, cancellationToken).ConfigureAwait(false);
        }
        await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteFileAsync(TarWriter writer, TarEntry entry, byte[] content, CopyTracker tracker, CancellationToken cancellationToken)
    {
        entry.Size = content.Length;
        await writer.WriteHeaderAsync(entry, cancellationToken).ConfigureAwait(false);
        tracker.Entry(entry.Name);
        await writer.WriteDataAsync(content, 0, content.Length, cancellationToken).ConfigureAwait(false);
        tracker.Add(content.Length);
    }

    /// <summary>
    /// The names the archive holds, in order, without reading any file: what <see cref="WriteAsync"/> would send
    /// (directories end with '/').
    /// </summary>
    public IReadOnlyList<string> ListEntries()
    {
        var names = new List<string>();
        var filter = new Filter(this);
        void Walk(string path, string prefix, object? parentState)
        {
            foreach (var child in new DirectoryInfo(path).EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                var item = HostFileSystem.Describe(child);
                var name = prefix + child.Name;
                var choice = filter.Choose(name, item.IsDirectory, parentState, out var state);
                if (choice == ArchiveChoice.Skip || (choice == ArchiveChoice.WalkOnly && !item.IsDirectory)) continue;
                if (choice == ArchiveChoice.Write) names.Add(item.IsDirectory ? name + "/" : name);
                if (item.IsDirectory) Walk(child.FullName, name + "/", state);
            }
        }
        Walk(Directory, string.Empty, null);
        if (DockerfileOutside)
        {
            names.Add(DockerfileName);
            names.Add(IgnoreFile.FileName);
        }
        return names;
    }

    /// <summary>go-archive's walk decision: an excluded folder is still walked when an exception may re-include something in it.</summary>
    private sealed class Filter : IArchiveFilter
    {
        private readonly BuildContext _context;

        public Filter(BuildContext context) => _context = context;

        public ArchiveChoice Choose(string name, bool isDirectory, object? parentState, out object? state)
        {
            var matcher = _context.Matcher;
            var excluded = matcher.IsExcluded(name, parentState as IgnoreMatcher.MatchState, out var match);
            state = match;
            // With an outside Dockerfile, .dockerignore is written at the end, rewritten.
            if (_context.DockerfileOutside && name == IgnoreFile.FileName && !isDirectory) return ArchiveChoice.Skip;
            if (!excluded) return ArchiveChoice.Write;
            if (!isDirectory) return ArchiveChoice.Skip;
            return matcher.MayReinclude(name) ? ArchiveChoice.WalkOnly : ArchiveChoice.Skip;
        }
    }
}
