using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class CpuQuotaTests
{
    [Theory]
    [InlineData("1", 1_000_000_000L)]
    [InlineData("2", 2_000_000_000L)]
    [InlineData("1.5", 1_500_000_000L)]
    [InlineData("0.5", 500_000_000L)]
    [InlineData(".25", 250_000_000L)]
    [InlineData("2.", 2_000_000_000L)]
    [InlineData("0.01", 10_000_000L)]
    [InlineData("0.000000001", 1L)]
    [InlineData("1.500000000", 1_500_000_000L)]
    [InlineData("+1.5", 1_500_000_000L)]
    [InlineData("1e-3", 1_000_000L)]
    [InlineData("1.5E1", 15_000_000_000L)]
    [InlineData("5e-1", 500_000_000L)]
    [InlineData("3/2", 1_500_000_000L)]
    [InlineData("1/4", 250_000_000L)]
    [InlineData("007", 7_000_000_000L)]
    [InlineData("9223372036", 9_223_372_036_000_000_000L)]
    [InlineData("9223372036.854775807", long.MaxValue)]
    public void Reads_cpus_exactly_as_nano_cpus(string value, long nano) => Assert.Equal(nano, CpuQuota.ParseNanoCpus(value));

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("0", "it is zero")]
    [InlineData("0.0", "it is zero")]
    [InlineData("0/5", "it is zero")]
    [InlineData("-1", "it is negative")]
    [InlineData("-0.5", "it is negative")]
    [InlineData("-3/2", "it is negative")]
    [InlineData("abc", "it is not a number")]
    [InlineData("1.5x", "it is not a number")]
    [InlineData("1,5", "it is not a number")]
    [InlineData(" 1", "it is not a number")]
    [InlineData("1 ", "it is not a number")]
    [InlineData(".", "it is not a number")]
    [InlineData("1e", "it is not a number")]
    [InlineData("0x10", "it is not a number")]
    [InlineData("1.2.3", "it is not a number")]
    [InlineData("3/", "it is not a number")]
    [InlineData("/2", "it is not a number")]
    [InlineData("3/-2", "it is not a number")]
    [InlineData("1.5/2", "it is not a number")]
    [InlineData("010/2", "it is not a number")]
    [InlineData("1e61", "it is not a number")]
    [InlineData("1/0", "it divides by zero")]
    [InlineData("0.0000000001", "more precise than a billionth")]
    [InlineData("1.0000000001", "more precise than a billionth")]
    [InlineData("1/3", "more precise than a billionth")]
    [InlineData("1e-10", "more precise than a billionth")]
    [InlineData("9223372037", "it is too large")]
    [InlineData("1e60", "it is too large")]
    public void Refuses_malformed_values_naming_them(string value, string reason) =>
        Refusal.Check(() => CpuQuota.ParseNanoCpus(value), "InvalidCpus", value, reason);

    [Theory]
    [InlineData(1.5, 1_500_000_000L)]
    [InlineData(0.1, 100_000_000L)]
    [InlineData(2, 2_000_000_000L)]
    [InlineData(4L, 4_000_000_000L)]
    [InlineData(0.25f, 250_000_000L)]
    [InlineData("1.5", 1_500_000_000L)]
    public void Takes_numbers_as_powershell_binds_them(object value, long nano) => Assert.Equal(nano, CpuQuota.FromValue(value));

    [Fact]
    public void Takes_decimals() => Assert.Equal(333_333_333L, CpuQuota.FromValue(0.333333333m));

    [Theory]
    [InlineData(-1, "-1", "it is negative")]
    [InlineData(0, "0", "it is zero")]
    [InlineData(1e-10, "1E-10", "more precise than a billionth")]
    [InlineData(true, "True", "a Boolean is not a number")]
    public void Refuses_numbers_that_are_not_cpu_counts(object value, string shown, string reason) =>
        Refusal.Check(() => CpuQuota.FromValue(value), "InvalidCpus", shown, reason);
}
