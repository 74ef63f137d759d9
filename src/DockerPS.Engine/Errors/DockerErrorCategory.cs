namespace DockerPS.Engine.Errors;

/// <summary>
/// The kind of failure, named after the PowerShell ErrorCategory it maps to, so the cmdlet layer
/// converts by name without this assembly knowing PowerShell.
/// </summary>
public enum DockerErrorCategory
{
    NotSpecified,
    ObjectNotFound,
    ResourceExists,
    ResourceUnavailable,
    ResourceBusy,
    InvalidArgument,
    InvalidOperation,
    InvalidData,
    InvalidResult,
    ConnectionError,
    AuthenticationError,
    SecurityError,
    PermissionDenied,
    NotImplemented,
    OperationStopped,
    OperationTimeout,
    ProtocolError,
}
