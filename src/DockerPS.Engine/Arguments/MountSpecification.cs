using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// One <c>-Mount</c> value, the long form of <c>docker run --mount</c> (docker/cli <c>opts/mount.go</c>): comma-separated
/// <c>key=value</c> fields, CSV-quoted where a field holds a comma (<c>"volume-opt=o=addr=1.2.3.4,rw"</c>).
/// </summary>
/// <remarks>
/// <para>Keys (case-insensitive, as docker): <c>type</c> (<c>volume</c> by default, <c>bind</c>, <c>tmpfs</c>,
/// <c>npipe</c>, <c>image</c>); <c>source</c>|<c>src</c>; <c>target</c>|<c>destination</c>|<c>dst</c>;
/// <c>readonly</c>|<c>ro</c>, <c>volume-nocopy</c>, <c>bind-create-src</c> (alone, or <c>=true|false|1|0</c>);
/// <c>consistency</c>; <c>bind-propagation</c>; <c>bind-recursive</c> (<c>enabled</c>, <c>disabled</c>, <c>writable</c>,
/// <c>readonly</c>); <c>volume-subpath</c>, <c>volume-label</c>, <c>volume-driver</c>, <c>volume-opt</c> (labels and
/// opts repeatable, <c>name=value</c>); <c>image-subpath</c>; <c>tmpfs-size</c> (a byte size, as <c>512m</c>);
/// <c>tmpfs-mode</c> (octal, as <c>1777</c>). A later key of the same name wins, as in docker.</para>
/// <para>Checks the engine would make are made here: a target is required and absolute, a bind needs a source (a
/// relative one, starting with <c>.</c> or <c>~</c>, is resolved through the callback), a tmpfs takes no source, options
/// of one type are refused on another.</para>
/// </remarks>
public sealed class MountSpecification
{
    private const string What = "mount";

    private const string Expected =
        "comma-separated key=value fields: type=bind|volume|tmpfs|npipe|image, source=..., target=<container path> and options such as readonly, bind-propagation=rshared, " +
        "volume-opt=name=value, tmpfs-size=64m; for example type=bind,source=C:/data,target=/data,readonly or type=volume,source=svn-root,target=/home/svn or type=tmpfs,target=/cache,tmpfs-size=64m";

    private static readonly HashSet<string> Propagations = new(StringComparer.Ordinal) { "shared", "rshared", "slave", "rslave", "private", "rprivate" };
    private static readonly HashSet<string> ConsistencyValues = new(StringComparer.Ordinal) { "default", "consistent", "cached", "delegated" };
    private static readonly ReadOnlyDictionary<string, string> NoEntries = new(new Dictionary<string, string>());

    private MountSpecification(string specification) => Specification = specification;

    /// <summary>The value as given.</summary>
    public string Specification { get; }

    /// <summary>bind, volume, tmpfs, npipe or image.</summary>
    public string Type { get; private set; } = "volume";

    /// <summary>The host path (relative ones resolved), volume name, pipe or image; null when not given.</summary>
    public string? Source { get; private set; }

    public string Target { get; private set; } = string.Empty;

    public bool ReadOnly { get; private set; }

    /// <summary>default, consistent, cached or delegated; null when not given.</summary>
    public string? Consistency { get; private set; }

    public string? BindPropagation { get; private set; }

    /// <summary><c>bind-recursive=disabled</c>: submounts are not bound.</summary>
    public bool BindNonRecursive { get; private set; }

    /// <summary><c>bind-recursive=writable</c>: read-only, but submounts stay writable (with <c>readonly</c>).</summary>
    public bool BindReadOnlyNonRecursive { get; private set; }

    /// <summary><c>bind-recursive=readonly</c>: fail unless submounts can be made read-only too.</summary>
    public bool BindReadOnlyForceRecursive { get; private set; }

    /// <summary><c>bind-create-src</c>: create a missing source directory; null when not given.</summary>
    public bool? BindCreateSource { get; private set; }

    /// <summary><c>volume-nocopy</c>; null when not given.</summary>
    public bool? VolumeNoCopy { get; private set; }

    public string? VolumeSubpath { get; private set; }

