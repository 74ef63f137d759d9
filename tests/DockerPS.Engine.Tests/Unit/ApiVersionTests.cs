using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Tests.Unit;

public class ApiVersionTests
{
    [Theory]
    [InlineData("1.41", 1, 41)]
    [InlineData("v1.51", 1, 51)]
    [InlineData(" 1.9 ", 1, 9)]
    public void Parses(string text, int major, int minor) => Assert.Equal(new ApiVersion(major, minor), ApiVersion.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("a.b")]
    [InlineData("1.-2")]
    public void Refuses(string text) => Assert.Throws<DockerArgumentException>(() => ApiVersion.Parse(text));

    [Fact]
    public void Orders_numerically_not_as_text()
    {
        Assert.True(ApiVersion.Parse("1.9") < ApiVersion.Parse("1.41"));
        Assert.Equal(ApiVersion.Parse("1.41"), ApiVersion.Min(ApiVersion.Parse("1.51"), ApiVersion.Parse("1.41")));
        Assert.Equal("1.41", ApiVersion.Parse("1.41").ToString());
    }
}
