using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Model;
using DockerPS.Formatting;

namespace DockerPS.Tests.Formatting;

/// <summary>The table views' text, held to what the docker CLI prints for the same values.</summary>
public class DisplayTests
{
    [Theory]
    [InlineData(0, "Less than a second")]
    [InlineData(0.999, "Less than a second")]
    [InlineData(-5, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(1.9, "1 second")]
    [InlineData(2, "2 seconds")]
    [InlineData(59.9, "59 seconds")]
    [InlineData(60, "About a minute")]
    [InlineData(119, "About a minute")]
    [InlineData(120, "2 minutes")]
    [InlineData(59 * 60 + 59, "59 minutes")]
    [InlineData(60 * 60, "About an hour")]
    [InlineData(89 * 60, "About an hour")]
    [InlineData(90 * 60, "2 hours")]
    [InlineData(47 * 3600, "47 hours")]
    [InlineData(47 * 3600 + 29 * 60, "47 hours")]
    [InlineData(47 * 3600 + 30 * 60, "2 days")]
    [InlineData(13 * 86400, "13 days")]
    [InlineData(14 * 86400 - 1800, "2 weeks")]
    [InlineData(14 * 86400, "2 weeks")]
    [InlineData(59 * 86400, "8 weeks")]
    [InlineData(60 * 86400, "2 months")]
    [InlineData(729 * 86400, "24 months")]
    [InlineData(730 * 86400, "2 years")]
    [InlineData(1094 * 86400, "2 years")]
    [InlineData(1095 * 86400, "3 years")]
    public void HumanDuration_rounds_like_docker(double seconds, string expected) =>
        Assert.Equal(expected, Display.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Ago_measures_from_now_in_local_time()
    {
        var now = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Local);
        Assert.Equal("2 hours ago", Display.Ago(now.AddHours(-2), now));
        Assert.Equal("5 minutes ago", Display.Ago(now.ToUniversalTime().AddMinutes(-5), now));
    }

    [Theory]
    [InlineData(0L, "0B")]
    [InlineData(123L, "123B")]
    [InlineData(999L, "999B")]
    [InlineData(1000L, "1kB")]
    [InlineData(1500L, "1.5kB")]
    [InlineData(4_860_000L, "4.86MB")]
    [InlineData(217_000_000L, "217MB")]
    [InlineData(999_999L, "1e+03kB")]
    [InlineData(1_000_000_000L, "1GB")]
    [InlineData(2_500_000_000_000L, "2.5TB")]
    public void Size_uses_decimal_units_and_three_digits(long bytes, string expected) =>
        Assert.Equal(expected, Display.Size(bytes));

    [Fact]
    public void Size_of_nothing_is_empty()
    {
        Assert.Equal(string.Empty, Display.Size((long?)null));
        Assert.Equal("1kB", Display.Size((long?)1000));
    }

    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("nginx", "\"nginx\"")]
    [InlineData("docker-entrypoint.sh", "\"docker-entrypoint.sh\"")]
    [InlineData("/docker-entrypoint.sh", "\"/docker-entrypoint.\u2026\"")]
    [InlineData("nginx -g 'daemon off;'", "\"nginx -g 'daemon of\u2026\"")]
    [InlineData("echo \"hi\"", "\"echo \\\"hi\\\"\"")]
    [InlineData("C:\\app.exe", "\"C:\\\\app.exe\"")]
    public void Command_is_quoted_and_cut_after_twenty_characters(string command, string expected) =>
        Assert.Equal(expected, Display.Command(command));

