using System;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Model;

/// <summary>One line of a container's log: which stream, when (with -Timestamps), and the text.</summary>
public sealed class DockerLogLine
{
    public DockerLogLine(string container, StreamKind stream, DateTime? timestamp, string text)
    {
        Container = container;
        Stream = stream;
        Timestamp = timestamp;
        Text = text;
    }

    public string Container { get; }

    /// <summary>Stdout or Stderr (a container with a TTY has only Stdout).</summary>
    public StreamKind Stream { get; }

    public DateTime? Timestamp { get; }

    public string Text { get; }

    public override string ToString() => Text;
}
