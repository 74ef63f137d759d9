using DockerPS.Engine.Build;

namespace DockerPS.Engine.Tests.Unit.Build;

/// <summary>Go regular expressions, as docker builds them from .dockerignore patterns, matched with Go's meaning.</summary>
public class GoRegexTests
{
    [Theory]
    [InlineData(@"^a[^/]*$", "abc", true)]
    [InlineData(@"^a[^/]*$", "a/c", false)]
    [InlineData(@"^(.*/)?x$", "a/b/x", true)]
    [InlineData(@"^(.*/)?x$", "x", true)]
    [InlineData(@"^x$", "x\n", false)] // $ is the end of the text only
    [InlineData(@"^.$", "\n", false)]
    [InlineData(@"^[^a]$", "\n", true)]
    [InlineData(@"^\d\w\s$", "5_ ", true)]
    [InlineData(@"^\d$", "٣", false)] // ASCII digits only
    [InlineData(@"^\w$", "é", false)]
    [InlineData(@"^[[:alpha:]]+$", "abcXYZ", true)]
    [InlineData(@"^[[:^alpha:]]$", "1", true)]
    [InlineData(@"^[a-z-[aeiou]]$", "[", false)] // no class subtraction in Go: this is [a-z\-\[aeiou] then ']'
    [InlineData(@"^[a-z-[aeiou]]$", "e]", true)]
    [InlineData(@"^[]a]$", "]", true)]
    [InlineData(@"^\x41\x{42}\103$", "ABC", true)]
    [InlineData(@"^\Qa.b*\E$", "a.b*", true)]
    [InlineData(@"^\Qa.b", "a.b", true)]
    [InlineData(@"^\pL\p{Nd}$", "é7", true)]
    [InlineData(@"^\PL$", "7", true)]
    [InlineData(@"^.$", "\U0001F600", true)]
    [InlineData(@"^..$", "\U0001F600", false)]
    [InlineData(@"^a\bb$", "ab", false)]
    [InlineData(@"^a\b-$", "a-", true)]
    [InlineData(@"^a{2}$", "aa", true)]
    [InlineData(@"^a{,2}$", "a{,2}", true)] // not a repeat: literal
    [InlineData(@"^x*?$", "xx", true)]
    public void Matches_as_Go(string pattern, string input, bool expected) =>
        Assert.Equal(expected, GoRegex.Compile(pattern).IsMatch(input));

    [Theory]
    [InlineData(@"\q")]
    [InlineData(@"\1")]
    [InlineData(@"a\")]
    [InlineData(@"[a")]
    [InlineData(@"[z-a]")]
    [InlineData(@"[[:nope:]]")]
    [InlineData(@"a**")]
    [InlineData(@"*a")]
    [InlineData(@"(a")]
    [InlineData(@"a)")]
    [InlineData(@"\C")]
    [InlineData(@"\é")]
    [InlineData(@"a{2,1}")]
    public void Refuses_what_Go_refuses(string pattern) =>
        Assert.Throws<GoRegexException>(() => GoRegex.Compile(pattern));

    [Fact]
    public void Unicode_script_classes_are_refused_with_the_reason()
    {
        // Go knows scripts such as Greek; .NET's regular expressions do not, so DockerPS says so rather than guess.
        var ex = Assert.Throws<GoRegexException>(() => GoRegex.Compile(@"\p{Greek}"));
        Assert.Contains("script", ex.Message, System.StringComparison.Ordinal);
    }
}
