using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Archive;

/// <summary>
/// Writes a tar archive to a stream as it is produced: ustar headers, with a PAX extended header in front of an
/// entry only when ustar cannot hold it (non-ASCII or long names and link targets, sizes of 8 GiB and more,
/// sub-second or out-of-range times, large ids). Output is gathered into large pieces, and one piece is written
/// while the next is filled, so a file is read and sent at the same time; no entry is ever held whole.
/// </summary>
public sealed class TarWriter : IDisposable
{
    private const int DefaultPieceSize = 256 * 1024;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private byte[] _piece;
    private byte[] _spare;
    private int _length;
    private Task _pendingWrite = Task.CompletedTask;
    private long _remaining;
    private TarEntry? _current;
    private bool _finished;

    public TarWriter(Stream output, bool leaveOpen = false, int pieceSize = DefaultPieceSize)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _leaveOpen = leaveOpen;
        var size = Math.Max(TarFormat.BlockSize * 4, pieceSize);
        _piece = ArrayPool<byte>.Shared.Rent(size);
        _spare = ArrayPool<byte>.Shared.Rent(size);
    }

    /// <summary>Bytes of archive produced so far (headers, data, padding).</summary>
    public long Position { get; private set; }

    /// <summary>Writes an entry's header (and its extended header when needed); its data follows with <see cref="WriteDataAsync"/>.</summary>
    public async Task WriteHeaderAsync(TarEntry entry, CancellationToken cancellationToken = default)
    {
        if (entry is null) throw new ArgumentNullException(nameof(entry));
        if (_finished) throw new InvalidOperationException("The archive has been finished.");
        if (_remaining != 0)
            throw new InvalidOperationException($"The entry '{_current?.Name}' still needs {_remaining} bytes of data before the next header.");
        if (entry.Name.Length == 0) throw new ArgumentException("A tar entry needs a name.", nameof(entry));
        if (entry.Size < 0) throw new ArgumentException($"The tar entry '{entry.Name}' has a negative size.", nameof(entry));

        var size = entry.IsHeaderOnly ? 0 : entry.Size;
        var block = new byte[TarFormat.BlockSize];
        var pax = new SortedDictionary<string, string>(StringComparer.Ordinal);

        // Name: ustar's name field, or prefix + name split at a '/', else PAX.
        if (TarFormat.IsAscii(entry.Name) && entry.Name.Length <= TarFormat.NameSize)
        {
            TarFormat.WriteString(block, TarFormat.NameOffset, TarFormat.NameSize, entry.Name);
        }
        else if (TarFormat.TrySplitUstar(entry.Name, out var prefix, out var suffix))
        {
            TarFormat.WriteString(block, TarFormat.NameOffset, TarFormat.NameSize, suffix);
            TarFormat.WriteString(block, TarFormat.PrefixOffset, TarFormat.PrefixSize, prefix);
        }
        else
        {
            pax[TarFormat.PaxPath] = entry.Name;
            TarFormat.WriteString(block, TarFormat.NameOffset, TarFormat.NameSize, TarFormat.ToAscii(entry.Name));
        }

        if (entry.LinkName.Length > 0)
        {
            if (!TarFormat.IsAscii(entry.LinkName) || entry.LinkName.Length > TarFormat.LinkSize) pax[TarFormat.PaxLinkpath] = entry.LinkName;
            TarFormat.WriteString(block, TarFormat.LinkOffset, TarFormat.LinkSize, TarFormat.ToAscii(entry.LinkName));
        }

        TarFormat.WriteOctal(block, TarFormat.ModeOffset, TarFormat.ModeSize, entry.Mode & 0xFFF);
        if (!TarFormat.WriteNumeric(block, TarFormat.UidOffset, TarFormat.UidSize, entry.Uid)) pax[TarFormat.PaxUid] = entry.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!TarFormat.WriteNumeric(block, TarFormat.GidOffset, TarFormat.GidSize, entry.Gid)) pax[TarFormat.PaxGid] = entry.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!TarFormat.WriteNumeric(block, TarFormat.SizeOffset, TarFormat.SizeSize, size)) pax[TarFormat.PaxSize] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (seconds, ticks) = TarFormat.ToUnix(entry.ModificationTime);
        var octalTime = TarFormat.WriteNumeric(block, TarFormat.MtimeOffset, TarFormat.MtimeSize, seconds);
        if (!octalTime || ticks != 0) pax[TarFormat.PaxMtime] = TarFormat.FormatPaxTime(entry.ModificationTime);

        block[TarFormat.TypeOffset] = (byte)TarFormat.FlagOf(entry.Type);
        if (entry.Type == TarEntryType.Other) block[TarFormat.TypeOffset] = (byte)entry.TypeFlag;
        block[TarFormat.MagicOffset] = (byte)'u';
        block[TarFormat.MagicOffset + 1] = (byte)'s';
        block[TarFormat.MagicOffset + 2] = (byte)'t';
        block[TarFormat.MagicOffset + 3] = (byte)'a';
        block[TarFormat.MagicOffset + 4] = (byte)'r';
        block[TarFormat.VersionOffset] = (byte)'0';
        block[TarFormat.VersionOffset + 1] = (byte)'0';

        if (!TarFormat.IsAscii(entry.UserName) || entry.UserName.Length > TarFormat.UnameSize) pax[TarFormat.PaxUname] = entry.UserName;
        TarFormat.WriteString(block, TarFormat.UnameOffset, TarFormat.UnameSize, TarFormat.ToAscii(entry.UserName));
        if (!TarFormat.IsAscii(entry.GroupName) || entry.GroupName.Length > TarFormat.GnameSize) pax[TarFormat.PaxGname] = entry.GroupName;
        TarFormat.WriteString(block, TarFormat.GnameOffset, TarFormat.GnameSize, TarFormat.ToAscii(entry.GroupName));

        if (entry.Type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
        {
            TarFormat.WriteNumeric(block, TarFormat.DevMajorOffset, TarFormat.DevMajorSize, entry.DeviceMajor);
            TarFormat.WriteNumeric(block, TarFormat.DevMinorOffset, TarFormat.DevMinorSize, entry.DeviceMinor);
        }
        else
        {
            TarFormat.WriteOctal(block, TarFormat.DevMajorOffset, TarFormat.DevMajorSize, 0);
            TarFormat.WriteOctal(block, TarFormat.DevMinorOffset, TarFormat.DevMinorSize, 0);
        }
        TarFormat.WriteChecksum(block, 0);

        foreach (var extra in entry.PaxRecords) pax[extra.Key] = extra.Value;
        if (pax.Count > 0) await WritePaxHeaderAsync(entry, pax, cancellationToken).ConfigureAwait(false);

        await AppendAsync(block, 0, block.Length, cancellationToken).ConfigureAwait(false);
        _current = entry;
        _remaining = size;
        if (size == 0) _current = null;
    }

    private async Task WritePaxHeaderAsync(TarEntry entry, SortedDictionary<string, string> records, CancellationToken cancellationToken)
    {
        var data = new MemoryStream();
        foreach (var r in records)
        {
            var record = TarFormat.PaxRecord(r.Key, r.Value);
            data.Write(record, 0, record.Length);
        }
        var name = entry.Name.TrimEnd('/');
        var slash = name.LastIndexOf('/');
        var paxName = (slash > 0 ? name.Substring(0, slash + 1) : string.Empty) + "PaxHeaders.0/" + name.Substring(slash + 1);
        var header = new byte[TarFormat.BlockSize];
        TarFormat.WriteString(header, TarFormat.NameOffset, TarFormat.NameSize, TarFormat.ToAscii(paxName));
        TarFormat.WriteOctal(header, TarFormat.ModeOffset, TarFormat.ModeSize, 0);
        TarFormat.WriteOctal(header, TarFormat.UidOffset, TarFormat.UidSize, 0);
        TarFormat.WriteOctal(header, TarFormat.GidOffset, TarFormat.GidSize, 0);
        TarFormat.WriteOctal(header, TarFormat.SizeOffset, TarFormat.SizeSize, data.Length);
        TarFormat.WriteOctal(header, TarFormat.MtimeOffset, TarFormat.MtimeSize, 0);
        header[TarFormat.TypeOffset] = (byte)'x';
        TarFormat.WriteString(header, TarFormat.MagicOffset, 6, "ustar");
        TarFormat.WriteString(header, TarFormat.VersionOffset, 2, "00");
        TarFormat.WriteChecksum(header, 0);
        await AppendAsync(header, 0, header.Length, cancellationToken).ConfigureAwait(false);
        await AppendAsync(data.GetBuffer(), 0, (int)data.Length, cancellationToken).ConfigureAwait(false);
        await PadAsync(data.Length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes data of the current entry; the entry is padded to a block once all its bytes are written.</summary>
    public async Task WriteDataAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken = default)
    {
        if (count == 0) return;
        if (count > _remaining)
            throw new InvalidOperationException($"The entry '{_current?.Name}' takes {_remaining} more bytes; {count} were given.");
        await AppendAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        _remaining -= count;
        if (_remaining == 0) await EndEntryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies the rest of the current entry's data from <paramref name="source"/>, read straight into the output
    /// pieces. Fails if the source ends early (a file that shrank while it was read); extra bytes are not read.
    /// <paramref name="progress"/> is told the count of each piece read.
    /// </summary>
    public async Task CopyDataFromAsync(Stream source, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        while (_remaining > 0)
        {
            if (_length == _piece.Length) await FlushPieceAsync(cancellationToken).ConfigureAwait(false);
            var want = (int)Math.Min(_piece.Length - _length, _remaining);
            var n = await source.ReadAsync(_piece, _length, want, cancellationToken).ConfigureAwait(false);
            if (n <= 0)
                throw new DockerException($"'{_current?.Name}' ended {_remaining} bytes before the size it had when the copy started; it changed while it was being copied.",
                    "SourceChanged", DockerErrorCategory.InvalidData, _current?.Name);
            _length += n;
            Position += n;
            _remaining -= n;
            progress?.Invoke(n);
        }
        await EndEntryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a header and then all of <paramref name="data"/> (exactly the entry's size).</summary>
    public async Task WriteEntryAsync(TarEntry entry, Stream? data, CancellationToken cancellationToken = default)
    {
        await WriteHeaderAsync(entry, cancellationToken).ConfigureAwait(false);
        if (_remaining > 0)
        {
            if (data is null) throw new ArgumentNullException(nameof(data), $"The entry '{entry.Name}' has {entry.Size} bytes of data.");
            await CopyDataFromAsync(data, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the end-of-archive marker (two zero blocks) and flushes everything to the stream.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken = default)
    {
        if (_finished) return;
        if (_remaining != 0)
            throw new InvalidOperationException($"The entry '{_current?.Name}' still needs {_remaining} bytes of data.");
        var zeros = new byte[TarFormat.BlockSize * 2];
        await AppendAsync(zeros, 0, zeros.Length, cancellationToken).ConfigureAwait(false);
        await FlushPieceAsync(cancellationToken).ConfigureAwait(false);
        await _pendingWrite.ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        _finished = true;
    }

    private async Task EndEntryAsync(CancellationToken cancellationToken)
    {
        var size = _current?.Size ?? 0;
        _current = null;
        await PadAsync(size, cancellationToken).ConfigureAwait(false);
    }

    private static readonly byte[] ZeroBlock = new byte[TarFormat.BlockSize];

    private Task PadAsync(long size, CancellationToken cancellationToken)
    {
        var pad = (int)((TarFormat.BlockSize - (size % TarFormat.BlockSize)) % TarFormat.BlockSize);
        return pad == 0 ? Task.CompletedTask : AppendAsync(ZeroBlock, 0, pad, cancellationToken);
    }

    private async Task AppendAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_length == _piece.Length) await FlushPieceAsync(cancellationToken).ConfigureAwait(false);
            var n = Math.Min(count, _piece.Length - _length);
            Buffer.BlockCopy(buffer, offset, _piece, _length, n);
            _length += n;
            offset += n;
            count -= n;
            Position += n;
        }
    }

    /// <summary>Starts writing the filled piece and swaps in the other one, once the previous write has finished.</summary>
    private async Task FlushPieceAsync(CancellationToken cancellationToken)
    {
        await _pendingWrite.ConfigureAwait(false);
        if (_length == 0) return;
        var full = _piece;
        var length = _length;
        _piece = _spare;
        _spare = full;
        _length = 0;
        _pendingWrite = _output.WriteAsync(full, 0, length, cancellationToken);
    }

    public void Dispose()
    {
        try
        {
            // A write still under way holds a piece: wait for it before the pieces go back to the pool.
            _pendingWrite.Wait();
        }
        catch (AggregateException)
        {
            // Its failure has been or will be reported by the call that was writing.
        }
        if (_piece.Length > 0) ArrayPool<byte>.Shared.Return(_piece);
        if (_spare.Length > 0) ArrayPool<byte>.Shared.Return(_spare);
        _piece = _spare = Array.Empty<byte>();
        if (!_leaveOpen) _output.Dispose();
    }
}
