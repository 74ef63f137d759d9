using System.Diagnostics;
using System.Threading;

namespace DockerPS.Bench.Support;

/// <summary>
/// What an in-process operation costs the process: the peak growth of the managed heap (and of the working set, where
/// sampled on a timer) over what it was after a full collection at the start, the bytes allocated since then and the
/// CPU time spent. Either sampled every 10 ms while the operation runs (<see cref="MeasureAsync{T}"/>), or by the
/// operation itself at each progress report (<see cref="Progress{T}"/>, <see cref="SampleManaged"/>), which costs it
/// nothing between reports.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Process _process;
    private readonly long _baseWorkingSet;
    private readonly long _baseManaged;
    private readonly long _baseAllocated;
    private readonly TimeSpan _baseCpu;

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _process = Process.GetCurrentProcess();
        _process.Refresh();
        _baseWorkingSet = _process.WorkingSet64;
        _baseManaged = GC.GetTotalMemory(false);
        _baseAllocated = GC.GetTotalAllocatedBytes(precise: true);
        _baseCpu = _process.TotalProcessorTime;
    }

    /// <summary>The largest growth of the managed heap seen by a sample so far.</summary>
    public long PeakManaged { get; private set; }

    /// <summary>The largest growth of the working set seen by a timed sample so far.</summary>
    public long PeakWorkingSet { get; private set; }

    /// <summary>Every managed allocation since the start, short-lived or not.</summary>
    public long Allocated => GC.GetTotalAllocatedBytes(precise: true) - _baseAllocated;

    /// <summary>User and system CPU time of the whole process since the start.</summary>
    public double CpuSeconds
    {
        get
        {
            _process.Refresh();
            return (_process.TotalProcessorTime - _baseCpu).TotalSeconds;
        }
    }

    /// <summary>Times an operation and samples the working set and the managed heap every 10 ms while it runs.</summary>
    public static async Task<(T Result, MemorySample Sample)> MeasureAsync<T>(Func<Task<T>> operation)
    {
        using var memory = new MemorySampler();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                memory.PeakWorkingSet = Math.Max(memory.PeakWorkingSet, process.WorkingSet64 - memory._baseWorkingSet);
                memory.SampleManaged();
                try
                {
                    await Task.Delay(10, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var sw = Stopwatch.StartNew();
        var result = await operation().ConfigureAwait(false);
        var seconds = sw.Elapsed.TotalSeconds;
        var allocated = memory.Allocated;
        var cpu = memory.CpuSeconds;
        await stop.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        return (result, new MemorySample(seconds, memory.PeakWorkingSet, memory.PeakManaged, allocated, cpu));
    }

    /// <summary>Takes one sample of the managed heap.</summary>
    public void SampleManaged() => PeakManaged = Math.Max(PeakManaged, GC.GetTotalMemory(false) - _baseManaged);

    /// <summary>A progress sink that samples the managed heap at each report, synchronously, on the reporting thread.</summary>
    public IProgress<T> Progress<T>() => new ProgressProbe<T>(this);

    public void Dispose() => _process.Dispose();

    private sealed class ProgressProbe<T> : IProgress<T>
    {
        private readonly MemorySampler _sampler;

        public ProgressProbe(MemorySampler sampler) => _sampler = sampler;

        public void Report(T value) => _sampler.SampleManaged();
    }
}
