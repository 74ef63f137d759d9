using System;
using System.Management.Automation;
using DockerPS.Engine.Errors;

namespace DockerPS.Infrastructure;

/// <summary>Engine exceptions as complete error records: stable id, the specific category, the user's input as target.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(DockerException exception, object? target = null) =>
        new(exception, exception.ErrorId, Category(exception.Category), target ?? exception.Target);

    /// <summary>DockerErrorCategory names are PowerShell's ErrorCategory names (a convention test holds them equal).</summary>
    public static ErrorCategory Category(DockerErrorCategory category) =>
        Enum.TryParse<ErrorCategory>(category.ToString(), out var mapped) ? mapped : ErrorCategory.NotSpecified;
}
