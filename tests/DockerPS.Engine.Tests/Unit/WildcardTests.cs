using DockerPS.Engine.Matching;

namespace DockerPS.Engine.Tests.Unit;

public class WildcardTests
{
    [Theory]
    [InlineData("web*", "web-1", true)]
    [InlineData("web*", "api", false)]
    [InlineData("*", "", true)]
    [InlineData("w?b", "web", true)]
    [InlineData("w?b", "wb", false)]
    [InlineData("[ab]pi", "api", true)]
    [InlineData("[a-c]pi", "cpi", true)]
    [InlineData("[a-c]pi", "dpi", false)]
    [InlineData("WEB", "web", true)]
    [InlineData("a`*b", "a*b", true)]
    [InlineData("a`*b", "axb", false)]
    [InlineData("*:latest", "busybox:latest", true)]
    [InlineData("[x", "[x", true)]
    public void Matches_like_powershell(string pattern, string text, bool expected) =>
        Assert.Equal(expected, new Wildcard(pattern, ignoreCase: true).IsMatch(text));

    [Fact]
    public void Case_sensitive_when_asked() => Assert.False(new Wildcard("WEB").IsMatch("web"));

    [Theory]
    [InlineData("web", false)]
    [InlineData("web*", true)]
    [InlineData("w?b", true)]
    [InlineData("[w]", true)]
    [InlineData("a`*b", false)]
    public void Detects_wildcards(string text, bool expected) => Assert.Equal(expected, Wildcard.HasWildcard(text));

    [Fact]
    public void Unescapes() => Assert.Equal("a*b", Wildcard.Unescape("a`*b"));
}
