using System;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>
/// The first exchange of an RDP connection (MS-RDPBCGR 1.3.1.1): a TPKT-framed X.224 Connection Request carrying an RDP
/// Negotiation Request, answered by an X.224 Connection Confirm, with an RDP Negotiation Response (or Failure).
/// </summary>
public static class RdpProbe
{
    /// <summary>The Connection Confirm's TPDU code (0xD0 when confirmed), the negotiation type (2 response, 3 failure) and the selected protocol.</summary>
    public sealed record Reply(byte TpduCode, byte NegotiationType, uint Protocol);

    public static async Task<Reply> ConnectAsync(string host, int port, uint requestedProtocols = 0x3)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port).WaitAsync(TimeSpan.FromSeconds(10));
        var stream = client.GetStream();
        stream.ReadTimeout = 10_000;
        var request = new byte[]
        {
            0x03, 0x00, 0x00, 0x13,                   // TPKT: version 3, length 19
            0x0E, 0xE0, 0x00, 0x00, 0x00, 0x00, 0x00, // X.224: length indicator 14, CR, dst-ref, src-ref, class 0
            0x01, 0x00, 0x08, 0x00,                   // RDP_NEG_REQ, flags, length 8
            (byte)requestedProtocols, (byte)(requestedProtocols >> 8), (byte)(requestedProtocols >> 16), (byte)(requestedProtocols >> 24),
        };
        await stream.WriteAsync(request);
        var header = new byte[4];
        await stream.ReadExactlyAsync(header).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        if (header[0] != 0x03) throw new InvalidOperationException($"not a TPKT reply: version {header[0]}");
        var length = (header[2] << 8) | header[3];
        var body = new byte[length - 4];
        await stream.ReadExactlyAsync(body).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var code = (byte)(body[1] & 0xF0);
        byte type = 0;
        uint protocol = 0;
        if (body.Length >= 7 + 8)
        {
            type = body[7];
            protocol = BitConverter.ToUInt32(body, 7 + 4);
        }
        return new Reply(code, type, protocol);
    }
}
