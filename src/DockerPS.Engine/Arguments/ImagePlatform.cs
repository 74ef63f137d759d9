using System;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// <c>-Platform</c>: <c>os[/architecture[/variant]]</c> as containerd's platform specifiers are written
/// (<c>linux</c>, <c>linux/amd64</c>, <c>linux/arm64/v8</c>). Each part is letters, digits, '_', '.' or '-'; the engine
/// normalises the rest (aliases such as aarch64).
/// </summary>
public static class ImagePlatform
{
    private const string Expected = "os[/architecture[/variant]]; for example linux/amd64 or linux/arm64/v8";

    /// <summary>Returns the value, trimmed; throws <see cref="Errors.DockerArgumentException"/> (InvalidPlatform).</summary>
    public static string Validate(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var text = value.Trim();
        if (text.Length == 0) throw ArgumentFailure.Create("InvalidPlatform", "platform", value, "it is empty", Expected);
        var parts = text.Split('/');
        if (parts.Length > 3) throw ArgumentFailure.Create("InvalidPlatform", "platform", value, "it has more than three parts", Expected);
        foreach (var part in parts)
        {
            if (part.Length == 0) throw ArgumentFailure.Create("InvalidPlatform", "platform", value, "it has an empty part", Expected);
            foreach (var c in part)
            {
                if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '.' or '-'))
                    throw ArgumentFailure.Create("InvalidPlatform", "platform", value, $"the part '{part}' holds '{c}'", Expected);
            }
        }
        return text;
    }
}
