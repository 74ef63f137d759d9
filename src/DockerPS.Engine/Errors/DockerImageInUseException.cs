using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using DockerPS.Engine.Model;

namespace DockerPS.Engine.Errors;

/// <summary>
/// The engine refused to remove an image because containers use it (running, or stopped: docker keeps an image as long
/// as any container, even an exited one, was created from it). The message is the engine's reason followed by every
/// such container, by name, id and state; <see cref="Containers"/> holds them.
/// </summary>
public sealed class DockerImageInUseException : DockerApiException
{
    public DockerImageInUseException(string engineMessage, IReadOnlyList<DockerContainer> containers, object? target)
        : base(HttpStatusCode.Conflict, Describe(engineMessage, containers), "ImageInUse", DockerErrorCategory.ResourceBusy, target)
    {
        Containers = containers ?? throw new ArgumentNullException(nameof(containers));
        Reason = engineMessage;
    }

    /// <summary>The containers created from the image, newest first.</summary>
    public IReadOnlyList<DockerContainer> Containers { get; }

    /// <summary>The engine's own words.</summary>
    public string Reason { get; }

    private static string Describe(string engineMessage, IReadOnlyList<DockerContainer> containers)
    {
        var names = string.Join(", ", containers.Select(c => $"{(c.Name.Length > 0 ? c.Name : c.ShortId)} ({c.ShortId}, {c.State})"));
        var noun = containers.Count == 1 ? "container uses" : "containers use";
        var text = engineMessage.TrimEnd('.');
        return $"{text}. {containers.Count} {noun} the image: {names}. Remove {(containers.Count == 1 ? "it" : "them")} first (Remove-DockerContainer).";
    }
}
