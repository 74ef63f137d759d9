using System.Linq;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class PortPublicationTests
{
    private static string Bindings(PortPublication p) => string.Join(" ", p.Bindings.Select(b => b.ToString()));

    [Theory]
    [InlineData("8080:80", null, 8080, 8080, 80, 80, "tcp", ":8080->80/tcp")]
    [InlineData("9999:80", null, 9999, 9999, 80, 80, "tcp", ":9999->80/tcp")]
    [InlineData("3690:3690", null, 3690, 3690, 3690, 3690, "tcp", ":3690->3690/tcp")]
    [InlineData("80", null, null, null, 80, 80, "tcp", ":->80/tcp")]
    [InlineData(":80", null, null, null, 80, 80, "tcp", ":->80/tcp")]
    [InlineData("127.0.0.1:8080:80/udp", "127.0.0.1", 8080, 8080, 80, 80, "udp", "127.0.0.1:8080->80/udp")]
    [InlineData("127.0.0.1::80", "127.0.0.1", null, null, 80, 80, "tcp", "127.0.0.1:->80/tcp")]
    [InlineData("0.0.0.0:3690:3690", "0.0.0.0", 3690, 3690, 3690, 3690, "tcp", "0.0.0.0:3690->3690/tcp")]
    [InlineData("8000-8002:8000-8002", null, 8000, 8002, 8000, 8002, "tcp", ":8000->8000/tcp :8001->8001/tcp :8002->8002/tcp")]
    [InlineData("9000-9001:80-81/udp", null, 9000, 9001, 80, 81, "udp", ":9000->80/udp :9001->81/udp")]
    [InlineData("8000-8010:80", null, 8000, 8010, 80, 80, "tcp", ":8000-8010->80/tcp")]
    [InlineData("8080-8080:80", null, 8080, 8080, 80, 80, "tcp", ":8080->80/tcp")]
    [InlineData("80-82", null, null, null, 80, 82, "tcp", ":->80/tcp :->81/tcp :->82/tcp")]
    [InlineData("80-80", null, null, null, 80, 80, "tcp", ":->80/tcp")]
    [InlineData("127.0.0.1:7000-7001:7000-7001/sctp", "127.0.0.1", 7000, 7001, 7000, 7001, "sctp", "127.0.0.1:7000->7000/sctp 127.0.0.1:7001->7001/sctp")]
    [InlineData("[::1]:8080:80", "::1", 8080, 8080, 80, 80, "tcp", "[::1]:8080->80/tcp")]
    [InlineData("[::1]::80", "::1", null, null, 80, 80, "tcp", "[::1]:->80/tcp")]
    [InlineData("[2001:db8::1]:443:8443", "2001:db8::1", 443, 443, 8443, 8443, "tcp", "[2001:db8::1]:443->8443/tcp")]
    [InlineData("[2001:DB8:0:0:0:0:0:1]:1:2", "2001:db8::1", 1, 1, 2, 2, "tcp", "[2001:db8::1]:1->2/tcp")]
    [InlineData("[::ffff:10.0.0.1]:53:53/udp", "::ffff:10.0.0.1", 53, 53, 53, 53, "udp", "[::ffff:10.0.0.1]:53->53/udp")]
    [InlineData("::1:8080:80", "::1", 8080, 8080, 80, 80, "tcp", "[::1]:8080->80/tcp")]
    [InlineData("0:80", null, 0, 0, 80, 80, "tcp", ":0->80/tcp")]
    [InlineData("80/UDP", null, null, null, 80, 80, "udp", ":->80/udp")]
    [InlineData("53/Udp", null, null, null, 53, 53, "udp", ":->53/udp")]
    [InlineData("80/sctp", null, null, null, 80, 80, "sctp", ":->80/sctp")]
    [InlineData("80/tcp", null, null, null, 80, 80, "tcp", ":->80/tcp")]
    [InlineData("65535:65535", null, 65535, 65535, 65535, 65535, "tcp", ":65535->65535/tcp")]
    [InlineData("1:1", null, 1, 1, 1, 1, "tcp", ":1->1/tcp")]
    [InlineData("080:0080", null, 80, 80, 80, 80, "tcp", ":80->80/tcp")]
    [InlineData("33899:3389", null, 33899, 33899, 3389, 3389, "tcp", ":33899->3389/tcp")]
    [InlineData("published=8080,target=80", null, 8080, 8080, 80, 80, "tcp", ":8080->80/tcp")]
    [InlineData("published=5353,target=53,protocol=udp", null, 5353, 5353, 53, 53, "udp", ":5353->53/udp")]
    [InlineData("target=80", null, null, null, 80, 80, "tcp", ":->80/tcp")]
    public void Reads_the_short_and_long_forms_like_docker_run_p(string value, string? ip, int? hostStart, int? hostEnd, int cStart, int cEnd, string protocol, string bindings)
    {
        var p = PortPublication.Parse(value);
        Assert.Equal(value, p.Specification);
        Assert.Equal(ip, p.HostIp);
        Assert.Equal(hostStart, p.HostPortStart);
        Assert.Equal(hostEnd, p.HostPortEnd);
        Assert.Equal(cStart, p.ContainerPortStart);
        Assert.Equal(cEnd, p.ContainerPortEnd);
        Assert.Equal(protocol, p.Protocol);
        Assert.Equal(bindings, Bindings(p));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("8080:", "the container port is missing")]
    [InlineData("/udp", "the container port is missing")]
    [InlineData("127.0.0.1:8080:", "the container port is missing")]
    [InlineData("99999:80", "the host port '99999' is out of range (1-65535)")]
    [InlineData("80:99999", "the container port '99999' is out of range")]
    [InlineData("65536", "the container port '65536' is out of range")]
    [InlineData("12345678901:80", "'12345678901' is out of range")]
    [InlineData("abc:80", "the host port 'abc' is not a number")]
    [InlineData("80:abc", "the container port 'abc' is not a number")]
    [InlineData("+80", "the container port '+80' is not a number")]
    [InlineData("-80", "the container port '-80' is not a number")]
    [InlineData("80-", "the container port '80-' is not a number")]
    [InlineData(" 8080:80", "the host port ' 8080' is not a number")]
    [InlineData("8080:80 ", "the container port '80 ' is not a number")]
    [InlineData("80/xyz", "the protocol 'xyz' is not tcp, udp or sctp")]
    [InlineData("80/tcp/udp", "the protocol 'tcp/udp' is not tcp, udp or sctp")]
    [InlineData("80/", "the protocol after '/' is empty")]
    [InlineData("0", "the container port cannot be 0")]
    [InlineData("8080:0", "the container port cannot be 0")]
    [InlineData("0-10", "the container port cannot be 0")]
    [InlineData("90-80", "the container port range '90-80' ends before it starts")]
    [InlineData("9000-8000:80", "the host port range '9000-8000' ends before it starts")]
    [InlineData("8000-8010:80-81", "the host range '8000-8010' and the container range '80-81' are not the same length")]
    [InlineData("8080:80-81", "the host range '8080' and the container range '80-81' are not the same length")]
    [InlineData("1.2.3.4:80", "'1.2.3.4' is a host address without a host port; write '1.2.3.4::80'")]
    [InlineData("localhost:8080:80", "'localhost' is not an IP address")]
    [InlineData("1.2.3:80:80", "'1.2.3' is not an IP address")]
    [InlineData("256.1.1.1:80:80", "'256.1.1.1' is not an IP address")]
    [InlineData("01.2.3.4:80:80", "'01.2.3.4' is not an IP address")]
    [InlineData("fe80::1%eth0:80:80", "'fe80::1%eth0' is not an IP address")]
    [InlineData("8080:80:90:100", "'8080:80' is not an IP address")]
    [InlineData("[1.2.3.4]:80:80", "brackets are for IPv6 addresses")]
    [InlineData("[::1:80:80", "is missing its closing ']'")]
    [InlineData("[::1]:80", "after the address [::1] write :host-port:container-port")]
    [InlineData("[::1]8080:80", "after the address [::1] write")]
    [InlineData("[zz::1]:80:80", "'[zz::1]' is not an IP address")]
    [InlineData("::1]:80:80", "has a ']' without its '['")]
    [InlineData("published=8080", "the long form needs target=<container-port>")]
    [InlineData("published=8080,target=80,mode=host", "'mode' is not one of published, target or protocol")]
    [InlineData("published=8080,target", "'target' is not a name=value pair")]
    [InlineData("published=8080,target=80,protocol=icmp", "the protocol 'icmp' is not tcp, udp or sctp")]
    [InlineData("published=abc,target=80", "the host port 'abc' is not a number")]
    public void Refuses_malformed_values_naming_them(string value, string reason) =>
        Refusal.Check(() => PortPublication.Parse(value), "InvalidPublish", value, reason);

    [Fact]
    public void Refusal_shows_the_expected_shape_with_examples()
    {
        var ex = Refusal.Check(() => PortPublication.Parse("8080:"), "InvalidPublish", "8080:", "container port");
        Assert.Contains("[host-ip:][host-port:]container-port[/tcp|udp|sctp]", ex.Message);
        Assert.Contains("127.0.0.1:8080:80/udp", ex.Message);
    }

    [Theory]
    [InlineData(8080, 80, "8080:80", ":8080->80/tcp")]
    [InlineData(8080L, (short)80, "8080:80", ":8080->80/tcp")]
    [InlineData("127.0.0.1:8080", "80/udp", "127.0.0.1:8080:80/udp", "127.0.0.1:8080->80/udp")]
    [InlineData("[::1]:8080", 80, "[::1]:8080:80", "[::1]:8080->80/tcp")]
    [InlineData("127.0.0.1:", 80, "127.0.0.1::80", "127.0.0.1:->80/tcp")]
    [InlineData("", 80, ":80", ":->80/tcp")]
    [InlineData("8000-8001", "8000-8001", "8000-8001:8000-8001", ":8000->8000/tcp :8001->8001/tcp")]
    [InlineData("8000-8010", 80, "8000-8010:80", ":8000-8010->80/tcp")]
    [InlineData(0, 80, "0:80", ":0->80/tcp")]
    [InlineData((byte)53, "53/UDP", "53:53/UDP", ":53->53/udp")]
    [InlineData(9290u, 80UL, "9290:80", ":9290->80/tcp")]
    public void Reads_a_hashtable_pair_as_host_colon_container(object host, object container, string specification, string bindings)
    {
        var p = PortPublication.FromPair(host, container);
        Assert.Equal(specification, p.Specification);
        Assert.Equal(bindings, Bindings(p));
    }

    [Theory]
    [InlineData(8080, "abc", "@{ 8080 = 'abc' }", "read as '8080:abc', the container port 'abc' is not a number")]
    [InlineData(99999, 80, "@{ 99999 = 80 }", "the host port '99999' is out of range")]
    [InlineData(-1, 80, "@{ -1 = 80 }", "the host port '-1' is not a number")]
    [InlineData(8080, null, "@{ 8080 = $null }", "the container side is empty")]
    [InlineData(8080, "", "@{ 8080 = '' }", "the container side is empty")]
    [InlineData(null, 80, "@{ $null = 80 }", "the host side is empty")]
    [InlineData("8080/udp", 80, "@{ '8080/udp' = 80 }", "the protocol belongs on the container side")]
    [InlineData(8080, "1.2.3.4:80", "@{ 8080 = '1.2.3.4:80' }", "the container side takes a port and a protocol only")]
    [InlineData(8080.5, 80, "@{ 8080.5 = 80 }", "the host side must be a port number or a string, not a Double")]
    [InlineData(8080, true, "@{ 8080 = $true }", "the container side must be a port number or a string, not a Boolean")]
    [InlineData("127.0.0.1", 80, "@{ '127.0.0.1' = 80 }", "'127.0.0.1' is a host address without a host port")]
    [InlineData(8080, 0, "@{ 8080 = 0 }", "the container port cannot be 0")]
    public void Refuses_malformed_pairs_showing_them_as_typed(object? host, object? container, string shown, string reason)
    {
        var ex = Refusal.CheckShown(() => PortPublication.FromPair(host, container), "InvalidPublish", shown, reason);
        Assert.Equal(shown, ex.Target);
    }

    [Fact]
    public void Exposed_ports_are_each_container_port_once_in_order()
    {
        var specs = new[] { "8080:80", "8081:80", "127.0.0.1:53:53/udp", "8000-8001:8000-8001", "80/udp" }.Select(PortPublication.Parse);
        Assert.Equal(new[] { "80/tcp", "53/udp", "8000/tcp", "8001/tcp", "80/udp" }, PortPublication.ToExposedPorts(specs));
    }

    [Fact]
    public void Port_bindings_collect_every_binding_of_a_container_port_as_docker_does()
    {
        var specs = new[] { "8080:80", "127.0.0.1:8081:80", "[::1]::80", "53:53/udp", "8000-8001:8000-8001", "443" }.Select(PortPublication.Parse).ToList();
        var map = PortPublication.ToPortBindings(specs);
        Assert.Equal(new[] { "80/tcp", "53/udp", "8000/tcp", "8001/tcp", "443/tcp" }, map.Keys);
        Assert.Equal(new[] { ("", "8080"), ("127.0.0.1", "8081"), ("::1", "") }, map["80/tcp"].Select(b => (b.HostIp, b.HostPort)));
        Assert.Equal(("", "53"), map["53/udp"].Select(b => (b.HostIp, b.HostPort)).Single());
        Assert.Equal("8001", map["8001/tcp"].Single().HostPort);
        Assert.Equal(("", ""), map["443/tcp"].Select(b => (b.HostIp, b.HostPort)).Single());
    }

    [Fact]
    public void A_host_range_for_one_container_port_stays_a_range_for_the_engine()
    {
        var map = PortPublication.ToPortBindings(new[] { PortPublication.Parse("127.0.0.1:8000-8010:80") });
        var binding = Assert.Single(map["80/tcp"]);
        Assert.Equal("8000-8010", binding.HostPort);
        Assert.Equal("127.0.0.1", binding.HostIp);
    }

    [Fact]
    public void No_publications_give_empty_maps()
    {
        Assert.Empty(PortPublication.ToExposedPorts(Enumerable.Empty<PortPublication>()));
        Assert.Empty(PortPublication.ToPortBindings(Enumerable.Empty<PortPublication>()));
    }
}
