using System.Diagnostics;

namespace DockerPS.Bench.Support;

/// <summary>
/// One operation measured in pairs (<see cref="PairedRuns"/>): each run's figure for DockerPS and for the CLI, in run
/// order (seconds, or MiB/s), and the most DockerPS grew the managed heap and allocated in any one run, sampled at
/// its progress reports.
/// </summary>
internal sealed class PairedFigures
{
    public List<double> Ours { get; } = new();

    public List<double> Cli { get; } = new();

    public long PeakManaged { get; private set; }

    public long Allocated { get; private set; }

    /// <summary>Each run's DockerPS figure over the CLI's.</summary>
    public IReadOnlyList<double> Ratios => PairedRuns.Ratios(Ours, Cli);

    /// <summary>The median of each run's DockerPS / CLI ratio.</summary>
    public double MedianRatio => Stats.Median(Ratios);

    /// <summary>Times one DockerPS operation, which samples the managed heap through the sampler it is given; returns its seconds.</summary>
    public async Task<double> MeasureOursAsync(Func<MemorySampler, Task> operation)
    {
        using var memory = new MemorySampler();
        var sw = Stopwatch.StartNew();
        await operation(memory).ConfigureAwait(false);
        var seconds = sw.Elapsed.TotalSeconds;
        PeakManaged = Math.Max(PeakManaged, memory.PeakManaged);
        Allocated = Math.Max(Allocated, memory.Allocated);
        return seconds;
    }
}
