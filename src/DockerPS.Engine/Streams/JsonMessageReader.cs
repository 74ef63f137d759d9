using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Streams;

/// <summary>
/// Reads a stream of JSON messages as the engine writes them (one object after another, usually one per line),
/// one message at a time, holding at most one message. A message with an <c>error</c> becomes a
/// <see cref="DockerStreamException"/>, as the docker CLI treats it.
/// </summary>
public sealed class JsonMessageReader
{
    private const int MaxMessageBytes = 16 * 1024 * 1024;
    private readonly Stream _source;
    private readonly object? _target;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    public JsonMessageReader(Stream source, object? target = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _target = target;
    }

    /// <summary>The next message, or null at the end of the stream.</summary>
    public async Task<JsonMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            SkipWhitespace();
            if (_start < _end)
            {
                var length = CompleteValueLength();
                if (length > 0)
                {
                    var dto = Deserialize(length);
                    _start += length;
                    return ToMessage(dto);
                }
            }
            if (_eof)
            {
                if (_start < _end) throw new DockerProtocolException("The engine's message stream ended in the middle of a JSON message.");
                return null;
            }
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private JsonMessage ToMessage(JsonMessageDto dto)
    {
        if (dto.ErrorDetail is not null || dto.Error is not null)
        {
            var message = dto.ErrorDetail?.Message ?? dto.Error ?? "unknown error";
            throw new DockerStreamException(message.Trim(), dto.ErrorDetail?.Code is int code && code != 0 ? code : null, _target);
        }
        var detail = dto.ProgressDetail;
        return new JsonMessage(dto.Id, dto.Status, dto.Progress,
            detail is null || detail.Current == 0 && detail.Total == 0 ? null : detail.Current,
            detail is null || detail.Total == 0 ? null : detail.Total,
            dto.Stream, dto.Aux);
    }

    private JsonMessageDto Deserialize(int length)
    {
        try
        {
            return JsonSerializer.Deserialize(new ReadOnlySpan<byte>(_buffer, _start, length), WireJsonContext.Default.JsonMessageDto)
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
            if (_buffer.Length >= MaxMessageBytes) throw new DockerProtocolException($"A JSON message from the engine is longer than {MaxMessageBytes} bytes.");
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxMessageBytes));
        }
        var n = await _source.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
        if (n == 0) _eof = true;
        else _end += n;
    }
}
