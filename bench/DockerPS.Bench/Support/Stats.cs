using System.Diagnostics;

namespace DockerPS.Bench.Support;

/// <summary>The medians the reports give, and the samples they are taken from.</summary>
internal static class Stats
{
    /// <summary>The middle value; with an even count, the mean of the two middle ones.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) throw new InvalidOperationException("no samples to take a median of");
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The middle value; with an even count, the upper of the two middle ones. The list benchmark's call-by-call
    /// medians (hundreds of samples) have always been taken this way.
    /// </summary>
    public static double HighMedian(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) throw new InvalidOperationException("no samples to take a median of");
        return sorted[sorted.Count / 2];
    }

    /// <summary>The median time of an action in milliseconds, over <paramref name="count"/> timed calls after <paramref name="warmups"/> untimed ones.</summary>
    public static async Task<double> MedianMillisecondsAsync(int warmups, int count, Func<Task> action)
    {
        for (var i = 0; i < warmups; i++) await action().ConfigureAwait(false);
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var sw = Stopwatch.StartNew();
            await action().ConfigureAwait(false);
            samples[i] = sw.Elapsed.TotalMilliseconds;
        }
        return HighMedian(samples);
    }

    /// <summary>Each run's figure, joined by '/' (for the progress lines on stderr) or by the separator given.</summary>
    public static string Each(IEnumerable<double> values, string format, string separator = "/") =>
        string.Join(separator, values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}
