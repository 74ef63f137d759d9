using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Archive;

/// <summary>
/// The byte layout of tar headers: POSIX ustar (IEEE 1003.1-1988) with the pax extended headers of POSIX.1-2001,
/// read as Go's archive/tar reads them (GNU long names, base-256 numbers, signed checksums).
/// </summary>
internal static class TarFormat
{
    public const int BlockSize = 512;

    /// <summary>The largest extended header (PAX or GNU long name) accepted, as Go's archive/tar.</summary>
    public const int MaxSpecialSize = 1 << 20;

    public static readonly DateTime UnixEpoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    // ustar field offsets and sizes.
    public const int NameOffset = 0, NameSize = 100;
    public const int ModeOffset = 100, ModeSize = 8;
    public const int UidOffset = 108, UidSize = 8;
    public const int GidOffset = 116, GidSize = 8;
    public const int SizeOffset = 124, SizeSize = 12;
    public const int MtimeOffset = 136, MtimeSize = 12;
    public const int ChecksumOffset = 148, ChecksumSize = 8;
    public const int TypeOffset = 156;
    public const int LinkOffset = 157, LinkSize = 100;
    public const int MagicOffset = 257;
    public const int VersionOffset = 263;
    public const int UnameOffset = 265, UnameSize = 32;
    public const int GnameOffset = 297, GnameSize = 32;
    public const int DevMajorOffset = 329, DevMajorSize = 8;
    public const int DevMinorOffset = 337, DevMinorSize = 8;
    public const int PrefixOffset = 345, PrefixSize = 155;

    // PAX keys.
    public const string PaxPath = "path";
    public const string PaxLinkpath = "linkpath";
    public const string PaxSize = "size";
    public const string PaxUid = "uid";
    public const string PaxGid = "gid";
    public const string PaxUname = "uname";
    public const string PaxGname = "gname";
    public const string PaxMtime = "mtime";
    public const string PaxAtime = "atime";
    public const string PaxCtime = "ctime";

    /// <summary>The largest value an octal field of <paramref name="size"/> bytes holds (size - 1 digits and a NUL).</summary>
    public static long MaxOctal(int size) => (1L << (3 * (size - 1))) - 1;

    public static char FlagOf(TarEntryType type) => type switch
    {
        TarEntryType.RegularFile => '0',
        TarEntryType.HardLink => '1',
        TarEntryType.SymbolicLink => '2',
        TarEntryType.CharacterDevice => '3',
        TarEntryType.BlockDevice => '4',
        TarEntryType.Directory => '5',
        TarEntryType.Fifo => '6',
        _ => '0',
    };

    public static TarEntryType TypeOf(char flag) => flag switch
    {
        '0' or '\0' or '7' => TarEntryType.RegularFile,
        '1' => TarEntryType.HardLink,
        '2' => TarEntryType.SymbolicLink,
        '3' => TarEntryType.CharacterDevice,
        '4' => TarEntryType.BlockDevice,
        '5' => TarEntryType.Directory,
        '6' => TarEntryType.Fifo,
        _ => TarEntryType.Other,
    };

    public static DockerProtocolException Malformed(string detail) => new("The tar archive is malformed: " + detail);

    // ---- reading ----

    public static bool IsZeroBlock(byte[] block, int offset)
    {
        for (var i = 0; i < BlockSize; i++)
        {
            if (block[offset + i] != 0) return false;
        }
        return true;
    }

