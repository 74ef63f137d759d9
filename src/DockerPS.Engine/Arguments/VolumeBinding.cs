using System;
using System.Collections.Generic;
using System.Text;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>What a <c>-Volume</c> value mounts.</summary>
public enum VolumeBindingKind
{
    /// <summary>A host directory or file: <c>/srv/data:/data</c>, <c>C:/tools.docker/share:/share.host</c>, <c>./data:/data</c>.</summary>
    Bind,

    /// <summary>A named volume, created on first use: <c>svn-root:/home/svn</c>.</summary>
    NamedVolume,

    /// <summary>A fresh volume with a generated name: <c>/data</c> alone.</summary>
    AnonymousVolume,

    /// <summary>A Windows named pipe: <c>\\.\pipe\docker_engine:\\.\pipe\docker_engine</c>.</summary>
    NamedPipe,
}

/// <summary>
/// One <c>-Volume</c> value, the short form of <c>docker run -v</c>: <c>[source:]target[:options]</c>.
/// The split follows docker/cli <c>internal/volumespec</c> (a colon right after a single drive letter belongs to a
/// Windows path, in any field, whatever the client OS); the checks are those the engine's Linux mount parser
/// applies (moby <c>daemon/volume/mounts/linux_parser.go</c>), made here so nothing is created when one fails.
/// </summary>
/// <remarks>
/// <para>The source is a bind when it is an absolute host path (<c>/x</c>, <c>C:\x</c>, <c>C:/x</c>, kept exactly as
/// written, as the docker CLI sends it), a relative host path when it starts with <c>.</c> (docker's rule) or
/// <c>~</c>, resolved through the caller's callback (the PowerShell current location), and otherwise a volume
/// name, which must match <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>. <c>data/sub</c> is neither, as in docker (whose
/// engine refuses it as a volume name); write <c>./data/sub</c>.</para>
/// <para>Options, comma-separated, at most one of each group: <c>ro</c>|<c>rw</c>; <c>z</c>|<c>Z</c>; a
/// propagation (<c>shared</c>, <c>rshared</c>, <c>slave</c>, <c>rslave</c>, <c>private</c>, <c>rprivate</c>; binds
/// only); <c>nocopy</c> (named volumes only); <c>consistent</c>|<c>cached</c>|<c>delegated</c>. An anonymous
/// volume takes no options, as in docker.</para>
/// </remarks>
public sealed class VolumeBinding
{
    private const string What = "volume";

    private const string Expected =
        "[host-path-or-volume-name:]container-path[:options], options being ro, rw, z, Z, nocopy or a propagation such as rshared, comma-separated; " +
        "for example C:/tools.docker/share:/share.host, ./data:/data:ro, svn-root:/home/svn or /data";

    private static readonly HashSet<string> Propagations = new(StringComparer.Ordinal) { "shared", "rshared", "slave", "rslave", "private", "rprivate" };
    private static readonly HashSet<string> Consistencies = new(StringComparer.Ordinal) { "consistent", "cached", "delegated" };

    private VolumeBinding(string specification, VolumeBindingKind kind, string? source, string target, string mode,
        bool readOnly, string? propagation, string? selinuxLabel, bool noCopy, string? consistency)
    {
        Specification = specification;
        Kind = kind;
        Source = source;
        Target = target;
        Mode = mode;
        ReadOnly = readOnly;
        Propagation = propagation;
        SELinuxLabel = selinuxLabel;
        NoCopy = noCopy;
        Consistency = consistency;
    }

    /// <summary>The value as given.</summary>
    public string Specification { get; }

    public VolumeBindingKind Kind { get; }

    /// <summary>The host path (relative ones resolved), the volume name or the pipe; null for an anonymous volume.</summary>
    public string? Source { get; }

    /// <summary>The path inside the container, as written.</summary>
    public string Target { get; }

    /// <summary>The options as written (<c>ro,z</c>), empty when none.</summary>
    public string Mode { get; }

    public bool ReadOnly { get; }

    /// <summary>The bind propagation given, or null.</summary>
    public string? Propagation { get; }

    /// <summary><c>z</c> (shared) or <c>Z</c> (private) SELinux relabelling, or null.</summary>
    public string? SELinuxLabel { get; }

    /// <summary><c>nocopy</c>: do not copy the image's content into a new named volume.</summary>
    public bool NoCopy { get; }

    /// <summary><c>consistent</c>, <c>cached</c> or <c>delegated</c> (accepted by docker, ignored by Linux engines), or null.</summary>
    public string? Consistency { get; }

    /// <summary>
    /// The entry for the engine's <c>HostConfig.Binds</c>, <c>source:target[:mode]</c> with the resolved source, as the
    /// docker CLI sends it; null for an anonymous volume, which goes into <c>Config.Volumes</c> under <see cref="Target"/>.
    /// </summary>
    public string? ToBind() => Source is null ? null : Source + ":" + Target + (Mode.Length > 0 ? ":" + Mode : string.Empty);

    public override string ToString() => ToBind() ?? Target;

    /// <summary>
    /// Parses one <c>-Volume</c> string. <paramref name="resolveRelativeHostPath"/> receives a relative host path as
    /// written (<c>./data</c>, <c>..</c>, <c>~/x</c>) and returns it absolute; the cmdlet layer resolves against the
    /// PowerShell current location. Throws <see cref="DockerArgumentException"/> (InvalidVolume).
    /// </summary>
    public static VolumeBinding Parse(string spec, Func<string, string> resolveRelativeHostPath)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        if (resolveRelativeHostPath is null) throw new ArgumentNullException(nameof(resolveRelativeHostPath));
        DockerArgumentException Fail(string reason) => ArgumentFailure.Create("InvalidVolume", What, spec, reason, Expected);

