using System;
using System.Collections.Generic;
using System.Text;

namespace DockerPS.Engine.Streams;

/// <summary>A line of a container's output, and which stream it came from.</summary>
public sealed class OutputLine
{
    public OutputLine(StreamKind stream, string text)
    {
        Stream = stream;
        Text = text;
    }

    public StreamKind Stream { get; }

    public string Text { get; }

    public override string ToString() => Text;
}

/// <summary>
/// Cuts a container's output into lines as it arrives: UTF-8 decoded per stream (a character split across two reads
/// or frames stays whole), line ends <c>\n</c> and <c>\r\n</c> removed, a last line without an end given at the end.
/// Holds at most one unfinished line per stream.
/// </summary>
public sealed class LineSplitter
{
    private readonly Dictionary<StreamKind, (Decoder Decoder, StringBuilder Pending)> _streams = new();
    private char[] _chars = new char[4096];

    /// <summary>Feeds bytes of one stream; returns the lines they complete.</summary>
    public IReadOnlyList<OutputLine> Feed(StreamKind stream, byte[] buffer, int offset, int count)
    {
        if (!_streams.TryGetValue(stream, out var state))
        {
            state = (new UTF8Encoding(false, false).GetDecoder(), new StringBuilder());
            _streams[stream] = state;
        }
        var needed = state.Decoder.GetCharCount(buffer, offset, count, flush: false);
        if (needed > _chars.Length) _chars = new char[Math.Max(needed, _chars.Length * 2)];
        var n = state.Decoder.GetChars(buffer, offset, count, _chars, 0, flush: false);

        List<OutputLine>? lines = null;
        var start = 0;
        for (var i = 0; i < n; i++)
        {
            if (_chars[i] != '\n') continue;
            state.Pending.Append(_chars, start, i - start);
            lines ??= new List<OutputLine>();
            lines.Add(new OutputLine(stream, TrimCr(state.Pending)));
            state.Pending.Clear();
            start = i + 1;
        }
        state.Pending.Append(_chars, start, n - start);
        return lines ?? (IReadOnlyList<OutputLine>)Array.Empty<OutputLine>();
    }

    /// <summary>The unfinished last lines, once the output has ended.</summary>
    public IReadOnlyList<OutputLine> Flush()
    {
        var lines = new List<OutputLine>();
        foreach (var kv in _streams)
        {
            var tail = kv.Value.Decoder.GetChars(Array.Empty<byte>(), 0, 0, _chars, 0, flush: true);
            kv.Value.Pending.Append(_chars, 0, tail);
            if (kv.Value.Pending.Length > 0) lines.Add(new OutputLine(kv.Key, TrimCr(kv.Value.Pending)));
            kv.Value.Pending.Clear();
        }
        return lines;
    }

    private static string TrimCr(StringBuilder sb) =>
        sb.Length > 0 && sb[sb.Length - 1] == '\r' ? sb.ToString(0, sb.Length - 1) : sb.ToString();
}
