using System;
using System.Linq;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Model;

/// <summary>
/// One sample of a container's resource use, computed as <c>docker stats</c> computes it: CPU % from the change in
/// the container's and the host's CPU time since the previous sample, times the CPUs online; memory without the page
/// cache (inactive file pages) and as a share of the limit; network and block I/O summed.
/// </summary>
public sealed class DockerContainerStats
{
    internal DockerContainerStats(StatsDto dto, string fallbackId)
    {
        Id = dto.Id ?? fallbackId;
        Name = (dto.Name ?? string.Empty).TrimStart('/');
        Read = Time.FromRfc3339(dto.Read);
        CpuPercent = CpuPercentOf(dto);
        MemoryUsage = MemoryUsageOf(dto.MemoryStats);
        MemoryLimit = dto.MemoryStats?.Limit ?? 0;
        MemoryPercent = MemoryLimit == 0 ? 0 : (double)MemoryUsage / MemoryLimit * 100.0;
        NetworkReceived = dto.Networks?.Values.Sum(n => n.RxBytes) ?? 0;
        NetworkSent = dto.Networks?.Values.Sum(n => n.TxBytes) ?? 0;
        var io = dto.BlkioStats?.IoServiceBytesRecursive;
        BlockRead = io?.Where(e => string.Equals(e.Op, "read", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Value) ?? 0;
        BlockWritten = io?.Where(e => string.Equals(e.Op, "write", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Value) ?? 0;
        Pids = dto.PidsStats?.Current ?? 0;
    }

    public string Id { get; }

    public string ShortId => Id.Length > 12 ? Id.Substring(0, 12) : Id;

    public string Name { get; }

    /// <summary>When the engine took the sample.</summary>
    public DateTime? Read { get; }

    /// <summary>CPU use since the previous sample, in percent of one CPU (200 = two CPUs busy).</summary>
    public double CpuPercent { get; }

    /// <summary>Bytes of memory in use, page cache excluded.</summary>
    public long MemoryUsage { get; }

    /// <summary>The memory limit in bytes (the host's memory when the container has none).</summary>
    public long MemoryLimit { get; }

    public double MemoryPercent { get; }

    public long NetworkReceived { get; }

    public long NetworkSent { get; }

    public long BlockRead { get; }

    public long BlockWritten { get; }

    public long Pids { get; }

    internal static double CpuPercentOf(StatsDto dto)
    {
        var now = dto.CpuStats;
        var before = dto.PreCpuStats;
        if (now?.CpuUsage is null || before?.CpuUsage is null) return 0;
        var cpuDelta = (double)now.CpuUsage.TotalUsage - before.CpuUsage.TotalUsage;
        var systemDelta = (double)now.SystemCpuUsage - before.SystemCpuUsage;
        var cpus = now.OnlineCpus != 0 ? now.OnlineCpus : now.CpuUsage.PercpuUsage?.Count ?? 0;
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * cpus * 100.0 : 0;
    }

    /// <summary>Usage less inactive file pages: total_inactive_file on cgroup v1, inactive_file on v2.</summary>
    internal static long MemoryUsageOf(MemoryStatsDto? memory)
    {
        if (memory is null) return 0;
        var stats = memory.Stats;
        if (stats is not null && stats.TryGetValue("total_inactive_file", out var v1) && v1 < memory.Usage) return memory.Usage - v1;
        if (stats is not null && stats.TryGetValue("inactive_file", out var v2) && v2 < memory.Usage) return memory.Usage - v2;
        return memory.Usage;
    }

    public override string ToString() => $"{Name} CPU {CpuPercent:0.00}% MEM {MemoryPercent:0.00}%";
}
