using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Model;

/// <summary>A path the container changed against its image (<c>docker diff</c>).</summary>
public sealed class DockerContainerChange
{
    public DockerContainerChange(string path, DockerChangeKind kind, string container = "")
    {
        Path = path;
        Kind = kind;
        Container = container;
    }

    /// <summary>The container the change is in (its name, or what the caller named it by).</summary>
    public string Container { get; }

    public string Path { get; }

    public DockerChangeKind Kind { get; }

    /// <summary>A, C or D, as <c>docker diff</c> prints it.</summary>
    public string Symbol => Kind switch { DockerChangeKind.Added => "A", DockerChangeKind.Deleted => "D", _ => "C" };

    public override string ToString() => Symbol + " " + Path;
}

public enum DockerChangeKind
{
    Modified = 0,
    Added = 1,
    Deleted = 2,
}

/// <summary>The processes running in a container (<c>docker top</c>): one object per process, columns as ps prints them.</summary>
public sealed class DockerContainerProcess
{
    public DockerContainerProcess(string container, IReadOnlyDictionary<string, string> columns)
    {
        Container = container;
        Columns = columns;
    }

    public string Container { get; }

    /// <summary>ps's columns by title: UID, PID, PPID, C, STIME, TTY, TIME, CMD for the default ps arguments.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; }

    public string? Pid => Columns.TryGetValue("PID", out var v) ? v : null;

    public string? Command => Columns.TryGetValue("CMD", out var v) ? v : Columns.TryGetValue("COMMAND", out var c) ? c : null;

    internal static DockerContainerProcess[] From(string container, ContainerTopDto dto)
    {
        var titles = dto.Titles ?? new List<string>();
        return (dto.Processes ?? new List<List<string>>())
            .Select(row => new DockerContainerProcess(container, titles
                .Select((t, i) => (t, v: i < row.Count ? row[i] : string.Empty))
                .GroupBy(x => x.t, System.StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().v, System.StringComparer.Ordinal)))
            .ToArray();
    }

    public override string ToString() => Pid + " " + Command;
}
