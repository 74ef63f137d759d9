using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace DockerPS.Engine.Registry;

/// <summary>
/// The engine's AuthConfig: the body of POST /auth, and (base64url-encoded) the X-Registry-Auth header and each value
/// of the X-Registry-Config map. Empty fields are left out, as Go's <c>omitempty</c> does.
/// </summary>
internal sealed class AuthConfigDto
{
    [JsonPropertyName("username")]
    public string? Username { get; set; }

    [JsonPropertyName("password")]
    public string? Password { get; set; }

    [JsonPropertyName("auth")]
    public string? Auth { get; set; }

    [JsonPropertyName("serveraddress")]
    public string? ServerAddress { get; set; }

    [JsonPropertyName("identitytoken")]
    public string? IdentityToken { get; set; }

    [JsonPropertyName("registrytoken")]
    public string? RegistryToken { get; set; }
}

/// <summary>POST /auth's answer.</summary>
internal sealed class AuthResponseDto
{
    public string? IdentityToken { get; set; }

    public string? Status { get; set; }
}

/// <summary>What a credential helper reads on <c>store</c> and writes on <c>get</c> (docker-credential-helpers' Credentials).</summary>
internal sealed class HelperCredentialsDto
{
    public string? ServerURL { get; set; }

    public string? Username { get; set; }

    public string? Secret { get; set; }
}

/// <summary>A push's aux message: the tag pushed, its manifest digest and size.</summary>
internal sealed class PushResultDto
{
    public string? Tag { get; set; }

    public string? Digest { get; set; }

    public long Size { get; set; }
}

/// <summary>The OCI platform object that POST /images/{name}/push takes as JSON in its <c>platform</c> query (API 1.46).</summary>
internal sealed class PlatformDto
{
    [JsonPropertyName("architecture")]
    public string? Architecture { get; set; }

    [JsonPropertyName("os")]
    public string? Os { get; set; }

    [JsonPropertyName("variant")]
    public string? Variant { get; set; }
}

/// <summary>
/// Source-generated serialization for the registry side's wire types. Kept apart from WireJsonContext so that the
/// registry code is one folder; the same rules apply (no reflection at run time, nulls left out).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthConfigDto))]
[JsonSerializable(typeof(AuthResponseDto))]
[JsonSerializable(typeof(HelperCredentialsDto))]
[JsonSerializable(typeof(PushResultDto))]
[JsonSerializable(typeof(PlatformDto))]
[JsonSerializable(typeof(Dictionary<string, AuthConfigDto>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext
{
}
