using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class DetachKeysTests
{
    [Theory]
    [InlineData("ctrl-p,ctrl-q", new byte[] { 16, 17 })]
    [InlineData("ctrl-x,x", new byte[] { 24, (byte)'x' })]
    [InlineData("ctrl-a", new byte[] { 1 })]
    [InlineData("ctrl-z", new byte[] { 26 })]
    [InlineData("ctrl-@", new byte[] { 0 })]
    [InlineData("ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_", new byte[] { 27, 28, 29, 30, 31 })]
    [InlineData("DEL", new byte[] { 127 })]
    [InlineData("a,b,c", new byte[] { (byte)'a', (byte)'b', (byte)'c' })]
    [InlineData("D", new byte[] { (byte)'D' })]
    [InlineData(" ", new byte[] { (byte)' ' })]
    [InlineData("ctrl-e,DEL,q", new byte[] { 5, 127, (byte)'q' })]
    public void Reads_docker_detach_key_sequences(string value, byte[] bytes)
    {
        var keys = DetachKeys.Parse(value);
        Assert.Equal(bytes, keys.Bytes);
        Assert.Equal(value, keys.Text);
        Assert.False(keys.IsDefault);
    }

    [Fact]
    public void The_default_is_ctrl_p_ctrl_q_and_is_not_sent_to_the_engine()
    {
        Assert.Equal(new byte[] { 16, 17 }, DetachKeys.Default.Bytes);
        Assert.Equal("ctrl-p,ctrl-q", DetachKeys.Default.Text);
        Assert.True(DetachKeys.Default.IsDefault);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("ctrl-P,ctrl-Q", "'ctrl-P' is not a key docker knows (names are case-sensitive)")]
    [InlineData("Ctrl-p", "'Ctrl-p' is not a key docker knows")]
    [InlineData("ctrl-p,,ctrl-q", "a key between commas is empty")]
    [InlineData("ctrl-p,", "a key between commas is empty")]
    [InlineData(",", "a key between commas is empty")]
    [InlineData("ctrl-1", "'ctrl-1' is not a key docker knows")]
    [InlineData("ctrl-", "'ctrl-' is not a key docker knows")]
    [InlineData("ctrl-pq", "'ctrl-pq' is not a key docker knows")]
    [InlineData("ctrl p", "'ctrl p' is not a key docker knows")]
    [InlineData("del", "'del' is not a key docker knows")]
    [InlineData("é", "'é' is not an ASCII character")]
    [InlineData("ab", "'ab' is not a key docker knows")]
    [InlineData("ctrl-p, ctrl-q", "' ctrl-q' is not a key docker knows")]
    public void Refuses_malformed_sequences_naming_the_key(string value, string reason) =>
        Refusal.Check(() => DetachKeys.Parse(value), "InvalidDetachKeys", value, reason);

    [Fact]
    public void Resolve_takes_the_given_sequence_then_the_docker_config_then_the_default()
    {
        using var dir = new TempDirectory();
        var env = new FakeEnvironment(new Dictionary<string, string?> { ["DOCKER_CONFIG"] = dir.Path });
        Assert.Same(DetachKeys.Default, DetachKeys.Resolve(null, env));

        dir.Write("config.json", """{ "auths": {}, "detachKeys": "ctrl-e,e" }""");
        Assert.Equal(new byte[] { 5, (byte)'e' }, DetachKeys.Resolve(null, env).Bytes);
        Assert.Equal("ctrl-e,e", DetachKeys.Resolve(null, env).Text);
        Assert.Equal(new byte[] { 24 }, DetachKeys.Resolve("ctrl-x", env).Bytes);

        dir.Write("config.json", """{ "detachKeys": "" }""");
        Assert.Same(DetachKeys.Default, DetachKeys.Resolve(null, env));
    }

    [Fact]
    public void A_malformed_configured_sequence_is_refused_naming_the_file()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("config.json", """{ "detachKeys": "ctrl-P" }""");
        var env = new FakeEnvironment(new Dictionary<string, string?> { ["DOCKER_CONFIG"] = dir.Path });
        var ex = Refusal.Check(() => DetachKeys.Resolve(null, env), "InvalidDetachKeys", "ctrl-P", "'ctrl-P' is not a key docker knows");
        Assert.Contains("detachKeys in " + file, ex.Message);
        // A sequence given by the user wins over a broken configuration, as with docker --detach-keys.
        Assert.Equal(new byte[] { 16, 17 }, DetachKeys.Resolve("ctrl-p,ctrl-q", env).Bytes);
    }

    [Fact]
    public void Home_config_is_read_without_DOCKER_CONFIG()
    {
        using var dir = new TempDirectory();
        dir.Write(".docker/config.json", """{ "detachKeys": "ctrl-a,d" }""");
        var env = new FakeEnvironment(home: dir.Path);
        Assert.Equal(new byte[] { 1, (byte)'d' }, DetachKeys.Resolve(null, env).Bytes.ToArray());
    }

    [Fact]
    public void A_config_file_that_is_not_json_is_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        dir.Write("config.json", "{ not json");
        var env = new FakeEnvironment(new Dictionary<string, string?> { ["DOCKER_CONFIG"] = dir.Path });
        var ex = Assert.Throws<DockerException>(() => DetachKeys.Resolve(null, env));
        Assert.Equal("InvalidDockerConfig", ex.ErrorId);
    }
}