    public IReadOnlyDictionary<string, string> VolumeLabels { get; private set; } = NoEntries;

    public string? VolumeDriver { get; private set; }

    public IReadOnlyDictionary<string, string> VolumeDriverOptions { get; private set; } = NoEntries;

    public string? ImageSubpath { get; private set; }

    public long? TmpfsSizeBytes { get; private set; }

    /// <summary>The tmpfs permission bits (<c>tmpfs-mode=1777</c> gives 1023); null when not given.</summary>
    public int? TmpfsMode { get; private set; }

    /// <summary>True when any <c>bind-*</c> key was given, so the engine request carries BindOptions.</summary>
    public bool HasBindOptions => BindPropagation is not null || BindNonRecursive || BindReadOnlyNonRecursive || BindReadOnlyForceRecursive || BindCreateSource is not null || _bindRecursiveGiven;

    /// <summary>True when any <c>volume-*</c> key was given, so the engine request carries VolumeOptions.</summary>
    public bool HasVolumeOptions => VolumeNoCopy is not null || VolumeSubpath is not null || VolumeLabels.Count > 0 || VolumeDriver is not null || VolumeDriverOptions.Count > 0;

    private bool _bindRecursiveGiven;

    public override string ToString() => Specification;

    /// <summary>
    /// Parses one <c>-Mount</c> string. A relative bind source is handed to <paramref name="resolveRelativeHostPath"/>
    /// (the PowerShell current location). Throws <see cref="DockerArgumentException"/> (InvalidMount).
    /// </summary>
    public static MountSpecification Parse(string value, Func<string, string> resolveRelativeHostPath)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (resolveRelativeHostPath is null) throw new ArgumentNullException(nameof(resolveRelativeHostPath));
        DockerArgumentException Fail(string reason) => ArgumentFailure.Create("InvalidMount", What, value, reason, Expected);

        var text = value.Trim();
        if (text.Length == 0) throw Fail("it is empty");
        if (!CsvRecord.TryRead(text, out var fields, out var csvReason)) throw Fail(csvReason);

        var m = new MountSpecification(value);
        Dictionary<string, string>? labels = null, driverOptions = null;
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var eq = field.IndexOf('=');
            var hasValue = eq >= 0;
            var rawKey = hasValue ? field.Substring(0, eq) : field;
            var val = hasValue ? field.Substring(eq + 1) : string.Empty;
            if (field.Length == 0) throw Fail("it has an empty field (two commas in a row, or a trailing comma)");
            if (rawKey.Trim() != rawKey) throw Fail($"the key in '{field}' has spaces around it");
            if (rawKey.Length == 0) throw Fail($"the field '{field}' has no key before '='");
            if (hasValue)
            {
                if (val.Trim().Length == 0) throw Fail($"the value of '{rawKey}' is empty");
                if (val.Trim() != val) throw Fail($"the value in '{field}' has spaces around it");
            }
            var key = rawKey.ToLowerInvariant();
            if (!hasValue && key is not ("readonly" or "ro" or "volume-nocopy" or "bind-create-src" or "bind-nonrecursive"))
                throw Fail(IsKnownKey(key) ? $"'{field}' needs a value: {key}=..." : $"'{field}' is not a key docker knows");
            given.Add(key);

