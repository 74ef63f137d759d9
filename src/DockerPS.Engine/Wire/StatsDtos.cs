using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace DockerPS.Engine.Wire;

internal sealed class StatsDto
{
    [JsonPropertyName("read")] public string? Read { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("pids_stats")] public PidsStatsDto? PidsStats { get; set; }
    [JsonPropertyName("networks")] public Dictionary<string, NetworkStatsDto>? Networks { get; set; }
    [JsonPropertyName("blkio_stats")] public BlkioStatsDto? BlkioStats { get; set; }
    [JsonPropertyName("cpu_stats")] public CpuStatsDto? CpuStats { get; set; }
    [JsonPropertyName("precpu_stats")] public CpuStatsDto? PreCpuStats { get; set; }
    [JsonPropertyName("memory_stats")] public MemoryStatsDto? MemoryStats { get; set; }
}

internal sealed class PidsStatsDto
{
    [JsonPropertyName("current")] public long Current { get; set; }
}

internal sealed class NetworkStatsDto
{
    [JsonPropertyName("rx_bytes")] public long RxBytes { get; set; }
    [JsonPropertyName("tx_bytes")] public long TxBytes { get; set; }
}

internal sealed class BlkioStatsDto
{
    [JsonPropertyName("io_service_bytes_recursive")] public List<BlkioEntryDto>? IoServiceBytesRecursive { get; set; }
}

internal sealed class BlkioEntryDto
{
    [JsonPropertyName("op")] public string? Op { get; set; }
    [JsonPropertyName("value")] public long Value { get; set; }
}

internal sealed class CpuStatsDto
{
    [JsonPropertyName("cpu_usage")] public CpuUsageDto? CpuUsage { get; set; }
    [JsonPropertyName("system_cpu_usage")] public long SystemCpuUsage { get; set; }
    [JsonPropertyName("online_cpus")] public int OnlineCpus { get; set; }
}

internal sealed class CpuUsageDto
{
    [JsonPropertyName("total_usage")] public long TotalUsage { get; set; }
    [JsonPropertyName("percpu_usage")] public List<long>? PercpuUsage { get; set; }
}

internal sealed class MemoryStatsDto
{
    [JsonPropertyName("usage")] public long Usage { get; set; }
    [JsonPropertyName("limit")] public long Limit { get; set; }
    [JsonPropertyName("stats")] public Dictionary<string, long>? Stats { get; set; }
}
