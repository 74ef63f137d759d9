using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class ImageNameTests
{
    private const string Sha = "sha256:2f0f5a6bd1b8e4f3ee4ec8d0a6e3b4cbd5f5f1b3e0c9b0b0a6e2f0d4c1a8b7e6";

    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", null, null, "busybox")]
    [InlineData("busybox:1.36", "docker.io", "library/busybox", "1.36", null, "busybox:1.36")]
    [InlineData("library/busybox", "docker.io", "library/busybox", null, null, "busybox")]
    [InlineData("docker.io/library/busybox:latest", "docker.io", "library/busybox", "latest", null, "busybox:latest")]
    [InlineData("index.docker.io/user/app", "docker.io", "user/app", null, null, "user/app")]
    [InlineData("user/app:v2", "docker.io", "user/app", "v2", null, "user/app:v2")]
    [InlineData("127.0.0.1:5000/team/app:v2", "127.0.0.1:5000", "team/app", "v2", null, "127.0.0.1:5000/team/app:v2")]
    [InlineData("localhost/app", "localhost", "app", null, null, "localhost/app")]
    [InlineData("localhost:5000/app", "localhost:5000", "app", null, null, "localhost:5000/app")]
    [InlineData("registry.example.com/a/b/c", "registry.example.com", "a/b/c", null, null, "registry.example.com/a/b/c")]
    [InlineData("[::1]:5000/app:1", "[::1]:5000", "app", "1", null, "[::1]:5000/app:1")]
    [InlineData("my-reg.example:443/x__y.z-w", "my-reg.example:443", "x__y.z-w", null, null, "my-reg.example:443/x__y.z-w")]
    [InlineData("a--b/c_d", "docker.io", "a--b/c_d", null, null, "a--b/c_d")]
    [InlineData("busybox:_under", "docker.io", "library/busybox", "_under", null, "busybox:_under")]
    [InlineData("busybox:Mixed.Case-1", "docker.io", "library/busybox", "Mixed.Case-1", null, "busybox:Mixed.Case-1")]
    [InlineData("debian@" + Sha, "docker.io", "library/debian", null, Sha, "debian@" + Sha)]
    [InlineData("debian:12@" + Sha, "docker.io", "library/debian", "12", Sha, "debian:12@" + Sha)]
    [InlineData("Example.COM/app", "Example.COM", "app", null, null, "Example.COM/app")]
    public void Reads_and_normalises_as_docker(string value, string domain, string path, string? tag, string? digest, string shown)
    {
        var name = ImageName.Parse(value);
        Assert.Equal(domain, name.Domain);
        Assert.Equal(path, name.Path);
        Assert.Equal(tag, name.Tag);
        Assert.Equal(digest, name.Digest);
        Assert.Equal(shown, name.ToString());
    }

    [Theory]
    [InlineData("busybox", "busybox:latest")]
    [InlineData("busybox:1", "busybox:1")]
    [InlineData("busybox@" + Sha, "busybox@" + Sha)]
    public void Adds_latest_only_when_nothing_is_given(string value, string shown) => Assert.Equal(shown, ImageName.Parse(value).WithDefaultTag().ToString());

    [Theory]
    [InlineData("busybox", "https://index.docker.io/v1/")]
    [InlineData("user/app", "https://index.docker.io/v1/")]
    [InlineData("127.0.0.1:5000/app", "127.0.0.1:5000")]
    [InlineData("localhost/app", "localhost")]
    public void Knows_where_docker_keeps_the_registry_credentials(string value, string key) => Assert.Equal(key, ImageName.Parse(value).AuthKey);

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox")]
    [InlineData("127.0.0.1:5000/app:1", "127.0.0.1:5000/app")]
    public void Writes_the_full_repository(string value, string full) => Assert.Equal(full, ImageName.Parse(value).FullRepository);

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("UPPER/case", "the repository name 'UPPER/case' must be lower case")]
    [InlineData("Busybox", "the repository name 'Busybox' must be lower case")]
    [InlineData("127.0.0.1:5000/App", "the repository name 'App' must be lower case")]
    [InlineData("a::b", "the tag ':b' must start with a letter, digit or '_'")]
    [InlineData("busybox:", "the tag is empty")]
    [InlineData("busybox:.x", "the tag '.x' must start with a letter, digit or '_'")]
    [InlineData("busybox:a/b", "the registry port 'a' is not a number")]
    [InlineData("busybox:a+b", "the tag 'a+b' holds '+'")]
    [InlineData(":latest", "the repository name is empty")]
    [InlineData("/busybox", "has an empty part between slashes")]
    [InlineData("a//b", "has an empty part between slashes")]
    [InlineData("busybox/", "has an empty part between slashes")]
    [InlineData("-bad", "must start with a letter or digit")]
    [InlineData("bad-", "ends with a separator")]
    [InlineData("a...b", "must start with a letter or digit")]
    [InlineData("a___b", "must start with a letter or digit")]
    [InlineData("a b", "it contains white space")]
    [InlineData("busybox@sha256:abc", "is too short")]
    [InlineData("busybox@sha256", "is not of the form algorithm:hex")]
    [InlineData("busybox@" + "sha256:zz0f5a6bd1b8e4f3ee4ec8d0a6e3b4cbd5f5f1b3e0c9b0b0a6e2f0d4c1a8b7e6", "is not hexadecimal")]
    [InlineData("busybox@sha256:2f0f5a6bd1b8e4f3ee4ec8d0a6e3b4cbd5f5f1b3e0c9b0b0a6e2f0d4c1a8b7e6ff", "has 64 hexadecimal digits")]
    [InlineData("busybox@9sha:2f0f5a6bd1b8e4f3ee4ec8d0a6e3b4cb", "the digest algorithm '9sha' is not valid")]
    [InlineData("2f0f5a6bd1b8e4f3ee4ec8d0a6e3b4cbd5f5f1b3e0c9b0b0a6e2f0d4c1a8b7e6", "is an image id")]
    [InlineData("reg_istry.example/app", "the registry 'reg_istry.example' holds '_'")]
    [InlineData("-reg.example/app", "starts or ends with '-'")]
    [InlineData("reg..example/app", "an empty part between dots")]
    [InlineData("reg.example:/app", "has an empty port after ':'")]
    [InlineData("reg.example:50a/app", "the registry port '50a' is not a number")]
    [InlineData("[::1/app", "has no closing ']'")]
    [InlineData("[]:5000/app", "has an empty IPv6 address")]
    public void Refuses_what_docker_refuses_naming_the_value(string value, string reason)
    {
        var e = Assert.Throws<DockerArgumentException>(() => ImageName.Parse(value));
        Assert.Equal("InvalidImageReference", e.ErrorId);
        Assert.Contains($"'{value}'", e.Message);
        Assert.Contains(reason, e.Message);
        Assert.Equal(value, e.Target);
    }

    [Fact]
    public void Refuses_a_tag_longer_than_128()
    {
        var e = Assert.Throws<DockerArgumentException>(() => ImageName.Parse("busybox:" + new string('a', 129)));
        Assert.Contains("longer than 128", e.Message);
        Assert.NotNull(ImageName.Parse("busybox:" + new string('a', 128)).Tag);
    }

    [Fact]
    public void Refuses_a_name_longer_than_255() =>
        Assert.Contains("longer than 255", Assert.Throws<DockerArgumentException>(() => ImageName.Parse(new string('a', 256))).Message);

    [Fact]
    public void A_repository_takes_no_tag()
    {
        Assert.Equal("busybox", ImageName.ParseRepository("busybox").ToString());
        var e = Assert.Throws<DockerArgumentException>(() => ImageName.ParseRepository("busybox:1"));
        Assert.Equal("InvalidImageRepository", e.ErrorId);
    }

    [Fact]
    public void Retags_with_a_checked_tag()
    {
        Assert.Equal("127.0.0.1:5000/app:v3", ImageName.Parse("127.0.0.1:5000/app:v1").WithTag("v3").ToString());
        Assert.Equal("InvalidImageTag", Assert.Throws<DockerArgumentException>(() => ImageName.Parse("app").WithTag("")).ErrorId);
    }
}
