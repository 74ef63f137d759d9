using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class ByteSizeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1", 1L)]
    [InlineData("1073741824", 1073741824L)]
    [InlineData("1b", 1L)]
    [InlineData("1B", 1L)]
    [InlineData("1k", 1024L)]
    [InlineData("1K", 1024L)]
    [InlineData("1kb", 1024L)]
    [InlineData("1KB", 1024L)]
    [InlineData("1kib", 1024L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("512m", 536870912L)]
    [InlineData("512M", 536870912L)]
    [InlineData("512mb", 536870912L)]
    [InlineData("512MiB", 536870912L)]
    [InlineData("1g", 1073741824L)]
    [InlineData("1GB", 1073741824L)]
    [InlineData("1.5g", 1610612736L)]
    [InlineData("1.5G", 1610612736L)]
    [InlineData("0.5k", 512L)]
    [InlineData(".5k", 512L)]
    [InlineData("2.k", 2048L)]
    [InlineData("1t", 1099511627776L)]
    [InlineData("1tb", 1099511627776L)]
    [InlineData("1p", 1125899906842624L)]
    [InlineData("1PB", 1125899906842624L)]
    [InlineData("8191p", 9222246136947933184L)]
    [InlineData("1 g", 1073741824L)]
    [InlineData("64 MiB", 67108864L)]
    [InlineData("1.5", 1L)]
    [InlineData("1.9b", 1L)]
    [InlineData("1e3", 1000L)]
    [InlineData("1e3k", 1024000L)]
    [InlineData("+1k", 1024L)]
    [InlineData("1 ", 1L)]
    [InlineData("-0", 0L)]
    public void Reads_sizes_like_go_units_RAMInBytes(string value, long bytes) => Assert.Equal(bytes, ByteSize.Parse(value));

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("-1m", "it is negative")]
    [InlineData("-1", "it is negative")]
    [InlineData("-0.5g", "it is negative")]
    [InlineData("abc", "it has no number")]
    [InlineData("g", "it has no number")]
    [InlineData("1x", "'x' is not a size suffix")]
    [InlineData("1kk", "'kk' is not a size suffix")]
    [InlineData("1bb", "'bb' is not a size suffix")]
    [InlineData("1bib", "'bib' is not a size suffix")]
    [InlineData("1kbb", "'kbb' is not a size suffix")]
    [InlineData("1mbit", "'mbit' is not a size suffix")]
    [InlineData("1e", "'e' is not a size suffix")]
    [InlineData("1  g", "' g' is not a size suffix")]
    [InlineData(" 1g", "'' is not a number")]
    [InlineData("1g ", "'1g' is not a number")]
    [InlineData("1..5g", "'1..5' is not a number")]
    [InlineData("1.5.5", "'1.5.5' is not a number")]
    [InlineData("0x10", "'0x10' is not a number")]
    [InlineData("1,5g", "'1,5' is not a number")]
    [InlineData("8192p", "larger than the largest size")]
    [InlineData("9223372036854775808", "larger than the largest size")]
    [InlineData("1e400", "larger than the largest size")]
    public void Refuses_malformed_sizes_naming_them(string value, string reason) =>
        Refusal.Check(() => ByteSize.Parse(value), "InvalidMemory", value, reason);

    [Fact]
    public void Names_another_parameter_when_asked() =>
        Refusal.Check(() => ByteSize.Parse("lots", "shared memory size", "InvalidShmSize"), "InvalidShmSize", "lots", "it has no number");

    [Fact]
    public void Refusal_reads_as_a_memory_size_with_examples()
    {
        var ex = Refusal.Check(() => ByteSize.Parse("-1m"), "InvalidMemory", "-1m", "negative");
        Assert.StartsWith("The memory size '-1m' is not valid", ex.Message);
        Assert.Contains("512m", ex.Message);
    }

    [Theory]
    [InlineData(1073741824L, 1073741824L)]
    [InlineData(512, 512L)]
    [InlineData(0, 0L)]
    [InlineData(1610612736.0, 1610612736L)]
    [InlineData(1.9, 1L)]
    [InlineData(4096u, 4096L)]
    [InlineData("512m", 536870912L)]
    public void Takes_numbers_as_bytes(object value, long bytes) => Assert.Equal(bytes, ByteSize.FromValue(value));

    [Fact]
    public void Takes_decimal_numbers_as_bytes() => Assert.Equal(2048L, ByteSize.FromValue(2048.4m));

    [Theory]
    [InlineData(-1, "-1", "it is negative")]
    [InlineData(-1.5, "-1.5", "negative")]
    [InlineData(double.NaN, "NaN", "not a number")]
    [InlineData(1e19, "1E+19", "larger than the largest size")]
    [InlineData(ulong.MaxValue, "18446744073709551615", "larger than the largest size")]
    [InlineData(true, "True", "a Boolean is not a size")]
    public void Refuses_numbers_that_are_not_sizes(object value, string shown, string reason) =>
        Refusal.Check(() => ByteSize.FromValue(value), "InvalidMemory", shown, reason);
}