            switch (key)
            {
                case "type":
                    var type = val.ToLowerInvariant();
                    if (type is not ("bind" or "volume" or "tmpfs" or "npipe" or "image"))
                        throw Fail($"the type '{val}' is not bind, volume, tmpfs, npipe or image");
                    m.Type = type;
                    break;
                case "source":
                case "src":
                    m.Source = val;
                    break;
                case "target":
                case "destination":
                case "dst":
                    m.Target = val;
                    break;
                case "readonly":
                case "ro":
                    m.ReadOnly = Bool(key, val, hasValue, Fail);
                    break;
                case "consistency":
                    var consistency = val.ToLowerInvariant();
                    if (!ConsistencyValues.Contains(consistency)) throw Fail($"the consistency '{val}' is not default, consistent, cached or delegated");
                    m.Consistency = consistency;
                    break;
                case "bind-propagation":
                    var propagation = val.ToLowerInvariant();
                    if (!Propagations.Contains(propagation)) throw Fail($"the propagation '{val}' is not shared, rshared, slave, rslave, private or rprivate");
                    m.BindPropagation = propagation;
                    break;
                case "bind-nonrecursive":
                    throw Fail("bind-nonrecursive is deprecated in docker; use bind-recursive=disabled");
                case "bind-recursive":
                    m._bindRecursiveGiven = true;
                    m.BindNonRecursive = m.BindReadOnlyNonRecursive = m.BindReadOnlyForceRecursive = false;
                    switch (val)
                    {
                        case "enabled": break;
                        case "disabled": m.BindNonRecursive = true; break;
                        case "writable": m.BindReadOnlyNonRecursive = true; break;
                        case "readonly": m.BindReadOnlyForceRecursive = true; break;
                        default: throw Fail($"bind-recursive '{val}' is not enabled, disabled, writable or readonly");
                    }
                    break;
                case "bind-create-src":
                    m.BindCreateSource = Bool(key, val, hasValue, Fail);
                    break;
                case "volume-subpath":
                    m.VolumeSubpath = val;
                    break;
                case "volume-nocopy":
                    m.VolumeNoCopy = Bool(key, val, hasValue, Fail);
                    break;
                case "volume-label":
                    labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    Entry(labels, key, val, Fail);
                    break;
                case "volume-driver":
                    m.VolumeDriver = val;
                    break;
                case "volume-opt":
                    driverOptions ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    Entry(driverOptions, key, val, Fail);
                    break;
                case "image-subpath":
                    m.ImageSubpath = val;
                    break;
                case "tmpfs-size":
                    if (!ByteSize.TryParse(val, out var size, out var sizeReason))
                        throw Fail($"tmpfs-size '{val}' is not a size ({sizeReason}); write bytes or a number with b, k, m, g, t or p, as 64m");
                    m.TmpfsSizeBytes = size;
                    break;
                case "tmpfs-mode":
                    m.TmpfsMode = Octal(val, Fail);
                    break;
                default:
                    throw Fail($"'{rawKey}' is not a key docker knows");
            }
        }
        if (labels is not null) m.VolumeLabels = new ReadOnlyDictionary<string, string>(labels);
        if (driverOptions is not null) m.VolumeDriverOptions = new ReadOnlyDictionary<string, string>(driverOptions);

        m.Validate(given, resolveRelativeHostPath, Fail);
        return m;
    }

    private void Validate(HashSet<string> given, Func<string, string> resolve, Func<string, DockerArgumentException> fail)
    {
        // Options of one type on another: docker/cli validateExclusiveOptions.
        foreach (var key in given)
        {
            var dash = key.IndexOf('-');
            if (dash < 0) continue;
            var family = key.Substring(0, dash);
            if (family is "bind" or "volume" or "image" or "tmpfs" && family != Type)
                throw fail($"'{key}' is a {family} option and cannot be used with type={Type}");
        }

        if (BindReadOnlyNonRecursive && !ReadOnly) throw fail("bind-recursive=writable needs readonly as well");
        if (BindReadOnlyForceRecursive)
        {
            if (!ReadOnly) throw fail("bind-recursive=readonly needs readonly as well");
            if (BindPropagation != "rprivate") throw fail("bind-recursive=readonly needs bind-propagation=rprivate as well");
        }

        if (Target.Length == 0) throw fail("it has no target (target=<container path>)");
        var targetIsPipe = HostPaths.Classify(Target) == PathShape.NamedPipe;
        var targetReason = HostPaths.CheckContainerPath(Target);
        if (targetReason is not null) throw fail(targetReason);

        switch (Type)
        {
            case "bind":
                if (Source is null) throw fail("a bind needs a source (source=<host path>)");
                switch (HostPaths.Classify(Source))
                {
                    case PathShape.UnixAbsolute:
                    case PathShape.WindowsAbsolute:
                        break;
                    case PathShape.Relative:
                        Source = HostPaths.Resolve(Source, resolve, out var reason);
                        if (reason is not null) throw fail(reason);
                        break;
                    case PathShape.NamedPipe:
                        throw fail($"the source '{Source}' is a named pipe; use type=npipe");
                    case PathShape.Unc:
                        throw fail($"the source '{Source}' is a network share, which docker cannot bind");
                    default:
                        throw fail($"the bind source '{Source}' is not an absolute host path; a relative one must start with '.', as ./{Source}");
                }
                if (targetIsPipe) throw fail("a named pipe target needs type=npipe");
                break;
            case "volume":
                if (Source is not null && VolumeDriver is null && !HostPaths.IsVolumeName(Source))
                {
                    throw fail($"'{Source}' is not a volume name (letters, digits, '_', '.' and '-', at least two characters, starting with a letter or digit)" +
                               (HostPaths.Classify(Source) is PathShape.Other or PathShape.Empty ? string.Empty : "; for a host path use type=bind"));
                }
                if (VolumeSubpath is not null)
                {
                    if (Source is null) throw fail("volume-subpath needs a named volume (source=<name>), not an anonymous one");
                    if (!IsLocalSubpath(VolumeSubpath)) throw fail($"volume-subpath '{VolumeSubpath}' must be a relative path inside the volume");
                }
                if (targetIsPipe) throw fail("a named pipe target needs type=npipe");
                break;
            case "tmpfs":
                if (Source is not null) throw fail("a tmpfs mount takes no source");
                if (targetIsPipe) throw fail("a named pipe target needs type=npipe");
                break;
            case "npipe":
                if (Source is null) throw fail("an npipe mount needs a source (source=\\\\.\\pipe\\name)");
                if (HostPaths.Classify(Source) != PathShape.NamedPipe) throw fail($"the source '{Source}' is not a named pipe (\\\\.\\pipe\\name)");
                if (!targetIsPipe) throw fail($"the target '{Target}' is not a named pipe (\\\\.\\pipe\\name)");
                break;
            case "image":
                if (Source is null) throw fail("an image mount needs a source (source=<image>)");
                if (ImageSubpath is not null && !IsLocalSubpath(ImageSubpath)) throw fail($"image-subpath '{ImageSubpath}' must be a relative path inside the image");
                if (targetIsPipe) throw fail("a named pipe target needs type=npipe");
                break;
        }
    }

    private static bool IsKnownKey(string key) => key is "type" or "source" or "src" or "target" or "destination" or "dst" or "consistency"
        or "bind-propagation" or "bind-recursive" or "volume-subpath" or "volume-label" or "volume-driver" or "volume-opt"
        or "image-subpath" or "tmpfs-size" or "tmpfs-mode";

    /// <summary>docker's parseBoolValue: nothing (true), 1, true, 0 or false.</summary>
    private static bool Bool(string key, string val, bool hasValue, Func<string, DockerArgumentException> fail)
    {
        if (!hasValue) return true;
        return val switch
        {
            "1" or "true" => true,
            "0" or "false" => false,
            _ => throw fail($"{key} '{val}' is not true, false, 1 or 0"),
        };
    }

    private static void Entry(Dictionary<string, string> target, string key, string val, Func<string, DockerArgumentException> fail)
    {
        var eq = val.IndexOf('=');
        var name = eq < 0 ? val : val.Substring(0, eq);
        if (name.Length == 0) throw fail($"{key} '{val}' has no name before '=' ({key}=name=value)");
        target[name] = eq < 0 ? string.Empty : val.Substring(eq + 1);
    }

    /// <summary>Octal permission bits, at most 7777.</summary>
    private static int Octal(string val, Func<string, DockerArgumentException> fail)
    {
        var mode = 0;
        foreach (var c in val)
        {
            if (c < '0' || c > '7' || mode > 511)
                throw fail($"tmpfs-mode '{val}' is not octal permission bits from 0 to 7777, as 1777 or 0700");
            mode = (mode * 8) + (c - '0');
        }
        return mode;
    }

    /// <summary>Go's filepath.IsLocal, on both separators: relative, non-empty, never climbing out with '..'.</summary>
    private static bool IsLocalSubpath(string path)
    {
        if (path.Length == 0 || path[0] == '/' || path[0] == '\\' || HostPaths.IsDriveLetter(path, 0)) return false;
        var depth = 0;
        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (--depth < 0) return false;
                continue;
            }
            depth++;
        }
        return true;
    }
}
