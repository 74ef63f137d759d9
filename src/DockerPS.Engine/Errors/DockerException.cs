using System;
using System.Net;

namespace DockerPS.Engine.Errors;

/// <summary>
/// Base of every failure the engine layer reports. Carries a stable <see cref="ErrorId"/>, a
/// <see cref="Category"/> and the <see cref="Target"/> the user named, so the cmdlet layer can build a
/// complete error record without parsing messages.
/// </summary>
public class DockerException : Exception
{
    public DockerException(string message, string errorId, DockerErrorCategory category, object? target = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Category = category;
        Target = target;
    }

    /// <summary>A stable identifier, for example <c>ContainerNotFound</c> or <c>EngineUnreachable</c>.</summary>
    public string ErrorId { get; }

    public DockerErrorCategory Category { get; }

    /// <summary>What the user gave (a name, an id, an endpoint), or null.</summary>
    public object? Target { get; }
}

/// <summary>The engine answered with an HTTP error status; <see cref="EngineMessage"/> is its own <c>message</c>.</summary>
public class DockerApiException : DockerException
{
    public DockerApiException(HttpStatusCode statusCode, string engineMessage, string errorId, DockerErrorCategory category, object? target)
        : base(engineMessage, errorId, category, target)
    {
        StatusCode = statusCode;
        EngineMessage = engineMessage;
    }

    public HttpStatusCode StatusCode { get; }

    public string EngineMessage { get; }
}

/// <summary>404: the container, image, volume, network or exec the call named does not exist.</summary>
public sealed class DockerNotFoundException : DockerApiException
{
    public DockerNotFoundException(string engineMessage, string errorId, object? target)
        : base(HttpStatusCode.NotFound, engineMessage, errorId, DockerErrorCategory.ObjectNotFound, target) { }
}

/// <summary>409: a name in use, an image used by a container, a container that is running.</summary>
public sealed class DockerConflictException : DockerApiException
{
    public DockerConflictException(string engineMessage, string errorId, object? target)
        : base(HttpStatusCode.Conflict, engineMessage, errorId, CategoryOf(engineMessage), target) { }

    /// <summary>
    /// 409 covers different conflicts: a name already taken (ResourceExists), an object in use (ResourceBusy), or an
    /// object in the wrong state for the call, such as a container that is not running (InvalidOperation).
    /// </summary>
    internal static DockerErrorCategory CategoryOf(string message) =>
        message.IndexOf("already exists", System.StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("already in use", System.StringComparison.OrdinalIgnoreCase) >= 0 ? DockerErrorCategory.ResourceExists
        : message.IndexOf("in use", System.StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("being used", System.StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("is using", System.StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("active endpoints", System.StringComparison.OrdinalIgnoreCase) >= 0 ? DockerErrorCategory.ResourceBusy
        : DockerErrorCategory.InvalidOperation;
}

/// <summary>400: the engine refused a parameter.</summary>
public sealed class DockerBadParameterException : DockerApiException
{
    public DockerBadParameterException(string engineMessage, string errorId, object? target)
        : base(HttpStatusCode.BadRequest, engineMessage, errorId, DockerErrorCategory.InvalidArgument, target) { }
}

/// <summary>401/403: the engine or a registry behind it refused the credentials.</summary>
public sealed class DockerAuthenticationException : DockerApiException
{
    public DockerAuthenticationException(HttpStatusCode statusCode, string engineMessage, string errorId, object? target)
        : base(statusCode, engineMessage, errorId, DockerErrorCategory.AuthenticationError, target) { }
}

/// <summary>5xx: the engine failed while doing what was asked.</summary>
public sealed class DockerServerException : DockerApiException
{
    public DockerServerException(HttpStatusCode statusCode, string engineMessage, string errorId, object? target)
        : base(statusCode, engineMessage, errorId, DockerErrorCategory.InvalidOperation, target) { }
}

/// <summary>The engine could not be reached at all: no socket, connection refused, ssh failed.</summary>
public sealed class DockerUnreachableException : DockerException
{
    public DockerUnreachableException(string endpoint, string message, Exception? innerException = null)
        : base(message, "EngineUnreachable", DockerErrorCategory.ResourceUnavailable, endpoint, innerException)
    {
        Endpoint = endpoint;
    }

    public string Endpoint { get; }
}

/// <summary>The TLS handshake failed: an untrusted server, a refused or missing client certificate, unreadable key material.</summary>
public sealed class DockerTlsException : DockerException
{
    public DockerTlsException(string endpoint, string message, Exception? innerException = null)
        : base(message, "EngineTlsFailure", DockerErrorCategory.SecurityError, endpoint, innerException) { }
}

/// <summary>The engine said something that is not valid HTTP, JSON or stream framing.</summary>
public sealed class DockerProtocolException : DockerException
{
    public DockerProtocolException(string message, Exception? innerException = null)
        : base(message, "EngineProtocolError", DockerErrorCategory.ProtocolError, null, innerException) { }
}

/// <summary>A feature needs a newer Engine API than the engine offers.</summary>
public sealed class DockerApiVersionException : DockerException
{
    public DockerApiVersionException(string feature, ApiVersion required, ApiVersion engine)
        : base($"{feature} requires Engine API {required} or newer; the engine speaks API {engine}. Upgrade the engine or leave {feature} out.",
               "ApiVersionTooOld", DockerErrorCategory.NotImplemented, feature)
    {
        Feature = feature;
        Required = required;
        Engine = engine;
    }

    public string Feature { get; }

    public ApiVersion Required { get; }

    public ApiVersion Engine { get; }
}

/// <summary>An input the user gave has the wrong shape; raised before anything is sent.</summary>
public sealed class DockerArgumentException : DockerException
{
    public DockerArgumentException(string message, string errorId, object? target)
        : base(message, errorId, DockerErrorCategory.InvalidArgument, target) { }
}

/// <summary>An error the engine reported inside a stream (a pull, a push, a build).</summary>
public sealed class DockerStreamException : DockerException
{
    public DockerStreamException(string message, int? code, object? target)
        : base(message, "EngineStreamError", DockerErrorCategory.InvalidOperation, target)
    {
        Code = code;
    }

    public int? Code { get; }
}

/// <summary>A container ran and exited with a non-zero code (Invoke-DockerRun, Invoke-DockerExec).</summary>
public sealed class DockerContainerExitException : DockerException
{
    public DockerContainerExitException(string container, long exitCode, string? command = null)
        : base(command is null
                ? $"The container '{container}' exited with code {exitCode}."
                : $"The command '{command}' in the container '{container}' exited with code {exitCode}.",
            "ContainerExitedWithError", DockerErrorCategory.InvalidResult, container)
    {
        ExitCode = exitCode;
    }

    public long ExitCode { get; }
}
