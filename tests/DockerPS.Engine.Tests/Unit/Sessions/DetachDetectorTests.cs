using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Sessions;

namespace DockerPS.Engine.Tests.Unit.Sessions;

public class DetachDetectorTests
{
    private const byte P = 16;
    private const byte Q = 17;

    /// <summary>Feeds the chunks in order; returns what was passed on and whether it detached.</summary>
    private static (byte[] Sent, bool Detached) Feed(IReadOnlyList<byte> keys, params byte[][] chunks)
    {
        var detector = new DetachDetector(keys);
        var sent = new List<byte>();
        foreach (var chunk in chunks)
        {
            var output = new byte[detector.OutputSize(chunk.Length)];
            var n = detector.Filter(chunk, 0, chunk.Length, output);
            sent.AddRange(output.Take(n));
            if (detector.Detached) break;
        }
        return (sent.ToArray(), detector.Detached);
    }

    [Fact]
    public void Ctrl_p_ctrl_q_detaches_and_is_not_sent()
    {
        var (sent, detached) = Feed(DetachKeys.Default.Bytes, new byte[] { (byte)'l', (byte)'s', P, Q });
        Assert.True(detached);
        Assert.Equal("ls"u8.ToArray(), sent);
    }

    [Fact]
    public void The_sequence_split_across_reads_still_detaches()
    {
        var (sent, detached) = Feed(DetachKeys.Default.Bytes, new byte[] { (byte)'a', P }, new byte[] { Q, (byte)'z' });
        Assert.True(detached);
        Assert.Equal("a"u8.ToArray(), sent);
    }

    [Fact]
    public void A_held_key_is_sent_with_the_key_that_breaks_the_sequence()
    {
        var (sent, detached) = Feed(DetachKeys.Default.Bytes, new byte[] { P }, new byte[] { (byte)'x' });
        Assert.False(detached);
        Assert.Equal(new byte[] { P, (byte)'x' }, sent);
    }

    [Fact]
    public void A_lone_ctrl_p_is_held_until_the_next_key()
    {
        var (sent, detached) = Feed(DetachKeys.Default.Bytes, new byte[] { (byte)'k', P });
        Assert.False(detached);
        Assert.Equal("k"u8.ToArray(), sent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ctrl_p_ctrl_p_ctrl_q_is_sent_as_docker_sends_it(bool split)
    {
        // docker's escape proxy does not restart the sequence on the key that broke it.
        var (sent, detached) = split
            ? Feed(DetachKeys.Default.Bytes, new byte[] { P }, new byte[] { P }, new byte[] { Q })
            : Feed(DetachKeys.Default.Bytes, new byte[] { P, P, Q });
        Assert.False(detached);
        Assert.Equal(new byte[] { P, P, Q }, sent);
    }

    [Fact]
    public void Ctrl_c_and_other_control_keys_are_sent_through()
    {
        var (sent, detached) = Feed(DetachKeys.Default.Bytes, new byte[] { 3, 4, 26, 27, (byte)'[', (byte)'A' });
        Assert.False(detached);
        Assert.Equal(new byte[] { 3, 4, 26, 27, (byte)'[', (byte)'A' }, sent);
    }

    [Fact]
    public void Custom_keys_replace_the_default()
    {
        var keys = DetachKeys.Parse("ctrl-x,x").Bytes;
        var (sent, detached) = Feed(keys, new byte[] { P, Q, (byte)'a' });
        Assert.False(detached);
        Assert.Equal(new byte[] { P, Q, (byte)'a' }, sent);

        (sent, detached) = Feed(keys, new byte[] { (byte)'e', 24 }, new byte[] { (byte)'x' });
        Assert.True(detached);
        Assert.Equal("e"u8.ToArray(), sent);
    }

    [Fact]
    public void A_one_key_sequence_detaches_on_that_key()
    {
        var (sent, detached) = Feed(DetachKeys.Parse("ctrl-]").Bytes, new byte[] { (byte)'h', (byte)'i', 29, (byte)'!' });
        Assert.True(detached);
        Assert.Equal("hi"u8.ToArray(), sent);
    }

    [Fact]
    public void Nothing_after_the_sequence_is_sent()
    {
        var (sent, detached) = Feed(DetachKeys.Default.Bytes, new byte[] { P, Q, (byte)'r', (byte)'m' }, new byte[] { (byte)'x' });
        Assert.True(detached);
        Assert.Empty(sent);
    }
}
