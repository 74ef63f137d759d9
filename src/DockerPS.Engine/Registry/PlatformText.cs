using System;
using System.Text.Json;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Registry;

/// <summary>
/// A platform as docker's --platform takes it, <c>os[/arch[/variant]]</c> (<c>linux/amd64</c>, <c>linux/arm64/v8</c>),
/// checked before anything is sent and lower-cased as containerd's platforms.Parse does.
/// </summary>
internal static class PlatformText
{
    private const string Expected = "os[/architecture[/variant]], for example linux/amd64 or linux/arm/v7";

    /// <summary>The text pull sends in its <c>platform</c> query.</summary>
    public static string Normalize(string value)
    {
        var parts = Split(value);
        return string.Join("/", parts);
    }

    /// <summary>The OCI platform object push takes as JSON in its <c>platform</c> query; os and architecture are required.</summary>
    public static string ToPushJson(string value)
    {
        var parts = Split(value);
        if (parts.Length < 2)
            throw ArgumentFailure.Create("InvalidPlatform", "platform", value, "a push needs both the operating system and the architecture", Expected);
        var dto = new PlatformDto { Os = parts[0], Architecture = parts[1], Variant = parts.Length > 2 ? parts[2] : null };
        return JsonSerializer.Serialize(dto, RegistryJsonContext.Default.PlatformDto);
    }

    private static string[] Split(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var parts = value.Trim().ToLowerInvariant().Split('/');
        if (parts.Length > 3) throw ArgumentFailure.Create("InvalidPlatform", "platform", value, "it has more than three parts", Expected);
        foreach (var part in parts)
        {
            if (part.Length == 0) throw ArgumentFailure.Create("InvalidPlatform", "platform", value, "it has an empty part", Expected);
            foreach (var c in part)
            {
                if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-' or '.'))
                    throw ArgumentFailure.Create("InvalidPlatform", "platform", value, $"it holds '{c}'", Expected);
            }
        }
        return parts;
    }
}
