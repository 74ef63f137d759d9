using System.Text.Json;

namespace DockerPS.Engine.Streams;

/// <summary>One message of a progress stream (pull, push, build, load): a status line, a layer's progress, build output.</summary>
public sealed class JsonMessage
{
    internal JsonMessage(string? id, string? status, string? progress, long? current, long? total, string? stream, JsonElement? aux)
    {
        Id = id;
        Status = status;
        Progress = progress;
        Current = current;
        Total = total;
        Stream = stream;
        Aux = aux;
    }

    /// <summary>The layer or step the message is about, when it is about one.</summary>
    public string? Id { get; }

    public string? Status { get; }

    /// <summary>The engine's progress bar text.</summary>
    public string? Progress { get; }

    public long? Current { get; }

    public long? Total { get; }

    /// <summary>Build output text.</summary>
    public string? Stream { get; }

    /// <summary>Auxiliary data (an image id, a push digest), as raw JSON.</summary>
    public JsonElement? Aux { get; }

    public override string ToString() => Stream ?? (Id is null ? Status : Id + ": " + Status) ?? string.Empty;
}
