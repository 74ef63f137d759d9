using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Archive;

/// <summary>
/// Reads a tar archive from a stream, one entry at a time, without holding any entry's data: the caller reads the
/// current entry's data with <see cref="ReadDataAsync"/> (or leaves it, and <see cref="GetNextEntryAsync"/> skips it).
/// Understands ustar (with its prefix field), PAX extended ('x') and global ('g') headers, GNU long names ('L')
/// and long link targets ('K'), and base-256 numbers; checks every header's checksum. A malformed or truncated
/// archive fails with <see cref="DockerProtocolException"/>.
/// </summary>
public sealed class TarReader : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _consumed;
    private long _dataRemaining;
    private long _padRemaining;
    private bool _ended;
    private bool _sourceEnded;
    private TarEntry? _current;
    private Dictionary<string, string>? _global;

    public TarReader(Stream stream, bool leaveOpen = false)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>The entry whose data is being read, or null before the first and after the last.</summary>
    public TarEntry? Current => _current;

    /// <summary>Bytes of the archive consumed so far.</summary>
    public long Position => _consumed;

    /// <summary>The next entry, or null at the end of the archive (after which the stream has been read to its end).</summary>
    public async Task<TarEntry?> GetNextEntryAsync(CancellationToken cancellationToken = default)
    {
        if (_ended) return null;
        if (_buffer.Length == 0) throw new ObjectDisposedException(nameof(TarReader));
        if (_current is not null)
        {
            await SkipAsync(_dataRemaining, "the data of '" + _current.Name + "'", cancellationToken).ConfigureAwait(false);
            _dataRemaining = 0;
        }
        await SkipAsync(_padRemaining, "the padding after '" + _current?.Name + "'", cancellationToken).ConfigureAwait(false);
        _padRemaining = 0;
        _current = null;

        Dictionary<string, string>? pax = null;
        string? gnuLongName = null;
        string? gnuLongLink = null;
        while (true)
        {
            var headerOffset = _consumed;
            var available = await FillAsync(TarFormat.BlockSize, cancellationToken).ConfigureAwait(false);
            if (available == 0)
                throw TarFormat.Malformed($"it ends at byte {headerOffset} without the end-of-archive marker (it is truncated).");
            if (available < TarFormat.BlockSize)
                throw TarFormat.Malformed($"it ends in the middle of the header at byte {headerOffset} (it is truncated).");

            if (TarFormat.IsZeroBlock(_buffer, _start))
            {
                Consume(TarFormat.BlockSize);
                // The end-of-archive marker is two zero blocks; like Go, accept one followed by the end of the stream.
                var next = await FillAsync(TarFormat.BlockSize, cancellationToken).ConfigureAwait(false);
                if (next >= TarFormat.BlockSize && !TarFormat.IsZeroBlock(_buffer, _start))
                    throw TarFormat.Malformed($"a zero block at byte {headerOffset} is followed by data instead of the end of the archive.");
                if (next > 0 && next < TarFormat.BlockSize && !AllZero(_start, next))
                    throw TarFormat.Malformed($"it has stray bytes after the zero block at byte {headerOffset}.");
                if (pax is not null || gnuLongName is not null || gnuLongLink is not null)
                    throw TarFormat.Malformed($"an extended header is followed by the end of the archive at byte {headerOffset} instead of an entry.");
                await DrainAsync(cancellationToken).ConfigureAwait(false);
                _ended = true;
                return null;
            }

            if (!TarFormat.ChecksumMatches(_buffer, _start, out var stored))
                throw TarFormat.Malformed($"the header at byte {headerOffset} has a wrong checksum (stored {Convert.ToString(stored, 8)}); the archive is corrupt or not a tar archive.");

            var entry = ParseHeader(_buffer, _start, headerOffset);
            var flag = entry.TypeFlag;
            Consume(TarFormat.BlockSize);

            switch (flag)
            {
                case 'x':
                case 'g':
                {
                    var data = await ReadSpecialAsync(entry.Size, "PAX extended header", headerOffset, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        var records = TarFormat.ParsePax(data, (int)entry.Size, headerOffset);
                        if (flag == 'g')
                        {
                            _global ??= new Dictionary<string, string>(StringComparer.Ordinal);
                            foreach (var r in records) _global[r.Key] = r.Value;
                        }
                        else
                        {
                            pax ??= new Dictionary<string, string>(StringComparer.Ordinal);
                            foreach (var r in records) pax[r.Key] = r.Value;
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(data);
                    }
                    continue;
                }
                case 'L':
                case 'K':
                {
                    var data = await ReadSpecialAsync(entry.Size, "GNU long name", headerOffset, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        var text = TarFormat.ParseString(data, 0, (int)entry.Size);
                        if (flag == 'L') gnuLongName = text;
                        else gnuLongLink = text;
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(data);
                    }
                    continue;
                }
                case 'S':
                    throw TarFormat.Malformed($"the entry '{entry.Name}' at byte {headerOffset} is a GNU sparse file, which is not supported.");
            }

            if (_global is not null) ApplyPax(entry, _global, headerOffset, global: true);
            if (pax is not null) ApplyPax(entry, pax, headerOffset, global: false);
            if (gnuLongName is not null) entry.Name = gnuLongName;
            if (gnuLongLink is not null) entry.LinkName = gnuLongLink;

            // Old (V7) archives mark directories with a trailing slash on a regular file entry.
            if (entry.Type == TarEntryType.RegularFile && entry.Name.EndsWith("/", StringComparison.Ordinal))
            {
                entry.Type = TarEntryType.Directory;
            }
            if (entry.Name.Length == 0) throw TarFormat.Malformed($"the entry at byte {headerOffset} has no name.");
            if (entry.Size < 0) throw TarFormat.Malformed($"the entry '{entry.Name}' at byte {headerOffset} has a negative size.");
            if (entry.IsHeaderOnly) entry.Size = 0;

            _current = entry;
            _dataRemaining = entry.Size;
            _padRemaining = Padding(entry.Size);
            return entry;
        }
    }

    /// <summary>Reads the current entry's data; 0 at its end. Fails if the archive ends before the entry does.</summary>
    public async Task<int> ReadDataAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken = default)
    {
        if (_current is null || _dataRemaining == 0 || count == 0) return 0;
        var want = (int)Math.Min(count, _dataRemaining);
        int n;
        if (_end > _start)
        {
            n = Math.Min(want, _end - _start);
            Buffer.BlockCopy(_buffer, _start, buffer, offset, n);
            Consume(n);
        }
        else if (want >= _buffer.Length / 2)
        {
            // A large read goes straight into the caller's buffer.
            n = _sourceEnded ? 0 : await _stream.ReadAsync(buffer, offset, want, cancellationToken).ConfigureAwait(false);
            if (n == 0) _sourceEnded = true;
            _consumed += n;
        }
        else
        {
            var filled = await FillAsync(1, cancellationToken).ConfigureAwait(false);
            n = Math.Min(want, filled);
            if (n > 0)
            {
                Buffer.BlockCopy(_buffer, _start, buffer, offset, n);
                Consume(n);
            }
        }
        if (n == 0) throw Truncated(_current);
        _dataRemaining -= n;
        return n;
    }

    /// <summary>Reads until <paramref name="count"/> bytes or the end of the current entry; fewer only at the entry's end.</summary>
    public async Task<int> ReadDataFullyAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (total < count)
        {
            var n = await ReadDataAsync(buffer, offset + total, count - total, cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>Bytes of the current entry's data not read yet.</summary>
    public long DataRemaining => _dataRemaining;

    private DockerProtocolException Truncated(TarEntry entry) =>
        TarFormat.Malformed($"it ends in the middle of the data of '{entry.Name}' ({entry.Size - _dataRemaining} of {entry.Size} bytes); it is truncated.");

    private static TarEntry ParseHeader(byte[] b, int o, long headerOffset)
    {
        var flag = (char)b[o + TarFormat.TypeOffset];
        var entry = new TarEntry(TarFormat.ParseString(b, o + TarFormat.NameOffset, TarFormat.NameSize), TarFormat.TypeOf(flag)) { TypeFlag = flag };
        entry.Mode = (int)(TarFormat.ParseNumeric(b, o + TarFormat.ModeOffset, TarFormat.ModeSize, "mode", headerOffset) & 0xFFF);
        entry.Uid = TarFormat.ParseNumeric(b, o + TarFormat.UidOffset, TarFormat.UidSize, "uid", headerOffset);
        entry.Gid = TarFormat.ParseNumeric(b, o + TarFormat.GidOffset, TarFormat.GidSize, "gid", headerOffset);
        entry.Size = TarFormat.ParseNumeric(b, o + TarFormat.SizeOffset, TarFormat.SizeSize, "size", headerOffset);
        entry.ModificationTime = TarFormat.FromUnix(TarFormat.ParseNumeric(b, o + TarFormat.MtimeOffset, TarFormat.MtimeSize, "mtime", headerOffset));
        entry.LinkName = TarFormat.ParseString(b, o + TarFormat.LinkOffset, TarFormat.LinkSize);

        var ustar = b[o + 257] == 'u' && b[o + 258] == 's' && b[o + 259] == 't' && b[o + 260] == 'a' && b[o + 261] == 'r';
        if (ustar)
        {
            // POSIX: "ustar\0" "00". GNU: "ustar " " \0", whose prefix area holds other fields.
            var posix = b[o + 262] == 0;
            entry.UserName = TarFormat.ParseString(b, o + TarFormat.UnameOffset, TarFormat.UnameSize);
            entry.GroupName = TarFormat.ParseString(b, o + TarFormat.GnameOffset, TarFormat.GnameSize);
            if (entry.Type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
            {
                entry.DeviceMajor = (int)TarFormat.ParseNumeric(b, o + TarFormat.DevMajorOffset, TarFormat.DevMajorSize, "devmajor", headerOffset);
                entry.DeviceMinor = (int)TarFormat.ParseNumeric(b, o + TarFormat.DevMinorOffset, TarFormat.DevMinorSize, "devminor", headerOffset);
            }
            if (posix)
            {
                var prefix = TarFormat.ParseString(b, o + TarFormat.PrefixOffset, TarFormat.PrefixSize);
                if (prefix.Length > 0) entry.Name = prefix + "/" + entry.Name;
            }
        }
        return entry;
    }

    private static void ApplyPax(TarEntry entry, Dictionary<string, string> records, long headerOffset, bool global)
    {
        foreach (var r in records)
        {
            switch (r.Key)
            {
                case TarFormat.PaxPath:
                    if (!global) entry.Name = r.Value;
                    break;
                case TarFormat.PaxLinkpath:
                    if (!global) entry.LinkName = r.Value;
                    break;
                case TarFormat.PaxSize:
                    if (!global) entry.Size = TarFormat.ParsePaxInteger(r.Value, r.Key, headerOffset);
                    break;
                case TarFormat.PaxUid:
                    entry.Uid = TarFormat.ParsePaxInteger(r.Value, r.Key, headerOffset);
                    break;
                case TarFormat.PaxGid:
                    entry.Gid = TarFormat.ParsePaxInteger(r.Value, r.Key, headerOffset);
                    break;
                case TarFormat.PaxUname:
                    entry.UserName = r.Value;
                    break;
                case TarFormat.PaxGname:
                    entry.GroupName = r.Value;
                    break;
                case TarFormat.PaxMtime:
                    entry.ModificationTime = TarFormat.ParsePaxTime(r.Value, r.Key, headerOffset);
                    break;
                case TarFormat.PaxAtime:
                case TarFormat.PaxCtime:
                    // Access and change times are not kept: extraction sets only the modification time, as docker cp.
                    break;
                default:
                    if (r.Key.StartsWith("GNU.sparse.", StringComparison.Ordinal))
                        throw TarFormat.Malformed($"the entry '{entry.Name}' at byte {headerOffset} is a sparse file, which is not supported.");
                    entry.PaxRecords[r.Key] = r.Value;
                    break;
            }
        }
    }

    private static int Padding(long size) => (int)((TarFormat.BlockSize - (size % TarFormat.BlockSize)) % TarFormat.BlockSize);

    /// <summary>Reads a metadata entry's data (PAX records, a GNU long name) whole, into a pooled buffer; bounded.</summary>
    private async Task<byte[]> ReadSpecialAsync(long size, string what, long headerOffset, CancellationToken cancellationToken)
    {
        if (size < 0 || size > TarFormat.MaxSpecialSize)
            throw TarFormat.Malformed($"the {what} at byte {headerOffset} is {size} bytes long; at most {TarFormat.MaxSpecialSize} are accepted.");
        var data = ArrayPool<byte>.Shared.Rent(Math.Max(1, (int)size));
        try
        {
            var got = 0;
            while (got < size)
            {
                var available = await FillAsync(1, cancellationToken).ConfigureAwait(false);
                if (available == 0) throw TarFormat.Malformed($"it ends in the middle of the {what} at byte {headerOffset} (it is truncated).");
                var n = Math.Min(available, (int)size - got);
                Buffer.BlockCopy(_buffer, _start, data, got, n);
                Consume(n);
                got += n;
            }
            await SkipAsync(Padding(size), "the padding of the " + what, cancellationToken).ConfigureAwait(false);
            return data;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(data);
            throw;
        }
    }

    private void Consume(int n)
    {
        _start += n;
        _consumed += n;
    }

    private bool AllZero(int offset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (_buffer[offset + i] != 0) return false;
        }
        return true;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available in the buffer, fewer only at the end of the stream; returns how many are.</summary>
    private async Task<int> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count) return _end - _start;
        if (_start > 0)
        {
            var pending = _end - _start;
            if (pending > 0) Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }
        while (_end - _start < count && !_sourceEnded)
        {
            var n = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
            if (n <= 0)
            {
                _sourceEnded = true;
                break;
            }
            _end += n;
        }
        return _end - _start;
    }

    private async Task SkipAsync(long count, string what, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            var available = await FillAsync(1, cancellationToken).ConfigureAwait(false);
            if (available == 0)
            {
                if (_current is not null && _dataRemaining > 0) throw Truncated(_current);
                throw TarFormat.Malformed($"it ends in the middle of {what} (it is truncated).");
            }
            var n = (int)Math.Min(available, count);
            Consume(n);
            count -= n;
            if (_current is not null && _dataRemaining > 0) _dataRemaining = Math.Max(0, _dataRemaining - n);
        }
    }

    /// <summary>Reads what follows the end marker (zero padding up to a record boundary) so the stream ends cleanly.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        _consumed += _end - _start;
        _start = _end = 0;
        while (!_sourceEnded)
        {
            var n = await _stream.ReadAsync(_buffer, 0, _buffer.Length, cancellationToken).ConfigureAwait(false);
            if (n <= 0) _sourceEnded = true;
            else _consumed += n;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = Array.Empty<byte>();
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        if (!_leaveOpen) _stream.Dispose();
    }
}
