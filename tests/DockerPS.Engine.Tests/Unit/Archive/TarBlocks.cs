using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Archive;

namespace DockerPS.Engine.Tests.Unit.Archive;

/// <summary>Hand-built tar archives, block by block, for what the writer never produces (GNU, V7, base-256, damage).</summary>
internal static class TarBlocks
{
    public enum Magic { Posix, Gnu, V7 }

    public static byte[] Header(string name, char type = '0', long size = 0, int mode = 0x1A4, long mtime = 1_600_000_000, string link = "",
        Magic magic = Magic.Posix, string prefix = "", byte[]? sizeField = null, bool fixChecksum = true, long uid = 0, long gid = 0)
    {
        var b = new byte[512];
        Put(b, 0, 100, name);
        Octal(b, 100, 8, mode);
        Octal(b, 108, 8, uid);
        Octal(b, 116, 8, gid);
        if (sizeField is not null) Array.Copy(sizeField, 0, b, 124, 12);
        else Octal(b, 124, 12, size);
        Octal(b, 136, 12, mtime);
        b[156] = (byte)type;
        Put(b, 157, 100, link);
        switch (magic)
        {
            case Magic.Posix:
                Put(b, 257, 6, "ustar\0");
                Put(b, 263, 2, "00");
                Put(b, 345, 155, prefix);
                break;
            case Magic.Gnu:
                Put(b, 257, 8, "ustar  \0");
                break;
        }
        Put(b, 265, 32, "root");
        Put(b, 297, 32, "root");
        if (fixChecksum) Checksum(b);
        return b;
    }

    public static void Checksum(byte[] b)
    {
        for (var i = 148; i < 156; i++) b[i] = (byte)' ';
        var sum = b.Sum(x => (long)x);
        var text = Convert.ToString(sum, 8).PadLeft(6, '0');
        Put(b, 148, 6, text);
        b[154] = 0;
        b[155] = (byte)' ';
    }

    public static void Put(byte[] b, int offset, int size, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Array.Copy(bytes, 0, b, offset, Math.Min(size, bytes.Length));
    }

    public static void Octal(byte[] b, int offset, int size, long value) =>
        Put(b, offset, size, Convert.ToString(value, 8).PadLeft(size - 1, '0') + "\0");

    /// <summary>Data padded to a whole number of blocks.</summary>
    public static byte[] Data(byte[] data)
    {
        var padded = new byte[(data.Length + 511) / 512 * 512];
        Array.Copy(data, padded, data.Length);
        return padded;
    }

    public static byte[] Data(string text) => Data(Encoding.UTF8.GetBytes(text));

    public static byte[] Pax(params (string Key, string Value)[] records)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in records)
        {
            var body = Encoding.UTF8.GetByteCount(k) + Encoding.UTF8.GetByteCount(v) + 3;
            var size = body + body.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            if (size.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + body != size) size++;
            sb.Append(size).Append(' ').Append(k).Append('=').Append(v).Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static readonly byte[] End = new byte[1024];

    public static byte[] Concat(params byte[][] parts)
    {
        var ms = new MemoryStream();
        foreach (var p in parts) ms.Write(p);
        return ms.ToArray();
    }

    /// <summary>Reads every entry and its data.</summary>
    public static async Task<List<(TarEntry Entry, byte[] Data)>> ReadAll(Stream stream, int readSize = 7)
    {
        using var reader = new TarReader(stream);
        var list = new List<(TarEntry, byte[])>();
        TarEntry? entry;
        var buffer = new byte[readSize];
        while ((entry = await reader.GetNextEntryAsync()) is not null)
        {
            var data = new MemoryStream();
            int n;
            while ((n = await reader.ReadDataAsync(buffer, 0, buffer.Length)) > 0) data.Write(buffer, 0, n);
            list.Add((entry, data.ToArray()));
        }
        return list;
    }

    public static Task<List<(TarEntry Entry, byte[] Data)>> ReadAll(byte[] archive, int readSize = 7) => ReadAll(new TrickleStream(archive), readSize);
}

/// <summary>A read-only stream that hands out its bytes in small, uneven pieces, as a network does.</summary>
internal sealed class TrickleStream : Stream
{
    private readonly byte[] _data;
    private int _position;
    private int _turn;

    public TrickleStream(byte[] data) => _data = data;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var piece = new[] { 1, 511, 513, 3000, 100_000, 17 }[_turn++ % 6];
        var n = Math.Min(Math.Min(count, piece), _data.Length - _position);
        Array.Copy(_data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var piece = new byte[buffer.Length];
        var n = Read(piece, 0, piece.Length);
        piece.AsSpan(0, n).CopyTo(buffer.Span);
        return ValueTask.FromResult(n);
    }
}
