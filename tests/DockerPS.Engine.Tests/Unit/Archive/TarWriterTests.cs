using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit.Archive;

/// <summary>The tar writer: what it writes reads back the same, in ustar where it can and PAX where it must, and GNU tar agrees.</summary>
public class TarWriterTests
{
    private static async Task<byte[]> Write(params (TarEntry Entry, byte[]? Data)[] entries)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, leaveOpen: true, pieceSize: 4096))
        {
            foreach (var (entry, data) in entries) await writer.WriteEntryAsync(entry, data is null ? null : new MemoryStream(data));
            await writer.FinishAsync();
        }
        return output.ToArray();
    }

    private static TarEntry File(string name, int size, DateTime? time = null) =>
        new(name, TarEntryType.RegularFile) { Size = size, Mode = 0x1A4, ModificationTime = time ?? new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc) };

    private static byte[] Bytes(int n, int seed = 0)
    {
        var b = new byte[n];
        new Random(seed).NextBytes(b);
        return b;
    }

    public static IEnumerable<object[]> Names => new[]
    {
        new object[] { "short.txt" },
        new object[] { new string('a', 100) },                                         // exactly the name field
        new object[] { new string('d', 120) + "/" + new string('f', 90) },             // fits prefix + name
        new object[] { new string('n', 101) },                                         // one element too long: PAX
        new object[] { string.Join("/", Enumerable.Repeat(new string('x', 60), 6)) },  // 365 bytes: PAX
        new object[] { "ünïcødé-日本語.txt" },                                          // non-ASCII: PAX
        new object[] { "dir/" + new string('é', 200) },                                 // 400 bytes of UTF-8
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Names_of_any_length_and_script_read_back_the_same(string name)
    {
        var data = Bytes(777);
        var entries = await TarBlocks.ReadAll(await Write((File(name, data.Length), data)));
        var (entry, read) = Assert.Single(entries);
        Assert.Equal(name, entry.Name);
        Assert.Equal(data, read);
    }

    [Fact]
    public async Task Ustar_is_used_when_it_can_hold_the_entry()
    {
        var archive = await Write((File(new string('d', 120) + "/f.txt", 1), new byte[] { 1 }));
        Assert.Equal(512 * 2 + 1024, archive.Length); // header, one data block, end marker: no PAX header
        Assert.Equal((byte)'0', archive[156]);
        Assert.Equal("ustar\000", Encoding.ASCII.GetString(archive, 257, 8));
    }

    [Fact]
    public async Task Metadata_round_trips_including_what_only_PAX_can_hold()
    {
        var subSecond = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);
        var beforeEpoch = new DateTime(1950, 6, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(5_000_000);
        var farFuture = new DateTime(9000, 1, 1, 0, 0, 0, DateTimeKind.Utc); // past the 11 octal digits of mtime
        var dir = new TarEntry("dir/", TarEntryType.Directory) { Mode = 0x3ED /* 01755 */, ModificationTime = beforeEpoch, Uid = 5_000_000, Gid = 7, UserName = "üser", GroupName = new string('g', 40) };
        var link = new TarEntry("dir/link", TarEntryType.SymbolicLink) { LinkName = "../" + new string('t', 150), Mode = 0x1FF, ModificationTime = farFuture };
        var hard = new TarEntry("dir/hard", TarEntryType.HardLink) { LinkName = "dir/file" };
        var file = File("dir/file", 3, subSecond);
        file.Mode = 0xDED; // 06755
        file.PaxRecords["SCHILY.xattr.user.note"] = "kept";

        var entries = await TarBlocks.ReadAll(await Write((dir, null), (file, new byte[] { 1, 2, 3 }), (link, null), (hard, null)));
        var (d, f, l, h) = (entries[0].Entry, entries[1].Entry, entries[2].Entry, entries[3].Entry);
        Assert.Equal((TarEntryType.Directory, 0x3ED, beforeEpoch, 5_000_000L, 7L, "üser", new string('g', 40)), (d.Type, d.Mode, d.ModificationTime, d.Uid, d.Gid, d.UserName, d.GroupName));
        Assert.Equal((0xDED, subSecond, "kept"), (f.Mode, f.ModificationTime, f.PaxRecords["SCHILY.xattr.user.note"]));
        Assert.Equal(new byte[] { 1, 2, 3 }, entries[1].Data);
        Assert.Equal((TarEntryType.SymbolicLink, link.LinkName, farFuture), (l.Type, l.LinkName, l.ModificationTime));
        Assert.Equal((TarEntryType.HardLink, "dir/file"), (h.Type, h.LinkName));
    }

    [Fact]
    public async Task Sizes_of_8_GiB_and_more_are_written_in_PAX_and_base_256()
    {
        var archive = await HeaderOnly(new TarEntry("huge", TarEntryType.RegularFile) { Size = 9L << 30 });
        Assert.Equal((byte)'x', archive[156]);
        Assert.Contains("size=9663676416", Encoding.ASCII.GetString(archive, 512, 512), StringComparison.Ordinal);
        var header = archive.Skip(1024).Take(512).ToArray();
        Assert.Equal(0x80, header[124] & 0x80);
        Assert.True(TarFormat.TryParseNumeric(header, 124, 12, out var size));
        Assert.Equal(9L << 30, size);
        using var reader = new TarReader(new MemoryStream(archive));
        Assert.Equal(9L << 30, (await reader.GetNextEntryAsync())!.Size);
    }

    private static async Task<byte[]> HeaderOnly(TarEntry entry)
    {
        var output = new MemoryStream();
        var writer = new TarWriter(output, leaveOpen: true, pieceSize: 2048);
        await writer.WriteHeaderAsync(entry);
        // Fill the piece so it is written out, then stop: the entry is never completed.
        await writer.WriteDataAsync(new byte[4096], 0, 4096);
        writer.Dispose();
        return output.ToArray();
    }

    [Fact]
    public async Task Writing_more_data_than_the_size_is_refused()
    {
        using var writer = new TarWriter(new MemoryStream());
        await writer.WriteHeaderAsync(File("a", 2));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteDataAsync(new byte[3], 0, 3));
    }

    [Fact]
    public async Task A_source_that_ends_early_fails_as_a_changed_file()
    {
        using var writer = new TarWriter(new MemoryStream());
        var ex = await Assert.ThrowsAsync<DockerException>(() => writer.WriteEntryAsync(File("shrunk", 10), new MemoryStream(new byte[4])));
        Assert.Equal("SourceChanged", ex.ErrorId);
    }

    [Fact]
    public async Task A_header_before_the_previous_data_is_complete_is_refused()
    {
        using var writer = new TarWriter(new MemoryStream());
        await writer.WriteHeaderAsync(File("a", 2));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteHeaderAsync(File("b", 0)));
    }

    [Fact]
    public async Task Large_entries_stream_through_in_pieces_and_read_back_exactly()
    {
        var data = Bytes(3 * 1024 * 1024 + 17, seed: 7);
        var archive = await Write((File("big.bin", data.Length), data), (File("after", 1), new byte[] { 9 }));
        var entries = await TarBlocks.ReadAll(new TrickleStream(archive), readSize: 65536);
        Assert.Equal(data, entries[0].Data);
        Assert.Equal(new byte[] { 9 }, entries[1].Data);
    }

    [Fact]
    public void PAX_records_count_their_own_length()
    {
        foreach (var length in new[] { 1, 5, 90, 91, 92, 93, 94, 95, 96, 97, 98, 990, 995, 996, 997 })
        {
            var record = TarFormat.PaxRecord("path", new string('a', length));
            var text = Encoding.UTF8.GetString(record);
            Assert.Equal(record.Length, int.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void PAX_times_are_written_as_decimal_seconds()
    {
        Assert.Equal("0", TarFormat.FormatPaxTime(TarFormat.UnixEpoch));
        Assert.Equal("1.5", TarFormat.FormatPaxTime(TarFormat.UnixEpoch.AddTicks(15_000_000)));
        Assert.Equal("-1.5", TarFormat.FormatPaxTime(TarFormat.UnixEpoch.AddTicks(-15_000_000)));
        Assert.Equal("-2", TarFormat.FormatPaxTime(TarFormat.UnixEpoch.AddSeconds(-2)));
        Assert.Equal(TarFormat.UnixEpoch.AddTicks(-15_000_000), TarFormat.ParsePaxTime("-1.5", "mtime", 0));
        Assert.Equal(TarFormat.UnixEpoch.AddTicks(1), TarFormat.ParsePaxTime("0.0000001999", "mtime", 0));
    }

    // ---- GNU tar agrees ----

    private static string? Tar => System.IO.File.Exists("/usr/bin/tar") ? "/usr/bin/tar" : null;

    private static (int Code, string Out) Run(string file, string args, string? dir = null)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir ?? Environment.CurrentDirectory };
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }

    [Fact]
    public async Task GNU_tar_extracts_what_the_writer_writes()
    {
        if (Tar is null || OperatingSystem.IsWindows()) return;
        using var temp = new TempDirectory();
        var longName = "ünïcødé-日本語/" + new string('n', 150) + "/" + new string('f', 120) + ".bin";
        var data = Bytes(5000, 3);
        var dir = new TarEntry("ünïcødé-日本語/", TarEntryType.Directory) { Mode = 0x1ED, ModificationTime = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var sub = new TarEntry("ünïcødé-日本語/" + new string('n', 150) + "/", TarEntryType.Directory) { Mode = 0x1C0, ModificationTime = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var file = File(longName, data.Length, new DateTime(2022, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        file.Mode = 0x180;
        var link = new TarEntry("ünïcødé-日本語/link", TarEntryType.SymbolicLink) { LinkName = new string('n', 150) + "/" + new string('f', 120) + ".bin", Mode = 0x1FF };
        var archive = await Write((dir, null), (sub, null), (file, data), (link, null));
        var path = Path.Combine(temp.Path, "a.tar");
        await System.IO.File.WriteAllBytesAsync(path, archive);
        var (code, output) = Run(Tar, $"-xf a.tar", temp.Path);
        Assert.True(code == 0, output);
        var extracted = Path.Combine(temp.Path, longName);
        Assert.Equal(data, await System.IO.File.ReadAllBytesAsync(extracted));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(extracted));
        Assert.Equal(new DateTime(2022, 2, 3, 4, 5, 6, DateTimeKind.Utc), System.IO.File.GetLastWriteTimeUtc(extracted));
        Assert.Equal(link.LinkName, new FileInfo(Path.Combine(temp.Path, "ünïcødé-日本語/link")).LinkTarget);
    }

    [Theory]
    [InlineData("gnu")]
    [InlineData("pax")]
    [InlineData("ustar")]
    [InlineData("v7")]
    public async Task The_reader_reads_what_GNU_tar_writes(string format)
    {
        if (Tar is null) return;
        using var temp = new TempDirectory();
        var src = Path.Combine(temp.Path, "src");
        var name = format is "ustar" or "v7" ? "plain.txt" : "ünïcødé-" + new string('x', 120) + ".txt";
        var deep = format == "v7" ? "d" : new string('d', 90) + "/" + new string('e', 90);
        Directory.CreateDirectory(Path.Combine(src, deep));
        var data = Bytes(10_000, 5);
        await System.IO.File.WriteAllBytesAsync(Path.Combine(src, deep, name), data);
        System.IO.File.SetLastWriteTimeUtc(Path.Combine(src, deep, name), new DateTime(2019, 9, 9, 9, 9, 9, DateTimeKind.Utc));
        var (code, output) = Run(Tar, $"--format={format} -cf ../out.tar .", src);
        Assert.True(code == 0, output);
        var entries = await TarBlocks.ReadAll(await System.IO.File.ReadAllBytesAsync(Path.Combine(temp.Path, "out.tar")), 4096);
        var file = entries.Single(e => e.Entry.Name.EndsWith(name, StringComparison.Ordinal));
        Assert.Equal("./" + deep + "/" + name, file.Entry.Name);
        Assert.Equal(data, file.Data);
        Assert.Equal(new DateTime(2019, 9, 9, 9, 9, 9, DateTimeKind.Utc), file.Entry.ModificationTime);
        Assert.Contains(entries, e => e.Entry.Type == TarEntryType.Directory && e.Entry.Name.TrimEnd('/') == "./" + deep);
    }
}
