using System.Collections.Generic;
using System.Linq;
using System.Text;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Tests.Unit;

public class LineSplitterTests
{
    private static List<(StreamKind, string)> FeedInPieces(LineSplitter s, StreamKind kind, string text, int piece)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new List<(StreamKind, string)>();
        for (var i = 0; i < bytes.Length; i += piece)
            lines.AddRange(s.Feed(kind, bytes, i, System.Math.Min(piece, bytes.Length - i)).Select(l => (l.Stream, l.Text)));
        return lines;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(100)]
    public void Lines_survive_any_cut_including_inside_a_multibyte_character(int piece)
    {
        var s = new LineSplitter();
        var lines = FeedInPieces(s, StreamKind.Stdout, "héllo wörld\r\n日本語\n\nlast", piece);
        Assert.Equal(new[] { "héllo wörld", "日本語", "" }, lines.Select(l => l.Item2));
        Assert.Equal("last", Assert.Single(s.Flush()).Text);
        Assert.Empty(s.Flush());
    }

    [Fact]
    public void Streams_are_kept_apart()
    {
        var s = new LineSplitter();
        var o = FeedInPieces(s, StreamKind.Stdout, "out-a", 100);
        var e = FeedInPieces(s, StreamKind.Stderr, "err\n", 100);
        o.AddRange(FeedInPieces(s, StreamKind.Stdout, "-b\n", 100));
        Assert.Equal((StreamKind.Stderr, "err"), Assert.Single(e));
        Assert.Equal((StreamKind.Stdout, "out-a-b"), Assert.Single(o));
    }
}
