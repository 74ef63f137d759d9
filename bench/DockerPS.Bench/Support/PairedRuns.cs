namespace DockerPS.Bench.Support;

/// <summary>
/// DockerPS and the docker CLI measured in pairs: in each run, each phase is done by both sides one after the other,
/// DockerPS first in even runs (counting from 0) and the CLI first in odd ones, so neither side always meets the
/// machine as the other has just left it. The ratio the reports give is the median of each run's DockerPS / CLI
/// ratio, which holds steadier on a busy machine than the ratio of the two medians.
/// </summary>
internal static class PairedRuns
{
    /// <summary>Calls each phase with (run, ours) for both sides of every run, phases in the order given.</summary>
    public static async Task RunAsync(int runs, params Func<int, bool, Task>[] phases)
    {
        for (var run = 0; run < runs; run++)
        {
            var oursFirst = run % 2 == 0;
            foreach (var phase in phases)
            {
                await phase(run, oursFirst).ConfigureAwait(false);
                await phase(run, !oursFirst).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Each run's DockerPS figure over the CLI's.</summary>
    public static IReadOnlyList<double> Ratios(IEnumerable<double> ours, IEnumerable<double> cli) => ours.Zip(cli, (a, b) => a / b).ToList();

    /// <summary>The median of each run's DockerPS / CLI ratio.</summary>
    public static double MedianRatio(IEnumerable<double> ours, IEnumerable<double> cli) => Stats.Median(Ratios(ours, cli));
}
