using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Tests.Unit;

public class DockerHostParserTests
{
    [Theory]
    [InlineData("unix:///var/run/docker.sock", EndpointScheme.Unix, "/var/run/docker.sock", 0, "unix:///var/run/docker.sock")]
    [InlineData("unix://", EndpointScheme.Unix, "/var/run/docker.sock", 0, "unix:///var/run/docker.sock")]
    [InlineData("npipe:////./pipe/docker_engine", EndpointScheme.NamedPipe, "//./pipe/docker_engine", 0, "npipe:////./pipe/docker_engine")]
    [InlineData("npipe://", EndpointScheme.NamedPipe, "//./pipe/docker_engine", 0, "npipe:////./pipe/docker_engine")]
    [InlineData("tcp://10.0.0.5:2375", EndpointScheme.Tcp, "10.0.0.5", 2375, "tcp://10.0.0.5:2375")]
    [InlineData("tcp://example.org", EndpointScheme.Tcp, "example.org", 2375, "tcp://example.org:2375")]
    [InlineData("tcp://:4243", EndpointScheme.Tcp, "localhost", 4243, "tcp://localhost:4243")]
    [InlineData("TCP://[::1]:2376", EndpointScheme.Tcp, "::1", 2376, "tcp://[::1]:2376")]
    [InlineData("ssh://me@box:2222", EndpointScheme.Ssh, "box", 2222, "ssh://me@box:2222")]
    [InlineData("ssh://box", EndpointScheme.Ssh, "box", 0, "ssh://box")]
    [InlineData("  tcp://h:1  ", EndpointScheme.Tcp, "h", 1, "tcp://h:1")]
    public void Parses_docker_host_values(string value, EndpointScheme scheme, string address, int port, string uri)
    {
        var e = DockerHostParser.Parse(value);
        Assert.Equal(scheme, e.Scheme);
        Assert.Equal(address, e.Address);
        Assert.Equal(port, e.Port);
        Assert.Equal(uri, e.Uri);
    }

    [Fact]
    public void Tcp_without_port_uses_2375_even_with_tls_like_the_docker_cli()
    {
        var e = DockerHostParser.Parse("tcp://box", new TlsSettings(true, "/c/ca.pem", null, null));
        Assert.Equal(2375, e.Port);
        Assert.NotNull(e.Tls);
    }

    [Fact]
    public void Ssh_user_and_remote_socket_path_are_kept()
    {
        var e = DockerHostParser.Parse("ssh://root@127.0.0.1:2222/run/other.sock");
        Assert.Equal("root", e.User);
        Assert.Equal("/run/other.sock", e.RemotePath);
        Assert.Equal("ssh://root@127.0.0.1:2222/run/other.sock", e.Uri);
    }

    [Theory]
    [InlineData("localhost:2375", "no scheme")]
    [InlineData("http://localhost:2375", "scheme 'http'")]
    [InlineData("fd://", "scheme 'fd'")]
    [InlineData("", "empty")]
    [InlineData("tcp://h:99999", "'99999' is not a port")]
    [InlineData("tcp://h:", "port after ':' is empty")]
    [InlineData("tcp://h:abc", "'abc' is not a port")]
    [InlineData("tcp://h:2375/path", "no path")]
    [InlineData("tcp://::1:2375", "brackets")]
    [InlineData("unix://relative.sock", "absolute")]
    [InlineData("npipe://docker_engine", "npipe:////./pipe/name")]
    [InlineData("ssh://:22", "host is empty")]
    [InlineData("ssh://me:secret@box", "password")]
    [InlineData("ssh://@box", "user before '@' is empty")]
    [InlineData("ssh://box/x?y=1", "query")]
    public void Refuses_malformed_values_naming_them(string value, string reason)
    {
        var ex = Assert.Throws<DockerArgumentException>(() => DockerHostParser.Parse(value, null, "DOCKER_HOST"));
        Assert.Contains("'" + value + "'", ex.Message);
        Assert.Contains("DOCKER_HOST", ex.Message);
        Assert.Contains(reason, ex.Message);
        Assert.Equal("InvalidDockerHost", ex.ErrorId);
        Assert.Equal(DockerErrorCategory.InvalidArgument, ex.Category);
        Assert.Equal(value, ex.Target);
    }

    [Fact]
    public void Platform_defaults()
    {
        Assert.Equal("unix:///var/run/docker.sock", DockerHostParser.Default(false).Uri);
        Assert.Equal("npipe:////./pipe/docker_engine", DockerHostParser.Default(true).Uri);
    }
}
