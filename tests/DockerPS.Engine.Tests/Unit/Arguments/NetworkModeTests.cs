using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class NetworkModeTests
{
    [Theory]
    [InlineData("host", NetworkModeKind.Host, null)]
    [InlineData("bridge", NetworkModeKind.Bridge, null)]
    [InlineData("none", NetworkModeKind.None, null)]
    [InlineData("default", NetworkModeKind.Default, null)]
    [InlineData("container:web", NetworkModeKind.Container, "web")]
    [InlineData("container:e2af613", NetworkModeKind.Container, "e2af613")]
    [InlineData("container:/web-1", NetworkModeKind.Container, "/web-1")]
    [InlineData("my-net", NetworkModeKind.UserDefined, null)]
    [InlineData("nat", NetworkModeKind.UserDefined, null)]
    [InlineData("Host", NetworkModeKind.UserDefined, null)]
    [InlineData("my network", NetworkModeKind.UserDefined, null)]
    [InlineData("project_default", NetworkModeKind.UserDefined, null)]
    [InlineData("4f9c2d1b7a00", NetworkModeKind.UserDefined, null)]
    [InlineData("containers", NetworkModeKind.UserDefined, null)]
    public void Reads_network_modes_like_docker_run_network(string value, NetworkModeKind kind, string? container)
    {
        var n = NetworkMode.Parse(value);
        Assert.Equal(value, n.Value);
        Assert.Equal(kind, n.Kind);
        Assert.Equal(container, n.Container);
        Assert.Equal(value, NetworkMode.Validate(value));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData("container:", "the container's name or id after 'container:' is missing")]
    [InlineData("container: web", "' web' is not a container name or id")]
    [InlineData(" host", "it has spaces around it")]
    [InlineData("host ", "it has spaces around it")]
    [InlineData("name=my-net,alias=web", "the long name=...,alias=... form is not taken here")]
    [InlineData("name=my-net", "the long name=...,alias=... form is not taken here")]
    public void Refuses_malformed_values_naming_them(string value, string reason) =>
        Refusal.Check(() => NetworkMode.Validate(value), "InvalidNetwork", value, reason);
}
