using System.IO;
using System.Runtime.Versioning;
using System.Threading.Tasks;
using DockerPS.Engine.Build;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit.Build;

/// <summary>Bad input is refused before anything is sent: the client here points at no engine at all.</summary>
[SupportedOSPlatform("linux")]
public class BuildRefusalTests
{
    private static DockerClient Nowhere() => new(DockerHostParser.Parse("unix:///nonexistent/dockerps-no-engine.sock"));

    private static async Task<DockerException> Refusal(string context, DockerBuildOptions options)
    {
        using var client = Nowhere();
        var ex = await Assert.ThrowsAnyAsync<DockerException>(() => client.Images.BuildAsync(context, options));
        Assert.IsNotType<DockerUnreachableException>(ex);
        return ex;
    }

    [Theory]
    [InlineData("UPPER/case")]
    [InlineData("a::b")]
    [InlineData("app:")]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task A_bad_tag(string tag)
    {
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM scratch");
        var options = new DockerBuildOptions();
        options.Tags.Add("good:1");
        options.Tags.Add(tag);
        var ex = await Refusal(temp.Path, options);
        Assert.Equal(("InvalidImageReference", (object?)tag), (ex.ErrorId, ex.Target));
    }

    [Fact]
    public async Task A_build_arg_without_a_name_a_bad_platform_or_an_empty_target()
    {
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM scratch");
        var options = new DockerBuildOptions();
        options.BuildArgs[" "] = "x";
        Assert.Equal("InvalidBuildArg", (await Refusal(temp.Path, options)).ErrorId);
        Assert.Equal("InvalidPlatform", (await Refusal(temp.Path, new DockerBuildOptions { Platform = "linux/amd64/v8/extra" })).ErrorId);
        Assert.Equal("InvalidTarget", (await Refusal(temp.Path, new DockerBuildOptions { Target = " " })).ErrorId);
    }

    [Fact]
    public async Task A_missing_context_or_Dockerfile()
    {
        using var temp = new TempDirectory();
        Assert.Equal("BuildContextNotFound", (await Refusal(Path.Combine(temp.Path, "missing"), new DockerBuildOptions())).ErrorId);
        Assert.Equal("DockerfileNotFound", (await Refusal(temp.Path, new DockerBuildOptions())).ErrorId);
        temp.Write("Dockerfile", "FROM scratch");
        Assert.Equal("DockerfileNotFound", (await Refusal(temp.Path, new DockerBuildOptions { Dockerfile = Path.Combine(temp.Path, "nope") })).ErrorId);
    }
}
