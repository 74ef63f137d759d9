using System.Linq;
using System.Text;
using DockerPS.Engine.Build;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Tests.Unit.Build;

/// <summary>Reading .dockerignore as docker's ignorefile.ReadAll does.</summary>
public class IgnoreFileTests
{
    [Fact]
    public void Comments_blank_lines_and_white_space_are_dropped() =>
        Assert.Equal(new[] { "a", "#not-a-comment", "b" }, IgnoreFile.Parse("# comment\na\n\n   \n  #not-a-comment\n\tb  \n"));

    [Fact]
    public void Line_ends_may_be_crlf_and_the_last_line_needs_none() =>
        Assert.Equal(new[] { "a", "b", "c" }, IgnoreFile.Parse("a\r\nb\r\nc"));

    [Fact]
    public void A_utf8_byte_order_mark_is_dropped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("# first\nx")).ToArray();
        Assert.Equal(new[] { "x" }, IgnoreFile.Parse(bytes));
    }

    [Theory]
    [InlineData("/a", "a")]
    [InlineData("./a/", "a")]
    [InlineData("a//b/../c", "a/c")]
    [InlineData("//a", "a")]
    [InlineData("/", "/")]
    [InlineData("!/a", "!a")]
    [InlineData("!  ./a/b/", "!a/b")]
    [InlineData("!", "!")]
    [InlineData("../x", "../x")]
    [InlineData("**/", "**")]
    public void Patterns_are_cleaned_as_paths(string line, string pattern) =>
        Assert.Equal(new[] { pattern }, IgnoreFile.Parse(line));

    [Fact]
    public void A_line_docker_cannot_read_is_refused()
    {
        var ex = Assert.Throws<DockerArgumentException>(() => IgnoreFile.Parse(new string('a', 70_000)));
        Assert.Equal("InvalidDockerignore", ex.ErrorId);
    }

    [Fact]
    public void Windows_backslashes_are_separators() =>
        Assert.Equal(new[] { "a/b" }, IgnoreFile.Parse(@".\a\b\", windows: true));
}
