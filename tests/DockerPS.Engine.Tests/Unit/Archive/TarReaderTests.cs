using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;
using static DockerPS.Engine.Tests.Unit.Archive.TarBlocks;

namespace DockerPS.Engine.Tests.Unit.Archive;

/// <summary>The tar reader on hand-built archives: every header form the engine (Go's archive/tar) or other tars send, and damage.</summary>
public class TarReaderTests
{
    [Fact]
    public async Task Reads_ustar_entries_with_their_metadata_and_data()
    {
        var archive = Concat(
            Header("dir/", '5', mode: 0x1ED, mtime: 1_700_000_000),
            Header("dir/file.txt", '0', size: 5, mode: 0x180, uid: 1000, gid: 50), Data("hello"),
            Header("dir/link", '2', link: "file.txt", mode: 0x1FF),
            Header("dir/hard", '1', link: "dir/file.txt"),
            End);
        var entries = await ReadAll(archive);
        Assert.Equal(new[] { "dir/", "dir/file.txt", "dir/link", "dir/hard" }, entries.Select(e => e.Entry.Name));
        Assert.Equal(new[] { TarEntryType.Directory, TarEntryType.RegularFile, TarEntryType.SymbolicLink, TarEntryType.HardLink }, entries.Select(e => e.Entry.Type));
        var file = entries[1].Entry;
        Assert.Equal(0x180, file.Mode);
        Assert.Equal(1000, file.Uid);
        Assert.Equal(50, file.Gid);
        Assert.Equal("root", file.UserName);
        Assert.Equal("hello", Encoding.UTF8.GetString(entries[1].Data));
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc), entries[0].Entry.ModificationTime);
        Assert.Equal("file.txt", entries[2].Entry.LinkName);
        Assert.Equal("dir/file.txt", entries[3].Entry.LinkName);
    }

    [Fact]
    public async Task Joins_the_ustar_prefix_field_to_the_name()
    {
        var prefix = new string('p', 150);
        var entries = await ReadAll(Concat(Header("name.txt", prefix: prefix), End));
        Assert.Equal(prefix + "/name.txt", Assert.Single(entries).Entry.Name);
    }

    [Fact]
    public async Task Ignores_the_prefix_area_of_GNU_headers()
    {
        var header = Header("gnu.txt", magic: Magic.Gnu);
        Put(header, 345, 12, "00000000017"); // GNU keeps atime here, not a prefix
        Checksum(header);
        var entries = await ReadAll(Concat(header, End));
        Assert.Equal("gnu.txt", Assert.Single(entries).Entry.Name);
    }

    [Fact]
    public async Task PAX_records_override_the_header_and_unknown_ones_are_kept()
    {
        var name = "ünïcødé-日本語/" + new string('x', 200) + ".txt";
        var pax = Pax(("path", name), ("mtime", "1700000000.123456789"), ("uid", "4000000"), ("gid", "3000000"),
            ("uname", "ünï"), ("linkpath", "ignored-for-a-file"), ("SCHILY.xattr.user.k", "v"), ("atime", "1.5"));
        var archive = Concat(
            Header("PaxHeaders.0/x", 'x', size: pax.Length), Data(pax),
            Header("truncated-name", '0', size: 3), Data("abc"),
            End);
        var (entry, data) = Assert.Single(await ReadAll(archive));
        Assert.Equal(name, entry.Name);
        Assert.Equal(TarFormat.UnixEpoch.AddSeconds(1_700_000_000).AddTicks(1234567), entry.ModificationTime);
        Assert.Equal(4_000_000, entry.Uid);
        Assert.Equal(3_000_000, entry.Gid);
        Assert.Equal("ünï", entry.UserName);
        Assert.Equal("v", entry.PaxRecords["SCHILY.xattr.user.k"]);
        Assert.False(entry.PaxRecords.ContainsKey("atime"));
        Assert.Equal("abc", Encoding.ASCII.GetString(data));
    }

    [Fact]
    public async Task A_PAX_size_overrides_the_size_field()
    {
        var pax = Pax(("size", "4"));
        var archive = Concat(Header("x", 'x', size: pax.Length), Data(pax), Header("f", '0', size: 0), Data("abcd"), End);
        var (entry, data) = Assert.Single(await ReadAll(archive));
        Assert.Equal(4, entry.Size);
        Assert.Equal("abcd", Encoding.ASCII.GetString(data));
    }

    [Fact]
    public async Task Global_PAX_headers_apply_to_every_later_entry_and_local_ones_win()
    {
        var global = Pax(("mtime", "86400"), ("uname", "global"));
        var local = Pax(("uname", "local"));
        var archive = Concat(
            Header("pax_global_header", 'g', size: global.Length), Data(global),
            Header("a", '0'),
            Header("x", 'x', size: local.Length), Data(local),
            Header("b", '0'),
            End);
        var entries = await ReadAll(archive);
        Assert.Equal(new[] { "a", "b" }, entries.Select(e => e.Entry.Name));
        Assert.All(entries, e => Assert.Equal(TarFormat.UnixEpoch.AddDays(1), e.Entry.ModificationTime));
        Assert.Equal(new[] { "global", "local" }, entries.Select(e => e.Entry.UserName));
    }

    [Fact]
    public async Task Reads_GNU_long_names_and_long_link_targets()
    {
        var longName = string.Join("/", Enumerable.Repeat(new string('d', 90), 4)) + "/file";
        var longLink = "../" + new string('t', 300);
        var archive = Concat(
            Header("././@LongLink", 'L', size: longName.Length + 1, magic: Magic.Gnu), Data(longName + "\0"),
            Header("././@LongLink", 'K', size: longLink.Length + 1, magic: Magic.Gnu), Data(longLink + "\0"),
            Header(longName.Substring(0, 100), '2', magic: Magic.Gnu),
            End);
        var (entry, _) = Assert.Single(await ReadAll(archive));
        Assert.Equal(longName, entry.Name);
        Assert.Equal(longLink, entry.LinkName);
        Assert.Equal(TarEntryType.SymbolicLink, entry.Type);
    }

    [Fact]
    public async Task Reads_base_256_numbers()
    {
        var size = new byte[12];
        size[0] = 0x80;
        size[11] = 0x05; // 5
        var archive = Concat(Header("big", '0', sizeField: size), Data("12345"), End);
        var (entry, data) = Assert.Single(await ReadAll(archive));
        Assert.Equal(5, entry.Size);
        Assert.Equal("12345", Encoding.ASCII.GetString(data));

        var negative = new byte[12];
        Array.Fill(negative, (byte)0xFF); // -1 in base-256
        var b = new byte[512];
        Array.Copy(negative, 0, b, 136, 12);
        Assert.True(TarFormat.TryParseNumeric(b, 136, 12, out var value));
        Assert.Equal(-1, value);
    }

    [Fact]
    public async Task Old_V7_archives_with_a_trailing_slash_are_directories()
    {
        var (entry, _) = Assert.Single(await ReadAll(Concat(Header("olddir/", '\0', magic: Magic.V7), End)));
        Assert.Equal(TarEntryType.Directory, entry.Type);
    }

    [Fact]
    public async Task Header_only_types_have_no_data_whatever_their_size_field_says()
    {
        var archive = Concat(Header("d/", '5', size: 1000), Header("f", '0', size: 2), Data("ok"), End);
        var entries = await ReadAll(archive);
        Assert.Equal(0, entries[0].Entry.Size);
        Assert.Equal("ok", Encoding.ASCII.GetString(entries[1].Data));
    }

    [Fact]
    public async Task Unread_data_is_skipped_and_the_stream_is_read_to_its_end()
    {
        var big = new byte[100_000];
        new Random(1).NextBytes(big);
        var bytes = Concat(Header("big", '0', size: big.Length), Data(big), Header("after", '0', size: 1), Data("z"), End, new byte[9216]);
        var stream = new MemoryStream(bytes);
        using var reader = new TarReader(stream, leaveOpen: true);
        Assert.Equal("big", (await reader.GetNextEntryAsync())!.Name);
        var part = new byte[10];
        Assert.Equal(10, await reader.ReadDataAsync(part, 0, 10));
        Assert.Equal(big.Take(10), part);
        Assert.Equal("after", (await reader.GetNextEntryAsync())!.Name);
        Assert.Null(await reader.GetNextEntryAsync());
        Assert.Null(await reader.GetNextEntryAsync());
        Assert.Equal(bytes.Length, stream.Position);
    }

    [Fact]
    public async Task One_zero_block_then_the_end_of_the_stream_ends_the_archive_as_in_Go() =>
        Assert.Single(await ReadAll(Concat(Header("a", '0'), new byte[512])));

    // ---- malformed ----

    private static async Task<DockerProtocolException> Fails(byte[] archive) =>
        await Assert.ThrowsAsync<DockerProtocolException>(() => ReadAll(archive));

    [Fact]
    public async Task A_wrong_checksum_is_refused()
    {
        var header = Header("a", '0', size: 1);
        header[0] = (byte)'b'; // damage after the checksum was computed
        var ex = await Fails(Concat(header, Data("x"), End));
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
        Assert.Equal("EngineProtocolError", ex.ErrorId);
    }

    [Fact]
    public async Task A_header_that_is_not_tar_is_refused() =>
        Assert.Contains("checksum", (await Fails(Encoding.ASCII.GetBytes(new string('<', 600)))).Message, StringComparison.Ordinal);

    [Fact]
    public async Task A_truncated_entry_is_refused_whether_read_or_skipped()
    {
        var archive = Concat(Header("a", '0', size: 1000), new byte[600]);
        var read = await Fails(archive);
        Assert.Contains("'a' (600 of 1000 bytes)", read.Message, StringComparison.Ordinal);

        using var reader = new TarReader(new MemoryStream(archive));
        await reader.GetNextEntryAsync();
        var skipped = await Assert.ThrowsAsync<DockerProtocolException>(() => reader.GetNextEntryAsync());
        Assert.Contains("truncated", skipped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_header_is_refused() =>
        Assert.Contains("middle of the header", (await Fails(Concat(Header("a", '0'), Header("b", '0').Take(300).ToArray()))).Message, StringComparison.Ordinal);

    [Fact]
    public async Task A_missing_end_marker_is_refused() =>
        Assert.Contains("end-of-archive", (await Fails(Concat(Header("a", '0', size: 1), Data("x")))).Message, StringComparison.Ordinal);

    [Fact]
    public async Task Missing_padding_is_refused() =>
        Assert.Contains("truncated", (await Fails(Concat(Header("a", '0', size: 1), Encoding.ASCII.GetBytes("x")))).Message, StringComparison.Ordinal);

    [Fact]
    public async Task Data_after_a_single_zero_block_is_refused() =>
        await Fails(Concat(Header("a", '0'), new byte[512], Header("b", '0'), End));

    [Theory]
    [InlineData("5 a=b\n")]             // length does not match
    [InlineData("x path=a\n")]          // no length
    [InlineData("11 noequal\n")]        // no key=value
    [InlineData("11 path=abc")]         // no newline
    public async Task Malformed_PAX_records_are_refused(string records)
    {
        var pax = Encoding.ASCII.GetBytes(records);
        await Fails(Concat(Header("x", 'x', size: pax.Length), Data(pax), Header("a", '0'), End));
    }

    [Fact]
    public async Task A_PAX_header_without_an_entry_is_refused()
    {
        var pax = Pax(("path", "a"));
        await Fails(Concat(Header("x", 'x', size: pax.Length), Data(pax), End));
    }

    [Fact]
    public async Task An_oversized_extended_header_is_refused_before_it_is_read() =>
        Assert.Contains("at most", (await Fails(Concat(Header("x", 'x', size: 2 << 20), End))).Message, StringComparison.Ordinal);

    [Fact]
    public async Task A_non_numeric_size_is_refused()
    {
        var header = Header("a", '0');
        Put(header, 124, 12, "12x45678901\0");
        Checksum(header);
        Assert.Contains("size field", (await Fails(Concat(header, End))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sparse_files_are_refused_clearly() =>
        Assert.Contains("sparse", (await Fails(Concat(Header("s", 'S', magic: Magic.Gnu), End))).Message, StringComparison.Ordinal);
}
