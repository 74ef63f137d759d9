using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit.Archive;

/// <summary>The host side of docker cp without an engine: archiving a tree, and extracting all or nothing, safely.</summary>
[SupportedOSPlatform("linux")]
public class HostCopyTests
{
    private static readonly DateTime Time = new(2022, 2, 2, 2, 2, 2, DateTimeKind.Utc);

    private static CopyTracker Tracker(DockerCopyOptions? options = null) => new(options ?? new DockerCopyOptions(), DockerCopyDirection.FromContainer, "src", "dst");

    private static TarEntry Dir(string name, int mode = 0x1ED) => new(name, TarEntryType.Directory) { Mode = mode, ModificationTime = Time };

    private static TarEntry Link(string name, string target) => new(name, TarEntryType.SymbolicLink) { LinkName = target, Mode = 0x1FF, ModificationTime = Time };

    private static async Task<byte[]> Archive(params (TarEntry Entry, string? Data)[] entries)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, leaveOpen: true))
        {
            foreach (var (entry, data) in entries)
            {
                var bytes = data is null ? null : Encoding.UTF8.GetBytes(data);
                if (bytes is not null) entry.Size = bytes.Length;
                await writer.WriteEntryAsync(entry, bytes is null ? null : new MemoryStream(bytes));
            }
            await writer.FinishAsync();
        }
        return output.ToArray();
    }

    private static (TarEntry, string?) F(string name, string data, int mode = 0x1A4) =>
        (new TarEntry(name, TarEntryType.RegularFile) { Mode = mode, ModificationTime = Time }, data);

    private static async Task Extract(byte[] archive, string root, Func<string, string>? rename = null, CopyTracker? tracker = null, CancellationToken token = default)
    {
        using var reader = new TarReader(new MemoryStream(archive));
        await new HostExtractor(root, tracker ?? Tracker()).ExtractAsync(reader, rename ?? (n => n), token);
    }

    private static string[] Everything(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(p => Path.GetRelativePath(root, p)).OrderBy(p => p, StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Extracts_files_directories_and_links_with_their_modes_and_times()
    {
        using var temp = new TempDirectory();
        var archive = await Archive((Dir("d/", 0x1C0), null), F("d/x.sh", "#!/bin/sh", 0x1ED), F("d/secret", "s", 0x180), (Link("d/l", "x.sh"), null), (Link("d/abs", "/etc/passwd"), null));
        await Extract(archive, temp.Path);
        var d = Path.Combine(temp.Path, "d");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(d));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(d, "x.sh")));
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(Path.Combine(d, "secret")));
        Assert.Equal(Time, File.GetLastWriteTimeUtc(Path.Combine(d, "x.sh")));
        Assert.Equal(Time, Directory.GetLastWriteTimeUtc(d));
        Assert.Equal("x.sh", new FileInfo(Path.Combine(d, "l")).LinkTarget);
        Assert.Equal(Time, new FileInfo(Path.Combine(d, "l")).LastWriteTimeUtc); // the link's own time (lutimes)
        Assert.Equal("/etc/passwd", new FileInfo(Path.Combine(d, "abs")).LinkTarget); // a target is data, kept as it is
        Assert.Equal(new[] { "d", "d/abs", "d/l", "d/secret", "d/x.sh" }, Everything(temp.Path));
    }

    [Fact]
    public async Task Hard_links_are_made_as_hard_links()
    {
        using var temp = new TempDirectory();
        var hard = new TarEntry("b", TarEntryType.HardLink) { LinkName = "a", Mode = 0x1A4, ModificationTime = Time };
        var tracker = Tracker();
        await Extract(await Archive(F("a", "shared"), (hard, null)), temp.Path, tracker: tracker);
        Assert.Equal("shared", await File.ReadAllTextAsync(Path.Combine(temp.Path, "b")));
        await File.AppendAllTextAsync(Path.Combine(temp.Path, "a"), "!");
        Assert.Equal("shared!", await File.ReadAllTextAsync(Path.Combine(temp.Path, "b")));
        Assert.Empty(tracker.Warnings);
    }

    [Fact]
    public async Task A_leading_slash_is_dropped_and_later_entries_of_the_same_name_win()
    {
        using var temp = new TempDirectory();
        await Extract(await Archive(F("/abs/x", "1"), F("abs/x", "2"), F("./abs/./y", "3")), temp.Path);
        Assert.Equal("2", await File.ReadAllTextAsync(Path.Combine(temp.Path, "abs", "x")));
        Assert.Equal("3", await File.ReadAllTextAsync(Path.Combine(temp.Path, "abs", "y")));
        Assert.Equal(new[] { "abs", "abs/x", "abs/y" }, Everything(temp.Path));
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/../../evil")]
    [InlineData("..")]
    public async Task Names_that_leave_the_destination_are_refused_and_nothing_is_written(string name)
    {
        using var temp = new TempDirectory();
        var root = Path.Combine(temp.Path, "root");
        Directory.CreateDirectory(root);
        var ex = await Assert.ThrowsAsync<DockerException>(async () => await Extract(await Archive(F("fine/ok", "ok"), F(name, "x")), root));
        Assert.Equal(("ArchiveEntryRefused", DockerErrorCategory.SecurityError), (ex.ErrorId, ex.Category));
        Assert.Empty(Everything(root));
        Assert.Equal(new[] { "root" }, Everything(temp.Path));
    }

    [Fact]
    public async Task Nothing_is_written_through_a_symbolic_link_from_the_archive()
    {
        using var temp = new TempDirectory();
        var root = Path.Combine(temp.Path, "root");
        var outside = Path.Combine(temp.Path, "outside");
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(outside);
        var ex = await Assert.ThrowsAsync<DockerException>(async () => await Extract(await Archive((Link("l", outside), null), F("l/planted", "x")), root));
        Assert.Equal("ArchiveEntryRefused", ex.ErrorId);
        Assert.Empty(Everything(outside));
        Assert.Empty(Everything(root));
    }

    [Fact]
    public async Task Nothing_is_written_through_a_symbolic_link_already_in_the_destination()
    {
        using var temp = new TempDirectory();
        var root = Path.Combine(temp.Path, "root");
        var outside = Path.Combine(temp.Path, "outside");
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(outside);
        File.CreateSymbolicLink(Path.Combine(root, "p"), outside);
        var ex = await Assert.ThrowsAsync<DockerException>(async () => await Extract(await Archive(F("p/planted", "x")), root));
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Everything(outside));

        // A link at the final name is replaced, not written through.
        await Extract(await Archive(F("p", "now a file")), root);
        Assert.Null(new FileInfo(Path.Combine(root, "p")).LinkTarget);
        Assert.Empty(Everything(outside));
    }

    [Fact]
    public async Task A_truncated_archive_leaves_nothing_behind_and_existing_files_as_they_were()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "keep.txt"), "old");
        var archive = await Archive((Dir("new/"), null), F("new/a", "aaa"), F("keep.txt", "new content"), F("new/b", new string('b', 5000)));
        var cut = archive.Take(archive.Length - 1024 - 2048).ToArray();
        await Assert.ThrowsAsync<DockerProtocolException>(() => Extract(cut, temp.Path));
        Assert.Equal(new[] { "keep.txt" }, Everything(temp.Path));
        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(temp.Path, "keep.txt")));
    }

    [Fact]
    public async Task Cancelling_leaves_nothing_behind()
    {
        using var temp = new TempDirectory();
        using var cts = new CancellationTokenSource();
        var tracker = Tracker(new DockerCopyOptions { ProgressInterval = TimeSpan.Zero, Progress = new Cancel(cts, 3) });
        var entries = Enumerable.Range(0, 10).Select(i => F($"d/f{i}", new string('x', 1000))).ToArray();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Extract(await Archive(entries), temp.Path, tracker: tracker, token: cts.Token));
        Assert.Empty(Everything(temp.Path));
    }

    private sealed class Cancel : IProgress<DockerCopyProgress>
    {
        private readonly CancellationTokenSource _cts;
        private readonly int _after;

        public Cancel(CancellationTokenSource cts, int after)
        {
            _cts = cts;
            _after = after;
        }

        public void Report(DockerCopyProgress value)
        {
            if (value.Entries >= _after) _cts.Cancel();
        }
    }

    [Fact]
    public async Task A_directory_and_a_non_directory_do_not_replace_each_other()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "dir"));
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "file"), "f");
        Assert.Equal("CannotOverwriteDirectory", (await Assert.ThrowsAsync<DockerException>(async () => await Extract(await Archive(F("dir", "x")), temp.Path))).ErrorId);
        Assert.Equal("CannotOverwriteNonDirectory", (await Assert.ThrowsAsync<DockerException>(async () => await Extract(await Archive((Dir("file/"), null)), temp.Path))).ErrorId);
        Assert.Equal("CannotOverwriteNonDirectory", (await Assert.ThrowsAsync<DockerException>(async () => await Extract(await Archive(F("x", "1"), (Dir("x/"), null)), temp.Path))).ErrorId);
        Assert.Equal(new[] { "dir", "file" }, Everything(temp.Path));
    }

    [Fact]
    public async Task Device_files_are_skipped_with_a_warning()
    {
        using var temp = new TempDirectory();
        var tracker = Tracker();
        await Extract(await Archive((new TarEntry("null", TarEntryType.CharacterDevice) { DeviceMajor = 1, DeviceMinor = 3 }, null), F("f", "x")), temp.Path, tracker: tracker);
        Assert.Equal(new[] { "f" }, Everything(temp.Path));
        Assert.Contains("skipped", Assert.Single(tracker.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_directory_is_filled_before_its_mode_is_set()
    {
        using var temp = new TempDirectory();
        await Extract(await Archive((Dir("ro/", 0x16D), null), F("ro/f", "x")), temp.Path); // 0555
        Assert.Equal((UnixFileMode)0x16D, File.GetUnixFileMode(Path.Combine(temp.Path, "ro")));
        Assert.Equal("x", await File.ReadAllTextAsync(Path.Combine(temp.Path, "ro", "f")));
        File.SetUnixFileMode(Path.Combine(temp.Path, "ro"), (UnixFileMode)0x1ED);
    }

    [Fact]
    public async Task The_archiver_writes_a_tree_the_extractor_restores()
    {
        using var temp = new TempDirectory();
        var src = Path.Combine(temp.Path, "src");
        Directory.CreateDirectory(Path.Combine(src, "sub"));
        await File.WriteAllTextAsync(Path.Combine(src, "sub", "ünï.txt"), "u");
        await File.WriteAllBytesAsync(Path.Combine(src, "empty"), Array.Empty<byte>());
        await File.WriteAllBytesAsync(Path.Combine(src, "big"), Enumerable.Range(0, 1_000_000).Select(i => (byte)i).ToArray());
        File.SetUnixFileMode(Path.Combine(src, "big"), (UnixFileMode)0x1C0);
        File.CreateSymbolicLink(Path.Combine(src, "l"), "sub/ünï.txt");
        File.SetLastWriteTimeUtc(Path.Combine(src, "big"), Time.AddTicks(1234567)); // whole seconds are kept, as docker cp
        Directory.SetLastWriteTimeUtc(Path.Combine(src, "sub"), Time);

        var output = new MemoryStream();
        var tracker = Tracker();
        using (var writer = new TarWriter(output, leaveOpen: true))
        {
            await HostArchiver.WriteAsync(writer, src, HostFileSystem.Lstat(src)!, "copy", tracker, CancellationToken.None);
        }
        Assert.Equal(1_000_001, tracker.Bytes);
        Assert.Equal(1_000_001, HostArchiver.Measure(src, HostFileSystem.Lstat(src)!));
        var names = (await TarBlocks.ReadAll(output.ToArray())).Select(e => e.Entry.Name);
        Assert.Equal(new[] { "copy/", "copy/big", "copy/empty", "copy/l", "copy/sub/", "copy/sub/ünï.txt" }, names);

        var dest = Path.Combine(temp.Path, "dest");
        Directory.CreateDirectory(dest);
        await Extract(output.ToArray(), dest);
        var copy = Path.Combine(dest, "copy");
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(src, "big")), await File.ReadAllBytesAsync(Path.Combine(copy, "big")));
        Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(Path.Combine(copy, "big")));
        Assert.Equal(Time, File.GetLastWriteTimeUtc(Path.Combine(copy, "big")));
        Assert.Equal(Time, Directory.GetLastWriteTimeUtc(Path.Combine(copy, "sub")));
        Assert.Equal("sub/ünï.txt", new FileInfo(Path.Combine(copy, "l")).LinkTarget);
        Assert.Equal("u", await File.ReadAllTextAsync(Path.Combine(copy, "l")));
    }
}
