using System.Linq;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class DockerfileChangeTests
{
    [Theory]
    [InlineData("CMD [\"nginx\", \"-g\", \"daemon off;\"]", "CMD")]
    [InlineData("cmd echo hi", "CMD")]
    [InlineData("CMD", "CMD")]
    [InlineData("ENTRYPOINT [\"/init\"]", "ENTRYPOINT")]
    [InlineData("ENV MODE=production", "ENV")]
    [InlineData("ENV A 1", "ENV")]
    [InlineData("EXPOSE 80 443/tcp", "EXPOSE")]
    [InlineData("HEALTHCHECK --interval=5s CMD true", "HEALTHCHECK")]
    [InlineData("HEALTHCHECK NONE", "HEALTHCHECK")]
    [InlineData("LABEL a=b c=\"d e\"", "LABEL")]
    [InlineData("ONBUILD RUN make", "ONBUILD")]
    [InlineData("USER nobody", "USER")]
    [InlineData("VOLUME /data", "VOLUME")]
    [InlineData("  WORKDIR /srv  ", "WORKDIR")]
    [InlineData("STOPSIGNAL SIGINT", "STOPSIGNAL")]
    public void Accepts_the_instructions_a_commit_or_an_import_applies(string value, string instruction)
    {
        var change = DockerfileChange.Parse(value);
        Assert.Equal(instruction, Assert.Single(change.Instructions));
        Assert.Equal(value, change.Text);
        Assert.Equal(instruction == "STOPSIGNAL", change.NeedsStopSignalApi);
    }

    [Fact]
    public void Reads_several_lines_continuations_and_comments_as_docker_joins_them()
    {
        var change = DockerfileChange.Parse("# set up\nENV A=1 \\\n    B=2\r\n\nCMD [\"sh\"]\n");
        Assert.Equal(new[] { "ENV", "CMD" }, change.Instructions);
        Assert.Equal(new[] { "LABEL", "USER" }, DockerfileChange.ParseAll(new[] { "LABEL x=1", "USER 1000" }).SelectMany(c => c.Instructions));
        Assert.Empty(DockerfileChange.ParseAll(null));
    }

    [Theory]
    [InlineData("RUN apt-get install -y tree", "RUN is a Dockerfile instruction, but not one a commit or an import applies")]
    [InlineData("COPY . /app", "COPY is a Dockerfile instruction, but not one")]
    [InlineData("from debian", "FROM is a Dockerfile instruction, but not one")]
    [InlineData("ARG X=1", "ARG is a Dockerfile instruction")]
    [InlineData("SHELL [\"bash\", \"-c\"]", "SHELL is a Dockerfile instruction")]
    [InlineData("MAINTAINER me", "MAINTAINER is a Dockerfile instruction")]
    [InlineData("CMDD [\"x\"]", "'CMDD' is not a Dockerfile instruction")]
    [InlineData("nginx -g daemon off;", "'nginx' is not a Dockerfile instruction")]
    [InlineData("[\"x\"]", "'[\"x\"]' is not a Dockerfile instruction")]
    [InlineData("ENV", "ENV needs at least one argument")]
    [InlineData("expose   ", "EXPOSE needs at least one argument")]
    [InlineData("WORKDIR", "WORKDIR needs at least one argument")]
    [InlineData("ONBUILD ONBUILD RUN x", "ONBUILD ONBUILD is not allowed")]
    [InlineData("ONBUILD FROM x", "FROM is not allowed as an ONBUILD trigger")]
    [InlineData("", "it holds no instruction")]
    [InlineData("# only a comment", "it holds no instruction")]
    [InlineData("CMD [\"ok\"]\nRUN rm -rf /", "RUN is a Dockerfile instruction")]
    public void Refuses_what_the_engine_would_not_apply_naming_it(string value, string reason) =>
        Refusal.Check(() => DockerfileChange.Parse(value), "InvalidChange", value, reason);
}

public class ImagePlatformTests
{
    [Theory]
    [InlineData("linux", "linux")]
    [InlineData("linux/amd64", "linux/amd64")]
    [InlineData(" linux/arm64/v8 ", "linux/arm64/v8")]
    [InlineData("windows/amd64", "windows/amd64")]
    public void Accepts_os_architecture_variant(string value, string expected) => Assert.Equal(expected, ImagePlatform.Validate(value));

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("linux/", "it has an empty part")]
    [InlineData("linux/arm64/v8/x", "more than three parts")]
    [InlineData("linux/amd 64", "holds ' '")]
    public void Refuses_malformed_platforms(string value, string reason) =>
        Refusal.Check(() => ImagePlatform.Validate(value), "InvalidPlatform", value, reason);
}