        if (spec.Length == 0) throw Fail("it is empty");
        var fields = Split(spec);
        if (fields.Count > 3) throw Fail("it has too many ':'-separated parts (a Windows drive letter's colon does not count)");
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Length == 0)
            {
                throw Fail(i == 0 && fields.Count > 1
                    ? "the source before the first ':' is empty"
                    : "it has an empty part between ':' separators");
            }
        }

        if (fields.Count == 1)
        {
            var reason = HostPaths.CheckContainerPath(fields[0]);
            if (reason is not null) throw Fail(reason);
            return new VolumeBinding(spec, VolumeBindingKind.AnonymousVolume, null, fields[0], string.Empty, false, null, null, false, null);
        }

        var source = fields[0];
        var target = fields[1];
        var mode = fields.Count == 3 ? fields[2] : string.Empty;
        if (fields.Count == 2 && IsOptionList(target))
            throw Fail($"'{target}' are options, which need a source and a target (an anonymous volume takes none): source:{source}:{target}");

        var targetReason = HostPaths.CheckContainerPath(target);
        if (targetReason is not null) throw Fail(targetReason);

        VolumeBindingKind kind;
        switch (HostPaths.Classify(source))
        {
            case PathShape.UnixAbsolute:
            case PathShape.WindowsAbsolute:
                kind = VolumeBindingKind.Bind;
                break;
            case PathShape.NamedPipe:
                kind = VolumeBindingKind.NamedPipe;
                break;
            case PathShape.Relative:
                kind = VolumeBindingKind.Bind;
                source = HostPaths.Resolve(source, resolveRelativeHostPath, out var resolveReason);
                if (resolveReason is not null) throw Fail(resolveReason);
                break;
            case PathShape.WindowsDriveRelative:
                throw Fail($"the host path '{source}' is relative to a drive's current directory; write it absolute, as {source.Substring(0, 2)}\\...");
            case PathShape.Unc:
                throw Fail($"the host path '{source}' is a network share, which docker cannot bind; map it to a drive or copy the data to a local path");
            default:
                if (!HostPaths.IsVolumeName(source))
                {
                    var hint = source.IndexOf('/') >= 0 || source.IndexOf('\\') >= 0
                        ? $"; a relative host path must start with '.', as ./{source}"
                        : string.Empty;
                    throw Fail($"'{source}' is neither an absolute host path nor a volume name (letters, digits, '_', '.' and '-', at least two characters, starting with a letter or digit){hint}");
                }
                kind = VolumeBindingKind.NamedVolume;
                break;
        }

        var targetIsPipe = HostPaths.Classify(target) == PathShape.NamedPipe;
        if (kind == VolumeBindingKind.NamedPipe && !targetIsPipe)
            throw Fail($"the named pipe '{source}' binds to a named pipe in the container, not to '{target}'");
        if (kind != VolumeBindingKind.NamedPipe && targetIsPipe)
            throw Fail($"the container path '{target}' is a named pipe, which only a host named pipe binds to");

        bool readOnly = false, noCopy = false;
        string? propagation = null, label = null, consistency = null;
        if (fields.Count == 3)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var option in mode.Split(','))
            {
                string group;
                if (option is "ro" or "rw") { group = "ro or rw"; readOnly = option == "ro"; }
                else if (option is "z" or "Z") { group = "z or Z"; label = option; }
                else if (Propagations.Contains(option)) { group = "a propagation"; propagation = option; }
                else if (option == "nocopy") { group = "nocopy"; noCopy = true; }
                else if (Consistencies.Contains(option)) { group = "a consistency"; consistency = option; }
                else if (option.Length == 0) throw Fail($"the options '{mode}' have an empty entry");
                else throw Fail($"'{option}' is not an option docker knows (ro, rw, z, Z, nocopy, shared, rshared, slave, rslave, private, rprivate, consistent, cached, delegated)");
                if (!seen.Add(group)) throw Fail($"the options '{mode}' give {group} more than once");
            }
            if (propagation is not null && kind != VolumeBindingKind.Bind)
                throw Fail($"the propagation '{propagation}' applies to a bind of a host path, not to a {KindText(kind)}");
            if (noCopy && kind != VolumeBindingKind.NamedVolume)
                throw Fail($"nocopy applies to a named volume, not to a {KindText(kind)}");
            if (kind == VolumeBindingKind.NamedPipe && (label is not null || consistency is not null))
                throw Fail("a named pipe takes only ro or rw");
        }

        return new VolumeBinding(spec, kind, source, target, mode, readOnly, propagation, label, noCopy, consistency);
    }

    private static string KindText(VolumeBindingKind kind) => kind switch
    {
        VolumeBindingKind.NamedVolume => "named volume",
        VolumeBindingKind.NamedPipe => "named pipe",
        _ => "bind",
    };

    private static bool IsOptionList(string text)
    {
        foreach (var option in text.Split(','))
        {
            if (!(option is "ro" or "rw" or "z" or "Z" or "nocopy" || Propagations.Contains(option) || Consistencies.Contains(option)))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Splits on ':' as docker's volumespec does, except where the colon ends a field that is a single letter (a
    /// drive, <c>C:</c>) or a single letter behind the long-path prefix (<c>\\?\C:</c>).
    /// </summary>
    private static List<string> Split(string spec)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        foreach (var c in spec)
        {
            if (c == ':' && !IsDrive(current))
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return fields;
    }

    private static bool IsDrive(StringBuilder field)
    {
        if (field.Length == 1) return HostPaths.IsAsciiLetter(field[0]);
        return field.Length == 5 && field[0] == '\\' && field[1] == '\\' && field[2] == '?' && field[3] == '\\' && HostPaths.IsAsciiLetter(field[4]);
    }
}
