using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// One <c>-Publish</c> value, as <c>docker run -p</c> reads it (go-connections <c>nat.ParsePortSpec</c>):
/// <c>[host-ip:][host-port:]container-port[/protocol]</c>, where either port may be a range <c>8000-8010</c>,
/// the host port may be left empty for a random one (<c>127.0.0.1::80</c>, <c>:80</c>) and an IPv6 host address
/// is written in brackets (<c>[::1]:8080:80</c>). The long form <c>published=8080,target=80,protocol=udp</c> is
/// read as docker's <c>convertToStandardNotation</c> does.
/// </summary>
/// <remarks>
/// Ranges expand into one binding per container port. A host range with a single container port is kept whole
/// (<c>8000-8010:80</c>: the engine picks a free host port in the range). Ports are 1-65535; host port 0 is
/// kept and means a random port, as the engine reads it.
/// </remarks>
public sealed class PortPublication
{
    private const string What = "port publication";

    private const string Expected =
        "[host-ip:][host-port:]container-port[/tcp|udp|sctp], where a port may be a range such as 8000-8010 and an IPv6 host-ip is written in brackets; " +
        "for example 8080:80, 127.0.0.1:8080:80/udp, 127.0.0.1::80, [::1]:8080:80, 8000-8010:8000-8010 or 80";

    private PortPublication(string specification, string? hostIp, int? hostPortStart, int? hostPortEnd, int containerPortStart, int containerPortEnd, string protocol)
    {
        Specification = specification;
        HostIp = hostIp;
        HostPortStart = hostPortStart;
        HostPortEnd = hostPortEnd;
        ContainerPortStart = containerPortStart;
        ContainerPortEnd = containerPortEnd;
        Protocol = protocol;

        var count = containerPortEnd - containerPortStart + 1;
        var bindings = new List<PublishedPortBinding>(count);
        for (var i = 0; i < count; i++)
        {
            var hostPort = string.Empty;
            if (hostPortStart is int start)
            {
                hostPort = Text(start + i);
                // A single container port with a host range: the engine allocates within the range.
                if (count == 1 && hostPortEnd != start) hostPort += "-" + Text(hostPortEnd!.Value);
            }
            bindings.Add(new PublishedPortBinding(Text(containerPortStart + i) + "/" + protocol, hostIp ?? string.Empty, hostPort));
        }
        Bindings = bindings.AsReadOnly();
    }

    /// <summary>The value as given (for the hashtable form, <c>host:container</c> composed from the pair).</summary>
    public string Specification { get; }

    /// <summary>The host address to bind, IPv6 without brackets; null for all addresses.</summary>
    public string? HostIp { get; }

    /// <summary>First host port; null when the engine picks a random one.</summary>
    public int? HostPortStart { get; }

    /// <summary>Last host port (equal to <see cref="HostPortStart"/> when not a range); null when random.</summary>
    public int? HostPortEnd { get; }

    public int ContainerPortStart { get; }

    public int ContainerPortEnd { get; }

    /// <summary>tcp, udp or sctp.</summary>
    public string Protocol { get; }

    /// <summary>One binding per container port, in order.</summary>
    public IReadOnlyList<PublishedPortBinding> Bindings { get; }

    public override string ToString() => Specification;

    /// <summary>Parses one <c>-Publish</c> string. Throws <see cref="DockerArgumentException"/> (InvalidPublish).</summary>
    public static PortPublication Parse(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        return ParseCore(value, value, null);
    }

