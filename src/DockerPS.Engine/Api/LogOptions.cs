using System;

namespace DockerPS.Engine.Api;

/// <summary>What docker logs reads.</summary>
public sealed class LogOptions
{
    /// <summary>Keep reading new output until cancelled or the container stops (docker logs -f).</summary>
    public bool Follow { get; set; }

    /// <summary>Only the last N lines; null for all.</summary>
    public int? Tail { get; set; }

    public DateTime? Since { get; set; }

    public DateTime? Until { get; set; }

    public bool Timestamps { get; set; }

    public bool Stdout { get; set; } = true;

    public bool Stderr { get; set; } = true;
}
