using System;
using System.Collections.Generic;

namespace DockerPS.Engine.Sessions;

/// <summary>
/// Watches typed input for the detach key sequence, as the docker CLI and the engine do with a TTY: keys that could
/// begin the sequence are held back; when the whole sequence has been typed the session detaches and the sequence is
/// never sent; when another key breaks it, the held keys are sent on with that key. As in docker, a key that breaks a
/// partial sequence is not itself taken as the start of a new one (ctrl-p ctrl-p ctrl-q is sent, not a detach).
/// </summary>
public sealed class DetachDetector
{
    private readonly byte[] _keys;
    private int _matched;

    public DetachDetector(IReadOnlyList<byte> keys)
    {
        if (keys is null) throw new ArgumentNullException(nameof(keys));
        if (keys.Count == 0) throw new ArgumentException("A detach sequence needs at least one key.", nameof(keys));
        _keys = new byte[keys.Count];
        for (var i = 0; i < keys.Count; i++) _keys[i] = keys[i];
    }

    /// <summary>True once the whole sequence has been seen; nothing after it is passed on.</summary>
    public bool Detached { get; private set; }

    /// <summary>How long the output buffer of <see cref="Filter"/> must be for <paramref name="count"/> input bytes.</summary>
    public int OutputSize(int count) => count + _keys.Length;

    /// <summary>
    /// Takes <paramref name="count"/> typed bytes and writes to <paramref name="output"/> those to send on now (held
    /// keys of a broken sequence first); returns how many. Bytes before a completed sequence are still sent.
    /// </summary>
    public int Filter(byte[] input, int offset, int count, byte[] output)
    {
        if (input is null) throw new ArgumentNullException(nameof(input));
        if (output is null) throw new ArgumentNullException(nameof(output));
        if (output.Length < OutputSize(count)) throw new ArgumentException("The output buffer is too small.", nameof(output));
        var n = 0;
        for (var i = offset; i < offset + count && !Detached; i++)
        {
            var b = input[i];
            if (b == _keys[_matched])
            {
                if (++_matched == _keys.Length) Detached = true;
                continue;
            }
            // Not the next key of the sequence: what was held goes out, then this key.
            Buffer.BlockCopy(_keys, 0, output, n, _matched);
            n += _matched;
            _matched = 0;
            output[n++] = b;
        }
        return n;
    }
}