    /// <summary>
    /// The hashtable form, <c>@{ 8080 = 80 }</c> or <c>@{ '127.0.0.1:8080' = '80/udp' }</c>: the key is the host side
    /// (<c>[ip:]port</c>, an integer or a string; empty for a random port), the value the container side
    /// (<c>port[/protocol]</c>, an integer or a string). Read exactly as the string <c>host:container</c>.
    /// </summary>
    public static PortPublication FromPair(object? host, object? container)
    {
        var shown = "@{ " + ValueText.Show(host) + " = " + ValueText.Show(container) + " }";
        var hostText = PairText(host, shown, "host side", allowEmpty: true);
        var containerText = PairText(container, shown, "container side", allowEmpty: false);
        if (hostText.IndexOf('/') >= 0)
            throw ArgumentFailure.CreateShown("InvalidPublish", What, shown, shown, "the protocol belongs on the container side (@{ 8080 = '80/udp' }), not on the host side", Expected);
        if (containerText.IndexOf(':') >= 0)
            throw ArgumentFailure.CreateShown("InvalidPublish", What, shown, shown, "the container side takes a port and a protocol only; the host address and port belong on the host side (@{ '127.0.0.1:8080' = 80 })", Expected);
        return ParseCore(hostText + ":" + containerText, hostText + ":" + containerText, shown);
    }

    /// <summary>
    /// The keys of the engine's <c>ExposedPorts</c> for these publications: <c>"80/tcp"</c>, one per container port,
    /// each once, in order of first appearance.
    /// </summary>
    public static IReadOnlyList<string> ToExposedPorts(IEnumerable<PortPublication> publications)
    {
        if (publications is null) throw new ArgumentNullException(nameof(publications));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ports = new List<string>();
        foreach (var p in publications)
            foreach (var b in p.Bindings)
                if (seen.Add(b.ContainerPort)) ports.Add(b.ContainerPort);
        return ports.AsReadOnly();
    }

