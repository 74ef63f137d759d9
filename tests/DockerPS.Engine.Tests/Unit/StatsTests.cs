using System.Text.Json;
using DockerPS.Engine.Model;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Tests.Unit;

public class StatsTests
{
    private static DockerContainerStats Sample(string json) =>
        new(JsonSerializer.Deserialize(json, WireJsonContext.Default.StatsDto)!, "fallback");

    [Fact]
    public void Cpu_percent_is_the_share_of_host_cpu_time_times_online_cpus()
    {
        var s = Sample("""
            {"name":"/web","id":"abc","cpu_stats":{"cpu_usage":{"total_usage":3000000000},"system_cpu_usage":20000000000,"online_cpus":2},
             "precpu_stats":{"cpu_usage":{"total_usage":2000000000},"system_cpu_usage":18000000000,"online_cpus":2}}
            """);
        Assert.Equal(100.0, s.CpuPercent, 6); // 1 s of CPU over 2 s of host time on 2 CPUs: one CPU busy
        Assert.Equal("web", s.Name);
    }

    [Fact]
    public void Cpu_count_falls_back_to_per_cpu_usage_and_no_delta_is_zero()
    {
        var s = Sample("""
            {"cpu_stats":{"cpu_usage":{"total_usage":150,"percpu_usage":[1,2,3,4]},"system_cpu_usage":1000},
             "precpu_stats":{"cpu_usage":{"total_usage":100},"system_cpu_usage":800}}
            """);
        Assert.Equal(100.0, s.CpuPercent, 6); // 50/200 * 4 * 100
        Assert.Equal(0, Sample("""{"cpu_stats":{"cpu_usage":{"total_usage":1}},"precpu_stats":{"cpu_usage":{"total_usage":1}}}""").CpuPercent);
        Assert.Equal("fallback", Sample("{}").Id);
    }

    [Theory]
    [InlineData("total_inactive_file", 100_000_000, 30_000_000, 70_000_000)] // cgroup v1
    [InlineData("inactive_file", 100_000_000, 30_000_000, 70_000_000)]       // cgroup v2
    [InlineData("inactive_file", 100_000_000, 200_000_000, 100_000_000)]     // more inactive than used: usage as is
    [InlineData("cache", 100_000_000, 30_000_000, 100_000_000)]              // other counters do not count
    public void Memory_excludes_inactive_file_pages_like_docker_stats(string key, long usage, long inactive, long expected)
    {
        var s = Sample("{\"memory_stats\":{\"usage\":" + usage + ",\"limit\":200000000,\"stats\":{\"" + key + "\":" + inactive + "}}}");
        Assert.Equal(expected, s.MemoryUsage);
        Assert.Equal(expected / 200_000_000.0 * 100, s.MemoryPercent, 6);
    }

    [Fact]
    public void Network_and_block_io_are_summed_over_interfaces_and_devices()
    {
        var s = Sample("""
            {"networks":{"eth0":{"rx_bytes":10,"tx_bytes":1},"eth1":{"rx_bytes":5,"tx_bytes":2}},
             "blkio_stats":{"io_service_bytes_recursive":[{"op":"Read","value":100},{"op":"Write","value":7},{"op":"read","value":1},{"op":"Total","value":999}]},
             "pids_stats":{"current":3}}
            """);
        Assert.Equal((15, 3, 101, 7, 3), (s.NetworkReceived, s.NetworkSent, s.BlockRead, s.BlockWritten, s.Pids));
    }
}
