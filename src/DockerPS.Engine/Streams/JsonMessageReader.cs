using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Streams;

/// <summary>
/// Reads a stream of JSON progress messages (pull, push, build, load), one at a time, holding at most one message. A
/// message with an <c>error</c> becomes a <see cref="DockerStreamException"/>, as the docker CLI treats it.
/// </summary>
public sealed class JsonMessageReader
{
    private readonly JsonObjectReader<JsonMessageDto> _reader;
    private readonly object? _target;

    public JsonMessageReader(Stream source, object? target = null)
    {
        _reader = new JsonObjectReader<JsonMessageDto>(source, WireJsonContext.Default.JsonMessageDto);
        _target = target;
    }

    /// <summary>The next message, or null at the end of the stream.</summary>
    public async Task<JsonMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        var dto = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return dto is null ? null : ToMessage(dto);
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
}
