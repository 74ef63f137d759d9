using System;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class FilterTimeTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("24h", 24 * 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData("1.5h", 5400)]
    [InlineData("500ms", 0.5)]
    [InlineData("0", 0)]
    [InlineData("-10m", -600)]
    public void Reads_Go_durations_before_now(string value, double seconds) =>
        Assert.Equal(Now - TimeSpan.FromSeconds(seconds), FilterTime.Parse(value, Now));

    [Theory]
    [InlineData("1700000000", "2023-11-14T22:13:20Z")]
    [InlineData("1700000000.5", "2023-11-14T22:13:20.5Z")]
    [InlineData("2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z")]
    [InlineData("2026-11-01T10:00:00.123456789Z", "2026-11-01T10:00:00.1234567Z")]
    [InlineData("2026-11-01T10:00:00+02:00", "2026-11-01T08:00:00Z")]
    [InlineData("2026-11-01Z", "2026-11-01T00:00:00Z")]
    [InlineData("2026-11-01+01:00", "2026-10-31T23:00:00Z")]
    public void Reads_Unix_times_and_zoned_dates(string value, string expected) =>
        Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), FilterTime.Parse(value, Now));

    [Fact]
    public void A_date_without_a_zone_is_local() =>
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Local).ToUniversalTime(), FilterTime.Parse("2026-11-01", Now));

    [Theory]
    [InlineData("yesterday", "it is neither a duration, a Unix time nor a date")]
    [InlineData("", "it is empty")]
    [InlineData("10x", "it is neither")]
    [InlineData("2026-13-01", "it is neither")]
    public void Refuses_what_the_engine_would_not_read(string value, string reason) =>
        Refusal.Check(() => FilterTime.Parse(value, Now), "InvalidFilter", value, reason);
}
