using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Streams;

/// <summary>
/// Reads JSON objects as the engine streams them (one after another, usually one per line), one at a time, holding at
/// most one object: progress messages, stats samples, events.
/// </summary>
internal sealed class JsonObjectReader<T>
    where T : class
{
    private const int MaxObjectBytes = 16 * 1024 * 1024;
    private readonly Stream _source;
    private readonly JsonTypeInfo<T> _typeInfo;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    public JsonObjectReader(Stream source, JsonTypeInfo<T> typeInfo)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _typeInfo = typeInfo;
    }

    /// <summary>The next object, or null at the end of the stream.</summary>
    public async Task<T?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            SkipWhitespace();
            if (_start < _end)
            {
                var length = CompleteValueLength();
                if (length > 0)
                {
                    var value = Deserialize(length);
                    _start += length;
                    return value;
                }
            }
            if (_eof)
            {
                if (_start < _end) throw new DockerProtocolException("The engine's stream ended in the middle of a JSON message.");
                return null;
            }
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private T Deserialize(int length)
    {
        try
        {
            return JsonSerializer.Deserialize(new ReadOnlySpan<byte>(_buffer, _start, length), _typeInfo)
                ?? throw new DockerProtocolException("The engine sent a null JSON message.");
        }
        catch (JsonException ex)
        {
            throw new DockerProtocolException($"The engine sent a malformed JSON message: {ex.Message}", ex);
        }
    }

    /// <summary>The length of the complete JSON value at the start of the buffer, or 0 when more bytes are needed.</summary>
    private int CompleteValueLength()
    {
        // Messages are objects, complete at their closing brace: never a final block, so a cut one reads as "need more".
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), isFinalBlock: false, default);
        try
        {
            if (!reader.Read()) return 0;
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new DockerProtocolException($"The engine's message stream holds something other than a JSON object (a {reader.TokenType}).");
            return reader.TrySkip() ? (int)reader.BytesConsumed : 0;
        }
        catch (JsonException ex)
        {
            throw new DockerProtocolException($"The engine sent a malformed JSON message: {ex.Message}", ex);
        }
    }

    private void SkipWhitespace()
    {
        while (_start < _end && _buffer[_start] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t') _start++;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxObjectBytes) throw new DockerProtocolException($"A JSON message from the engine is longer than {MaxObjectBytes} bytes.");
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxObjectBytes));
        }
        var n = await _source.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
        if (n == 0) _eof = true;
        else _end += n;
    }
}
