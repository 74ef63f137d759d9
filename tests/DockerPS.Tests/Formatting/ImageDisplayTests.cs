using System;
using DockerPS.Formatting;

namespace DockerPS.Tests.Formatting;

/// <summary>docker history's columns: CREATED BY cut to 45 with an ellipsis, N/A for times before 2000.</summary>
public class ImageDisplayTests
{
    [Theory]
    [InlineData("/bin/sh -c #(nop)  CMD [\"sh\"]", 45, "/bin/sh -c #(nop)  CMD [\"sh\"]")]
    [InlineData("/bin/sh -c #(nop) ADD file:1234567890abcdef in / ", 45, "/bin/sh -c #(nop) ADD file:1234567890abcdef \u2026")]
    [InlineData("exactly-five", 5, "exac\u2026")]
    [InlineData("12345", 5, "12345")]
    [InlineData("a\tb", 45, "a b")]
    [InlineData(null, 45, "")]
    [InlineData("anything", 0, "")]
    public void Ellipsis_cuts_as_docker_history(string? text, int width, string expected) => Assert.Equal(expected, Display.Ellipsis(text, width));

    [Fact]
    public void Ellipsis_keeps_a_surrogate_pair_whole()
    {
        var text = "abc\U0001F600def";
        Assert.Equal("abc\u2026", Display.Ellipsis(text, 5));
    }

    [Fact]
    public void Since_is_NA_before_2000_and_an_age_after()
    {
        Assert.Equal("N/A", Display.Since(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("N/A", Display.Since(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.EndsWith(" ago", Display.Since(DateTime.Now.AddHours(-3)), StringComparison.Ordinal);
    }
}