    /// <summary>
    /// The engine's <c>PortBindings</c>: container port (<c>"80/tcp"</c>) to its host bindings, in order. Two
    /// publications of one container port give it two bindings, as docker does (<c>-p 8080:80 -p 8081:80</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PublishedPortBinding>> ToPortBindings(IEnumerable<PortPublication> publications)
    {
        if (publications is null) throw new ArgumentNullException(nameof(publications));
        var lists = new Dictionary<string, List<PublishedPortBinding>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var p in publications)
        {
            foreach (var b in p.Bindings)
            {
                if (!lists.TryGetValue(b.ContainerPort, out var list))
                {
                    list = new List<PublishedPortBinding>();
                    lists.Add(b.ContainerPort, list);
                    order.Add(b.ContainerPort);
                }
                list.Add(b);
            }
        }
        var result = new Dictionary<string, IReadOnlyList<PublishedPortBinding>>(StringComparer.Ordinal);
        foreach (var key in order) result.Add(key, lists[key].AsReadOnly());
        return new ReadOnlyDictionary<string, IReadOnlyList<PublishedPortBinding>>(result);
    }

    private static string PairText(object? value, string shown, string side, bool allowEmpty)
    {
        if (value is null)
            throw ArgumentFailure.CreateShown("InvalidPublish", What, shown, shown, $"the {side} is empty", Expected);
        string text;
        if (value is string s) text = s;
        else if (!ValueText.TryInteger(value, out text))
            throw ArgumentFailure.CreateShown("InvalidPublish", What, shown, shown, $"the {side} must be a port number or a string, not a {value.GetType().Name}", Expected);
        if (!allowEmpty && text.Length == 0)
            throw ArgumentFailure.CreateShown("InvalidPublish", What, shown, shown, $"the {side} is empty", Expected);
        return text;
    }

    private static PortPublication ParseCore(string value, string spec, string? shownPair)
    {
        DockerArgumentException Fail(string reason) =>
            shownPair is null
                ? ArgumentFailure.Create("InvalidPublish", What, value, reason, Expected)
                : ArgumentFailure.CreateShown("InvalidPublish", What, shownPair, shownPair, $"read as '{spec}', {reason}", Expected);

        if (spec.Length == 0) throw Fail("it is empty");
        if (spec.IndexOf('=') >= 0) spec = FromLongSyntax(spec, Fail);

        string ip = string.Empty, hostPort = string.Empty, containerSide;
        var twoParts = false;
        if (spec[0] == '[')
        {
            // [ipv6]:host-port:container-port: what nat.splitParts gives for these, with a clearer refusal otherwise.
            var close = spec.IndexOf(']');
            if (close < 0) throw Fail($"the host address '{spec}' is missing its closing ']'");
            ip = spec.Substring(0, close + 1);
            var rest = spec.Substring(close + 1);
            var ports = rest.Length > 0 && rest[0] == ':' ? rest.Substring(1).Split(':') : null;
            if (ports is null || ports.Length != 2)
                throw Fail($"after the address {ip} write :host-port:container-port, with an empty host-port for a random one ({ip}::80)");
            hostPort = ports[0];
            containerSide = ports[1];
        }
        else
        {
            // As nat.splitParts: the last part is the container side, the one before it the host port, and all
            // before that (rejoined, so an unbracketed IPv6 address still works) the host address.
            var parts = spec.Split(':');
            switch (parts.Length)
            {
                case 1:
                    containerSide = parts[0];
                    break;
                case 2:
                    twoParts = true;
                    hostPort = parts[0];
                    containerSide = parts[1];
                    break;
                default:
                    ip = string.Join(":", parts, 0, parts.Length - 2);
                    hostPort = parts[parts.Length - 2];
                    containerSide = parts[parts.Length - 1];
                    break;
            }
        }

        var slash = containerSide.IndexOf('/');
        var containerPort = slash < 0 ? containerSide : containerSide.Substring(0, slash);
        var protocol = "tcp";
        if (containerPort.Length == 0) throw Fail("the container port is missing");
        if (slash >= 0)
        {
            protocol = containerSide.Substring(slash + 1).ToLowerInvariant();
            if (protocol.Length == 0) throw Fail("the protocol after '/' is empty (leave out the '/' for tcp)");
            if (protocol is not ("tcp" or "udp" or "sctp")) throw Fail($"the protocol '{containerSide.Substring(slash + 1)}' is not tcp, udp or sctp");
        }

        string? hostIp = null;
        if (ip.Length > 0) hostIp = ParseHostIp(ip, Fail);

        var (cStart, cEnd) = ParseRange(containerPort, "container port", Fail);
        if (cStart == 0) throw Fail("the container port cannot be 0");

        int? hStart = null, hEnd = null;
        if (hostPort.Length > 0)
        {
            if (twoParts && LooksLikeAddress(hostPort))
                throw Fail($"'{hostPort}' is a host address without a host port; write '{hostPort}::{containerSide}' for a random host port on that address, or '{hostPort}:{containerPort}:{containerSide}' for the same port");
            var (s, e) = ParseRange(hostPort, "host port", Fail);
            hStart = s;
            hEnd = e;
            // A host range is allowed with a single container port (the engine picks within it); otherwise the
            // two ranges must be the same length.
            if (e - s != cEnd - cStart && cEnd != cStart)
                throw Fail($"the host range '{hostPort}' and the container range '{containerPort}' are not the same length");
        }

        return new PortPublication(value, hostIp, hStart, hEnd, cStart, cEnd, protocol);
    }

    private static string FromLongSyntax(string spec, Func<string, DockerArgumentException> fail)
    {
        // docker/cli convertToStandardNotation: published=...,target=...,protocol=... becomes published:target/protocol.
        string published = string.Empty, target = string.Empty, protocol = "tcp";
        foreach (var field in spec.Split(','))
        {
            var eq = field.IndexOf('=');
            if (eq <= 0) throw fail($"'{field}' is not a name=value pair");
            var key = field.Substring(0, eq);
            var val = field.Substring(eq + 1);
            switch (key)
            {
                case "published": published = val; break;
                case "target": target = val; break;
                case "protocol": protocol = val; break;
                default: throw fail($"'{key}' is not one of published, target or protocol");
            }
        }
        if (target.Length == 0) throw fail("the long form needs target=<container-port>");
        return published + ":" + target + "/" + protocol;
    }

    private static bool LooksLikeAddress(string text) => text.IndexOf('.') >= 0 || text.IndexOf('[') >= 0;

    private static string ParseHostIp(string ip, Func<string, DockerArgumentException> fail)
    {
        var text = ip;
        if (text[0] == '[')
        {
            if (text[text.Length - 1] != ']' || text.Length < 3) throw fail($"the host address '{ip}' is missing its closing ']'");
            text = text.Substring(1, text.Length - 2);
            if (text.IndexOf(':') < 0) throw fail($"brackets are for IPv6 addresses; write the IPv4 address '{text}' without them");
        }
        else if (text.IndexOf(']') >= 0)
        {
            throw fail($"the host address '{ip}' has a ']' without its '['");
        }

        if (text.IndexOf(':') < 0)
        {
            if (!IsIPv4(text)) throw fail($"'{ip}' is not an IP address");
            return text;
        }

        // IPv6: hexadecimal groups, colons, and an optional dotted IPv4 tail; no zone (%eth0), as Go's net.ParseIP.
        foreach (var c in text)
        {
            if (!(Uri.IsHexDigit(c) || c == ':' || c == '.'))
                throw fail($"'{ip}' is not an IP address");
        }
        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            throw fail($"'{ip}' is not an IP address");
        var lastColon = text.LastIndexOf(':');
        if (text.IndexOf('.') >= 0 && !IsIPv4(text.Substring(lastColon + 1)))
            throw fail($"'{ip}' is not an IP address");
        return address.ToString();
    }

    /// <summary>Four decimal octets 0-255, no leading zeros (Go's net.ParseIP since 1.17).</summary>
    internal static bool IsIPv4(string text)
    {
        var octets = text.Split('.');
        if (octets.Length != 4) return false;
        foreach (var o in octets)
        {
            if (o.Length is 0 or > 3) return false;
            if (o.Length > 1 && o[0] == '0') return false;
            foreach (var c in o) if (c < '0' || c > '9') return false;
            if (int.Parse(o, NumberStyles.None, CultureInfo.InvariantCulture) > 255) return false;
        }
        return true;
    }

    private static (int Start, int End) ParseRange(string text, string what, Func<string, DockerArgumentException> fail)
    {
        // nat.parsePortRange: start[-end]; end may equal start; end before start is refused.
        var dash = text.IndexOf('-');
        var startText = dash < 0 ? text : text.Substring(0, dash);
        var start = ParseNumber(startText, text, what, fail);
        if (dash < 0) return (start, start);
        var end = ParseNumber(text.Substring(dash + 1), text, what, fail);
        if (end < start) throw fail($"the {what} range '{text}' ends before it starts");
        return (start, end);
    }

    private static int ParseNumber(string part, string whole, string what, Func<string, DockerArgumentException> fail)
    {
        if (part.Length == 0) throw fail($"the {what} '{whole}' is not a number or a range such as 8000-8010");
        foreach (var c in part)
            if (c < '0' || c > '9') throw fail($"the {what} '{whole}' is not a number or a range such as 8000-8010");
        var n = part.Length > 9 ? int.MaxValue : int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
        if (n > 65535) throw fail($"the {what} '{part}' is out of range (1-65535)");
        return n;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One entry of the engine's <c>PortBindings</c>: a container port and where the host offers it.</summary>
public sealed class PublishedPortBinding
{
    public PublishedPortBinding(string containerPort, string hostIp, string hostPort)
    {
        ContainerPort = containerPort ?? throw new ArgumentNullException(nameof(containerPort));
        HostIp = hostIp ?? throw new ArgumentNullException(nameof(hostIp));
        HostPort = hostPort ?? throw new ArgumentNullException(nameof(hostPort));
    }

    /// <summary>The <c>PortBindings</c>/<c>ExposedPorts</c> key: <c>"80/tcp"</c>.</summary>
    public string ContainerPort { get; }

    /// <summary>The engine's <c>HostIp</c>: empty for all addresses.</summary>
    public string HostIp { get; }

    /// <summary>The engine's <c>HostPort</c>: empty (or "0") for a random port, <c>"8080"</c>, or <c>"8000-8010"</c> to pick within.</summary>
    public string HostPort { get; }

    public override string ToString()
    {
        var ip = HostIp.IndexOf(':') >= 0 ? "[" + HostIp + "]" : HostIp;
        return ip + ":" + HostPort + "->" + ContainerPort;
    }
}
