using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace DockerPS.Engine.Archive;

public enum DockerCopyDirection
{
    FromContainer,
    ToContainer,
}

/// <summary>How <c>docker cp</c> is to copy.</summary>
public sealed class DockerCopyOptions
{
    /// <summary>Copy what a symbolic link source points to, not the link (<c>docker cp -L</c>).</summary>
    public bool FollowLink { get; set; }

    /// <summary>Into a container: give the copied items the container user's uid and gid (<c>docker cp -a</c>).</summary>
    public bool CopyOwnership { get; set; }

    /// <summary>Told the bytes copied so far, at most every <see cref="ProgressInterval"/> and once at the end.</summary>
    public IProgress<DockerCopyProgress>? Progress { get; set; }

    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>How far a copy has come.</summary>
public sealed class DockerCopyProgress
{
    internal DockerCopyProgress(DockerCopyDirection direction, string source, string destination, long bytes, long? totalBytes, int entries, string? current, bool completed)
    {
        Direction = direction;
        Source = source;
        Destination = destination;
        BytesCopied = bytes;
        TotalBytes = totalBytes;
        Entries = entries;
        CurrentItem = current;
        Completed = completed;
    }

    public DockerCopyDirection Direction { get; }

    public string Source { get; }

    public string Destination { get; }

    /// <summary>File content copied so far, in bytes.</summary>
    public long BytesCopied { get; }

    /// <summary>All the file content to copy, when known beforehand (a host source, or a single file).</summary>
    public long? TotalBytes { get; }

    /// <summary>Files, directories and links copied so far.</summary>
    public int Entries { get; }

    /// <summary>The archive name of the item being copied.</summary>
    public string? CurrentItem { get; }

    public bool Completed { get; }
}

/// <summary>What a copy did.</summary>
public sealed class DockerCopyResult
{
    internal DockerCopyResult(DockerCopyDirection direction, string container, string source, string destination, DockerItemType destinationType,
        long bytes, int entries, IReadOnlyList<string> warnings, TimeSpan elapsed)
    {
        Direction = direction;
        Container = container;
        Source = source;
        Destination = destination;
        DestinationType = destinationType;
        Bytes = bytes;
        Entries = entries;
        Warnings = warnings;
        Elapsed = elapsed;
    }

    public DockerCopyDirection Direction { get; }

    /// <summary>The container as it was named.</summary>
    public string Container { get; }

    /// <summary>The source path: inside the container, or on the host (full).</summary>
    public string Source { get; }

    /// <summary>The item the copy made or replaced: a full host path, or a path inside the container.</summary>
    public string Destination { get; }

    public DockerItemType DestinationType { get; }

    /// <summary>File content copied, in bytes.</summary>
    public long Bytes { get; }

    /// <summary>Files, directories and links copied.</summary>
    public int Entries { get; }

    /// <summary>What could not be copied exactly (device files skipped, hard links written as copies...).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public TimeSpan Elapsed { get; }
}

/// <summary>Counts a copy's bytes and entries and reports progress, throttled.</summary>
internal sealed class CopyTracker
{
    private readonly DockerCopyOptions _options;
    private readonly DockerCopyDirection _direction;
    private readonly string _source;
    private readonly string _destination;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastReport = long.MinValue;
    private string? _current;

    public CopyTracker(DockerCopyOptions options, DockerCopyDirection direction, string source, string destination)
    {
        _options = options;
        _direction = direction;
        _source = source;
        _destination = destination;
    }

    public long Bytes { get; private set; }

    public int Entries { get; private set; }

    public long? TotalBytes { get; set; }

    public List<string> Warnings { get; } = new();

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Entry(string name)
    {
        Entries++;
        _current = name;
        Report(false);
    }

    public void Add(int bytes)
    {
        Bytes += bytes;
        Report(false);
    }

    public void Complete() => Report(true);

    private void Report(bool completed)
    {
        var progress = _options.Progress;
        if (progress is null) return;
        var now = _clock.ElapsedTicks;
        var interval = (long)(_options.ProgressInterval.TotalSeconds * Stopwatch.Frequency);
        if (!completed && _lastReport != long.MinValue && now - _lastReport < interval) return;
        _lastReport = now;
        progress.Report(new DockerCopyProgress(_direction, _source, _destination, Bytes, TotalBytes, Entries, _current, completed));
    }
}
