using System;
using System.Text;
using DockerPS.Engine.Model;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Archive;

/// <summary>What kind of file system item a path names.</summary>
public enum DockerItemType
{
    File,
    Directory,
    SymbolicLink,
    NamedPipe,
    Socket,
    BlockDevice,
    CharacterDevice,
    Other,
}

/// <summary>
/// A file, directory or link inside a container, as the engine describes it (the stat of
/// <c>HEAD /containers/{id}/archive</c>; <c>docker container cp</c> reads the same).
/// </summary>
public sealed class DockerContainerItem
{
    internal DockerContainerItem(string container, string path, ContainerPathStatDto dto)
    {
        Container = container;
        Path = path;
        Name = dto.Name ?? string.Empty;
        Size = dto.Size;
        GoMode = dto.Mode;
        (ItemType, UnixMode) = GoFileMode.ToUnix(dto.Mode);
        Mode = GoFileMode.Format(ItemType, UnixMode);
        LastWriteTime = Time.FromRfc3339(dto.Mtime);
        LinkTarget = string.IsNullOrEmpty(dto.LinkTarget) ? null : dto.LinkTarget;
    }

    /// <summary>The container as it was named (name, id or id prefix).</summary>
    public string Container { get; }

    /// <summary>The path inside the container, as it was asked for.</summary>
    public string Path { get; }

    /// <summary>The item's own name (the last element of its path).</summary>
    public string Name { get; }

    public DockerItemType ItemType { get; }

    public bool IsDirectory => ItemType == DockerItemType.Directory;

    /// <summary>The size in bytes (of the link itself for a symbolic link; as the file system reports it for a directory).</summary>
    public long Size { get; }

    /// <summary>Permission bits with setuid, setgid and sticky, as chmod takes them (0755 is 493).</summary>
    public int UnixMode { get; }

    /// <summary>The mode as <c>ls -l</c> shows it, for example <c>drwxr-xr-x</c>.</summary>
    public string Mode { get; }

    /// <summary>The last modification time, in local time.</summary>
    public DateTime? LastWriteTime { get; }

    /// <summary>Where a symbolic link leads, as the engine reports it: the full path inside the container it resolves to; null for other items.</summary>
    public string? LinkTarget { get; }

    /// <summary>The mode as the engine sent it: a Go os.FileMode (type bits high, permission bits low).</summary>
    internal uint GoMode { get; }

    public override string ToString() => Container + ":" + Path;
}

/// <summary>Go's os.FileMode, the mode in the engine's path stat, to and from Unix modes.</summary>
internal static class GoFileMode
{
    public const uint Dir = 1u << 31;
    public const uint Append = 1u << 30;
    public const uint Exclusive = 1u << 29;
    public const uint Temporary = 1u << 28;
    public const uint Symlink = 1u << 27;
    public const uint Device = 1u << 26;
    public const uint NamedPipe = 1u << 25;
    public const uint Socket = 1u << 24;
    public const uint Setuid = 1u << 23;
    public const uint Setgid = 1u << 22;
    public const uint CharDevice = 1u << 21;
    public const uint Sticky = 1u << 20;
    public const uint Irregular = 1u << 19;

    public static (DockerItemType Type, int UnixMode) ToUnix(uint mode)
    {
        var unix = (int)(mode & 0x1FF);
        if ((mode & Setuid) != 0) unix |= 0x800;
        if ((mode & Setgid) != 0) unix |= 0x400;
        if ((mode & Sticky) != 0) unix |= 0x200;
        DockerItemType type;
        if ((mode & Dir) != 0) type = DockerItemType.Directory;
        else if ((mode & Symlink) != 0) type = DockerItemType.SymbolicLink;
        else if ((mode & NamedPipe) != 0) type = DockerItemType.NamedPipe;
        else if ((mode & Socket) != 0) type = DockerItemType.Socket;
        else if ((mode & Device) != 0) type = (mode & CharDevice) != 0 ? DockerItemType.CharacterDevice : DockerItemType.BlockDevice;
        else if ((mode & Irregular) != 0) type = DockerItemType.Other;
        else type = DockerItemType.File;
        return (type, unix);
    }

    public static uint FromUnix(DockerItemType type, int unixMode)
    {
        var mode = (uint)(unixMode & 0x1FF);
        if ((unixMode & 0x800) != 0) mode |= Setuid;
        if ((unixMode & 0x400) != 0) mode |= Setgid;
        if ((unixMode & 0x200) != 0) mode |= Sticky;
        mode |= type switch
        {
            DockerItemType.Directory => Dir,
            DockerItemType.SymbolicLink => Symlink,
            DockerItemType.NamedPipe => NamedPipe,
            DockerItemType.Socket => Socket,
            DockerItemType.BlockDevice => Device,
            DockerItemType.CharacterDevice => Device | CharDevice,
            DockerItemType.Other => Irregular,
            _ => 0u,
        };
        return mode;
    }

    /// <summary><c>ls -l</c>'s mode column: type letter, then rwx three times with s/S and t/T for the special bits.</summary>
    public static string Format(DockerItemType type, int unixMode)
    {
        var sb = new StringBuilder(10);
        sb.Append(type switch
        {
            DockerItemType.Directory => 'd',
            DockerItemType.SymbolicLink => 'l',
            DockerItemType.NamedPipe => 'p',
            DockerItemType.Socket => 's',
            DockerItemType.BlockDevice => 'b',
            DockerItemType.CharacterDevice => 'c',
            DockerItemType.Other => '?',
            _ => '-',
        });
        Triplet(sb, unixMode >> 6, (unixMode & 0x800) != 0, 's');
        Triplet(sb, unixMode >> 3, (unixMode & 0x400) != 0, 's');
        Triplet(sb, unixMode, (unixMode & 0x200) != 0, 't');
        return sb.ToString();
    }

    private static void Triplet(StringBuilder sb, int bits, bool special, char specialChar)
    {
        sb.Append((bits & 4) != 0 ? 'r' : '-');
        sb.Append((bits & 2) != 0 ? 'w' : '-');
        var x = (bits & 1) != 0;
        sb.Append(special ? (x ? specialChar : char.ToUpperInvariant(specialChar)) : (x ? 'x' : '-'));
    }
}
