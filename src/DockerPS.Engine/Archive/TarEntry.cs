using System;
using System.Collections.Generic;

namespace DockerPS.Engine.Archive;

/// <summary>What a tar entry is.</summary>
public enum TarEntryType
{
    /// <summary>A regular file ('0', NUL, or the old contiguous file '7'); its data follows the header.</summary>
    RegularFile,

    /// <summary>A hard link ('1') to an earlier entry, named by <see cref="TarEntry.LinkName"/>.</summary>
    HardLink,

    /// <summary>A symbolic link ('2') whose target is <see cref="TarEntry.LinkName"/>.</summary>
    SymbolicLink,

    CharacterDevice,

    BlockDevice,

    Directory,

    /// <summary>A named pipe ('6').</summary>
    Fifo,

    /// <summary>A type this reader does not know; <see cref="TarEntry.TypeFlag"/> holds its flag.</summary>
    Other,
}

/// <summary>
/// One entry of a tar archive: the metadata of its header (ustar fields merged with any PAX or GNU extensions).
/// The entry's data is read from or written to the <see cref="TarReader"/> or <see cref="TarWriter"/>.
/// </summary>
public sealed class TarEntry
{
    public TarEntry(string name, TarEntryType type)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Type = type;
        TypeFlag = TarFormat.FlagOf(type);
    }

    /// <summary>The entry's path inside the archive, with '/' separators (directories usually end with '/').</summary>
    public string Name { get; set; }

    public TarEntryType Type { get; set; }

    /// <summary>The header's type flag as it was read (for <see cref="TarEntryType.Other"/>).</summary>
    public char TypeFlag { get; internal set; }

    /// <summary>Permission bits plus setuid, setgid and sticky (07777).</summary>
    public int Mode { get; set; }

    public long Uid { get; set; }

    public long Gid { get; set; }

    public string UserName { get; set; } = string.Empty;

    public string GroupName { get; set; } = string.Empty;

    /// <summary>The length of the entry's data; zero for links, directories and devices.</summary>
    public long Size { get; set; }

    /// <summary>The modification time, in UTC, to 100 ns.</summary>
    public DateTime ModificationTime { get; set; } = TarFormat.UnixEpoch;

    /// <summary>The target of a symbolic or hard link.</summary>
    public string LinkName { get; set; } = string.Empty;

    public int DeviceMajor { get; set; }

    public int DeviceMinor { get; set; }

    /// <summary>
    /// PAX records beyond those that map to the properties above (extended attributes, for example). Read: as found;
    /// written: added to the entry's extended header.
    /// </summary>
    public IDictionary<string, string> PaxRecords { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>True for types whose header carries no data whatever its size field says (as Go's archive/tar).</summary>
    public bool IsHeaderOnly => Type is TarEntryType.HardLink or TarEntryType.SymbolicLink or TarEntryType.CharacterDevice
        or TarEntryType.BlockDevice or TarEntryType.Directory or TarEntryType.Fifo;

    public override string ToString() => Type + " " + Name;
}
