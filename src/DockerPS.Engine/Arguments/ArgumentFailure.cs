using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// The one shape of every refusal in this folder: the kind of value, the value itself in quotes, why it is
/// refused, and the shape that would be accepted with an example. The value is also the exception's target.
/// </summary>
internal static class ArgumentFailure
{
    internal static DockerArgumentException Create(string errorId, string what, string value, string reason, string expected) =>
        new($"The {what} '{value}' is not valid: {reason}. Expected {expected}.", errorId, value);

    /// <summary>For a value that is not a string (a hashtable pair): <paramref name="shown"/> is already written as PowerShell would.</summary>
    internal static DockerArgumentException CreateShown(string errorId, string what, string shown, object target, string reason, string expected) =>
        new($"The {what} {shown} is not valid: {reason}. Expected {expected}.", errorId, target);
}