    public static readonly TheoryData<DockerPort[], string> PortCases = new()
    {
        { Array.Empty<DockerPort>(), "" },
        { new[] { Port(80) }, "80/tcp" },
        { new[] { Port(53, "udp"), Port(53) }, "53/tcp, 53/udp" },
        { Enumerable.Range(8000, 11).Reverse().Select(p => Port(p)).ToArray(), "8000-8010/tcp" },
        { new[] { Port(80), Port(81), Port(83) }, "80-81/tcp, 83/tcp" },
        { Enumerable.Range(8000, 11).Select(p => Published("0.0.0.0", p)).ToArray(), "0.0.0.0:8000-8010->8000-8010/tcp" },
        {
            new[] { Published("::", 80), Published("0.0.0.0", 80), Published("0.0.0.0", 81), Published("::", 81) },
            "0.0.0.0:80-81->80-81/tcp, [::]:80-81->80-81/tcp"
        },
        { new[] { Published("0.0.0.0", 80, 9999), Port(443) }, "443/tcp, 0.0.0.0:9999->80/tcp" },
        { new[] { Published("::", 80, 9999), Published("0.0.0.0", 80, 9999) }, "0.0.0.0:9999->80/tcp, [::]:9999->80/tcp" },
        {
            new[] { Published("0.0.0.0", 80, 9999), Published("0.0.0.0", 5432), Port(80), Port(81, "udp") },
            "80/tcp, 81/udp, 0.0.0.0:5432->5432/tcp, 0.0.0.0:9999->80/tcp"
        },
        // docker ps keeps a group's first position when a gap splits it: 443/tcp is printed where tcp's group began.
        { new[] { Port(53), Port(80, "udp"), Port(443) }, "53/tcp, 443/tcp, 80/udp" },
    };

    [Theory]
    [MemberData(nameof(PortCases))]
    public void Ports_are_folded_and_ordered_like_docker_ps(DockerPort[] ports, string expected) =>
        Assert.Equal(expected, Display.Ports(ports));

    [Fact]
    public void Ports_of_nothing_is_empty() => Assert.Equal(string.Empty, Display.Ports(null));

    [Fact]
    public void A_port_alone_reads_like_docker_ps()
    {
        Assert.Equal("[::1]:8080->80/tcp", Published("::1", 80, 8080).ToString());
        Assert.Equal("53/udp", Port(53, "udp").ToString());
    }

    [Fact]
    public void Labels_are_key_value_pairs()
    {
        Assert.Equal("a=1,b=2", Display.Labels(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
        Assert.Equal(string.Empty, Display.Labels(null));
    }

    [Theory]
    [InlineData(0L, "0B")]
    [InlineData(1023L, "1023B")]
    [InlineData(1024L, "1KiB")]
    [InlineData(1536L, "1.5KiB")]
    [InlineData(25_211_011_154L, "23.48GiB")]
    [InlineData(1_597_000L, "1.523MiB")]    // four significant digits, as go-units' BytesSize: docker stats, docker info
    [InlineData(8_200_000_000L, "7.637GiB")]
    [InlineData(1_048_575L, "1024KiB")]
    public void BinarySize_uses_binary_units(long bytes, string expected) =>
        Assert.Equal(expected, Display.BinarySize(bytes));

    [Fact]
    public void Stats_columns_read_like_docker_stats()
    {
        Assert.Equal("0.00%", Display.Percent(0));
        Assert.Equal("0.25%", Display.Percent(0.2549));
        Assert.Equal("150.13%", Display.Percent(150.125001));
        Assert.Equal("1.523MiB / 7.637GiB", Display.MemoryUsage(1_597_000L, 8_200_000_000L));
        Assert.Equal("0B / 0B", Display.MemoryUsage(0, 0));
        Assert.Equal("1.2kB / 648B", Display.InOut(1200, 648));
        Assert.Equal("4.86MB / 0B", Display.InOut(4_860_000L, 0));
    }

    [Fact]
    public void Log_timestamps_read_like_docker_logs_t_in_utc()
    {
        var utc = new DateTime(2024, 6, 1, 12, 0, 5, DateTimeKind.Utc).AddTicks(1_234_567);
        Assert.Equal("2024-06-01T12:00:05.1234567Z", Display.Timestamp(utc));
        Assert.Equal("2024-06-01T12:00:05.1234567Z", Display.Timestamp(utc.ToLocalTime()));
        Assert.Equal(string.Empty, Display.Timestamp(null));
    }

    private static DockerPort Port(int port, string protocol = "tcp") => new(port, protocol);

    private static DockerPort Published(string ip, int port, int? hostPort = null) => new(port, "tcp", ip, hostPort ?? port);
}