    /// <summary>
    /// Checks the header checksum: the stored octal value must equal the sum of the block's bytes with the checksum
    /// field taken as spaces, summed unsigned (POSIX) or signed (some historic tars), as Go accepts both.
    /// </summary>
    public static bool ChecksumMatches(byte[] block, int offset, out long stored)
    {
        if (!TryParseNumeric(block, offset + ChecksumOffset, ChecksumSize, out stored)) return false;
        long unsigned = 0, signed = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            var b = i >= ChecksumOffset && i < ChecksumOffset + ChecksumSize ? (byte)' ' : block[offset + i];
            unsigned += b;
            signed += (sbyte)b;
        }
        return stored == unsigned || stored == signed;
    }

    /// <summary>A NUL-terminated string field, decoded as UTF-8.</summary>
    public static string ParseString(byte[] block, int offset, int size)
    {
        var end = Array.IndexOf(block, (byte)0, offset, size);
        var length = end < 0 ? size : end - offset;
        return length == 0 ? string.Empty : Utf8.GetString(block, offset, length);
    }

    /// <summary>An octal field (leading and trailing spaces and NULs ignored) or a base-256 field (high bit set).</summary>
    public static bool TryParseNumeric(byte[] block, int offset, int size, out long value)
    {
        value = 0;
        if (size > 0 && (block[offset] & 0x80) != 0)
        {
            // Base-256 (GNU): big-endian two's complement; the first byte's high bit marks the encoding, its next bit the sign.
            var inv = (block[offset] & 0x40) != 0 ? (byte)0xFF : (byte)0;
            ulong x = 0;
            for (var i = 0; i < size; i++)
            {
                var c = (byte)(block[offset + i] ^ inv);
                if (i == 0) c &= 0x7F;
                if ((x >> 56) > 0) return false;
                x = (x << 8) | c;
            }
            if ((x >> 63) > 0) return false;
            value = inv == 0xFF ? ~(long)x : (long)x;
            return true;
        }

        var start = offset;
        var end = offset + size;
        while (start < end && (block[start] == (byte)' ' || block[start] == 0)) start++;
        while (end > start && (block[end - 1] == (byte)' ' || block[end - 1] == 0)) end--;
        for (var i = start; i < end; i++)
        {
            var c = block[i];
            if (c < (byte)'0' || c > (byte)'7') return false;
            if (value > (long.MaxValue >> 3)) return false;
            value = (value << 3) | (long)(c - '0');
        }
        return true;
    }

    public static long ParseNumeric(byte[] block, int offset, int size, string field, long headerOffset)
    {
        if (!TryParseNumeric(block, offset, size, out var value))
            throw Malformed($"the {field} field of the header at byte {headerOffset} is not a number.");
        return value;
    }

    /// <summary>Parses the records of a PAX extended header: "%d %s=%s\n", the length counting the whole record.</summary>
    public static Dictionary<string, string> ParsePax(byte[] data, int length, long headerOffset)
    {
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        var pos = 0;
        while (pos < length)
        {
            var space = Array.IndexOf(data, (byte)' ', pos, Math.Min(20, length - pos));
            if (space <= pos) throw Malformed($"the PAX extended header at byte {headerOffset} has a record without a length.");
            var recordLength = 0;
            for (var i = pos; i < space; i++)
            {
                var c = data[i];
                if (c < (byte)'0' || c > (byte)'9' || recordLength > 100_000_000)
                    throw Malformed($"the PAX extended header at byte {headerOffset} has a record with an invalid length.");
                recordLength = recordLength * 10 + (c - '0');
            }
            if (recordLength <= space - pos + 1 || pos + recordLength > length || data[pos + recordLength - 1] != (byte)'\n')
                throw Malformed($"the PAX extended header at byte {headerOffset} has a record whose length does not match its content.");
            var eq = Array.IndexOf(data, (byte)'=', space + 1, pos + recordLength - 1 - (space + 1));
            if (eq <= space + 1) throw Malformed($"the PAX extended header at byte {headerOffset} has a record without a key.");
            var key = Utf8.GetString(data, space + 1, eq - space - 1);
            var value = Utf8.GetString(data, eq + 1, pos + recordLength - 1 - (eq + 1));
            if (value.IndexOf('\0') >= 0 && (key == PaxPath || key == PaxLinkpath))
                throw Malformed($"the PAX extended header at byte {headerOffset} has a {key} containing NUL.");
            records[key] = value;
            pos += recordLength;
        }
        return records;
    }

    public static long ParsePaxInteger(string value, string key, long headerOffset)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw Malformed($"the PAX record {key}='{value}' at byte {headerOffset} is not an integer.");
        return n;
    }

    /// <summary>A PAX time: decimal seconds since the epoch, possibly negative, with an optional fraction.</summary>
    public static DateTime ParsePaxTime(string value, string key, long headerOffset)
    {
        var text = value;
        var negative = text.StartsWith("-", StringComparison.Ordinal);
        if (negative) text = text.Substring(1);
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text.Substring(0, dot);
        var fraction = dot < 0 ? string.Empty : text.Substring(dot + 1);
        if (whole.Length == 0 || !long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || !IsDigits(fraction))
            throw Malformed($"the PAX record {key}='{value}' at byte {headerOffset} is not a time.");
        var fractionTicks = 0L;
        for (var i = 0; i < 7; i++) fractionTicks = fractionTicks * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
        return FromUnix(negative ? -seconds : seconds, negative ? -fractionTicks : fractionTicks);
    }

    private static bool IsDigits(string s)
    {
        foreach (var c in s)
        {
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /// <summary>Unix seconds plus 100 ns ticks as UTC, clamped to what DateTime holds.</summary>
    public static DateTime FromUnix(long seconds, long extraTicks = 0)
    {
        const long maxSeconds = (long)((9999L * 366 * 86400));
        if (seconds > maxSeconds) return DateTime.MaxValue;
        if (seconds < -maxSeconds) return DateTime.MinValue;
        var ticks = UnixEpoch.Ticks + seconds * TimeSpan.TicksPerSecond + extraTicks;
        if (ticks < DateTime.MinValue.Ticks) return new DateTime(DateTime.MinValue.Ticks, DateTimeKind.Utc);
        if (ticks > DateTime.MaxValue.Ticks) return new DateTime(DateTime.MaxValue.Ticks, DateTimeKind.Utc);
        return new DateTime(ticks, DateTimeKind.Utc);
    }

    /// <summary>Whole Unix seconds (floor) and the 100 ns ticks past them.</summary>
    public static (long Seconds, long Ticks) ToUnix(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        var delta = utc.Ticks - UnixEpoch.Ticks;
        var seconds = delta / TimeSpan.TicksPerSecond;
        var ticks = delta % TimeSpan.TicksPerSecond;
        if (ticks < 0)
        {
            seconds--;
            ticks += TimeSpan.TicksPerSecond;
        }
        return (seconds, ticks);
    }

    // ---- writing ----

    public static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c >= 0x80) return false;
        }
        return true;
    }

    /// <summary>The ASCII characters of <paramref name="s"/> (what a ustar field shows when PAX holds the real value).</summary>
    public static string ToAscii(string s)
    {
        if (IsAscii(s)) return s;
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c < 0x80) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Writes an ASCII string into a field, truncated to it; the rest of the field stays NUL.</summary>
    public static void WriteString(byte[] block, int offset, int size, string s)
    {
        var n = Math.Min(s.Length, size);
        for (var i = 0; i < n; i++) block[offset + i] = (byte)s[i];
    }

    /// <summary>Writes an octal field: size - 1 zero-padded digits and a NUL, as Go and GNU tar do.</summary>
    public static void WriteOctal(byte[] block, int offset, int size, long value)
    {
        var digits = size - 1;
        for (var i = digits - 1; i >= 0; i--)
        {
            block[offset + i] = (byte)('0' + (value & 7));
            value >>= 3;
        }
        block[offset + digits] = 0;
    }

    /// <summary>Writes a base-256 field (for values an octal field cannot hold; the PAX record carries them too).</summary>
    public static void WriteBase256(byte[] block, int offset, int size, long value)
    {
        var x = value;
        for (var i = size - 1; i >= 0; i--)
        {
            block[offset + i] = (byte)x;
            x >>= 8;
        }
        block[offset] |= 0x80;
    }

    /// <summary>Writes a number: octal when it fits, else base-256 when it fits, else zero. True when octal was used.</summary>
    public static bool WriteNumeric(byte[] block, int offset, int size, long value)
    {
        if (value >= 0 && value <= MaxOctal(size))
        {
            WriteOctal(block, offset, size, value);
            return true;
        }
        var bits = 8 * size - 1;
        if (bits >= 63 || (value >= -(1L << bits) && value < (1L << bits))) WriteBase256(block, offset, size, value);
        else WriteOctal(block, offset, size, 0);
        return false;
    }

    public static void WriteChecksum(byte[] block, int offset)
    {
        for (var i = 0; i < ChecksumSize; i++) block[offset + ChecksumOffset + i] = (byte)' ';
        long sum = 0;
        for (var i = 0; i < BlockSize; i++) sum += block[offset + i];
        // Six digits, NUL, space: the form POSIX tar and Go write.
        WriteOctal(block, offset + ChecksumOffset, 7, sum);
        block[offset + ChecksumOffset + 7] = (byte)' ';
    }

    /// <summary>Splits a long ASCII name at a '/' into ustar's prefix (155) and name (100) fields, as Go's splitUSTARPath.</summary>
    public static bool TrySplitUstar(string name, out string prefix, out string suffix)
    {
        prefix = suffix = string.Empty;
        var length = name.Length;
        if (length <= NameSize || !IsAscii(name)) return false;
        if (length > PrefixSize + 1) length = PrefixSize + 1;
        else if (name[length - 1] == '/') length--;
        var i = name.LastIndexOf('/', length - 1);
        var nlen = name.Length - i - 1;
        if (i <= 0 || nlen > NameSize || nlen == 0 || i > PrefixSize) return false;
        prefix = name.Substring(0, i);
        suffix = name.Substring(i + 1);
        return true;
    }

    /// <summary>One PAX record, "%d %s=%s\n", where the leading length counts the whole record including its own digits.</summary>
    public static byte[] PaxRecord(string key, string value)
    {
        var body = Utf8.GetByteCount(key) + Utf8.GetByteCount(value) + 3; // ' ', '=', '\n'
        var size = body + body.ToString(CultureInfo.InvariantCulture).Length;
        if (size.ToString(CultureInfo.InvariantCulture).Length + body != size) size++;
        return Utf8.GetBytes(size.ToString(CultureInfo.InvariantCulture) + " " + key + "=" + value + "\n");
    }

    public static string FormatPaxTime(DateTime time)
    {
        var (seconds, ticks) = ToUnix(time);
        if (ticks == 0) return seconds.ToString(CultureInfo.InvariantCulture);
        string sign = string.Empty;
        if (seconds < 0)
        {
            // -1.5 s is seconds = -2, ticks = 5000000: write it as "-1.5".
            sign = "-";
            seconds = -(seconds + 1);
            ticks = TimeSpan.TicksPerSecond - ticks;
        }
        return sign + seconds.ToString(CultureInfo.InvariantCulture) + "." + ticks.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
    }
}
