namespace DockerPS.Bench.Support;

/// <summary>One in-process operation: its wall time, how much it grew the process's memory, what it allocated and the CPU it took.</summary>
internal sealed record MemorySample(double Seconds, long PeakWorkingSet, long PeakManaged, long Allocated, double CpuSeconds);
