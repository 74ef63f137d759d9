using System.Globalization;

namespace DockerPS.Engine.Model;

/// <summary>A container port and, when published, the host address and port it is reachable on.</summary>
public sealed class DockerPort
{
    public DockerPort(int privatePort, string protocol, string? hostIp = null, int? publicPort = null)
    {
        PrivatePort = privatePort;
        Protocol = protocol;
        HostIp = hostIp;
        PublicPort = publicPort;
    }

    public int PrivatePort { get; }

    /// <summary>tcp, udp or sctp.</summary>
    public string Protocol { get; }

    public string? HostIp { get; }

    public int? PublicPort { get; }

    public bool IsPublished => PublicPort is not null;

    /// <summary>As <c>docker ps</c> writes it: <c>0.0.0.0:9999-&gt;80/tcp</c> or <c>80/tcp</c>.</summary>
    public override string ToString()
    {
        var container = PrivatePort.ToString(CultureInfo.InvariantCulture) + "/" + Protocol;
        if (PublicPort is null) return container;
        // A binding without an address listens on every address, which docker writes as 0.0.0.0.
        var ip = HostIp ?? "0.0.0.0";
        if (ip.IndexOf(':') >= 0) ip = "[" + ip + "]";
        return ip + ":" + PublicPort.Value.ToString(CultureInfo.InvariantCulture) + "->" + container;
    }
}
