using System;
using System.Text.Json;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Registry;

/// <summary>The platform forms pull and push send, from a platform <see cref="ImagePlatform"/> has checked.</summary>
internal static class PlatformText
{
    private const string Expected = "os/architecture[/variant], for example linux/amd64 or linux/arm/v7";

    /// <summary>The OCI platform object push takes as JSON in its <c>platform</c> query; os and architecture are required.</summary>
    public static string ToPushJson(string value)
    {
        var parts = ImagePlatform.Split(value);
        if (parts.Length < 2)
            throw ArgumentFailure.Create("InvalidPlatform", "platform", value, "a push needs both the operating system and the architecture", Expected);
        var dto = new PlatformDto { Os = parts[0], Architecture = parts[1], Variant = parts.Length > 2 ? parts[2] : null };
        return JsonSerializer.Serialize(dto, RegistryJsonContext.Default.PlatformDto);
    }
}
