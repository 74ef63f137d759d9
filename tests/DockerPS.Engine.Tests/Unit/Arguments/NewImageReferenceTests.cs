using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

/// <summary>Invoke-DockerCommit's -Repository and -Tag: one 'repo:tag', or repository and tag apart, checked before anything is sent.</summary>
public class NewImageReferenceTests
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData("ubuntu", null, "ubuntu")]
    [InlineData("ubuntu:git", null, "ubuntu:git")]
    [InlineData("ubuntu", "git", "ubuntu:git")]
    [InlineData(null, "web:snap", "web:snap")]
    [InlineData(null, "web", "web")]
    [InlineData("127.0.0.1:5000/team/web", "1.0", "127.0.0.1:5000/team/web:1.0")]
    [InlineData("127.0.0.1:5000/team/web:1.0", null, "127.0.0.1:5000/team/web:1.0")]
    public void Reads_the_forms_docker_commit_and_docker_build_take(string? repository, string? tag, string? expected) =>
        Assert.Equal(expected, NewImageReference.Parse(repository, tag)?.ToString());

    [Theory]
    [InlineData("UPPER/case", null, "InvalidImageReference", "UPPER/case", "must be lower case")]
    [InlineData("a::b", null, "InvalidImageReference", "a::b", "the tag")]
    [InlineData("web:", null, "InvalidImageReference", "web:", "the tag is empty")]
    [InlineData(null, "web:", "InvalidImageReference", "web:", "the tag is empty")]
    [InlineData("ubuntu:git", "other", "InvalidImageReference", "other", "already has the tag 'git'")]
    [InlineData("ubuntu", "a:b", "InvalidImageTag", "a:b", "holds ':'")]
    [InlineData("ubuntu", "-bad", "InvalidImageTag", "-bad", "must start with")]
    [InlineData("ubuntu@sha256:0123456789012345678901234567890123456789012345678901234567890123", null, "InvalidImageReference",
        "ubuntu@sha256:0123456789012345678901234567890123456789012345678901234567890123", "digests come from registries")]
    public void Refuses_bad_names_naming_them(string? repository, string? tag, string errorId, string value, string reason) =>
        Refusal.Check(() => NewImageReference.Parse(repository, tag)!, errorId, value, reason);
}
