using System;
using System.Globalization;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine;

/// <summary>An Engine API version, <c>major.minor</c>, ordered numerically (1.9 &lt; 1.41).</summary>
public readonly struct ApiVersion : IEquatable<ApiVersion>, IComparable<ApiVersion>
{
    /// <summary>The newest API this client speaks.</summary>
    public static readonly ApiVersion ClientMaximum = new(1, 51);

    /// <summary>What an engine that does not say its version is assumed to speak (as the docker CLI assumes).</summary>
    public static readonly ApiVersion Fallback = new(1, 24);

    public ApiVersion(int major, int minor)
    {
        Major = major;
        Minor = minor;
    }

    public int Major { get; }

    public int Minor { get; }

    public static bool TryParse(string? text, out ApiVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text!.Trim();
        if (s.StartsWith("v", StringComparison.OrdinalIgnoreCase)) s = s.Substring(1);
        var dot = s.IndexOf('.');
        if (dot <= 0 || dot == s.Length - 1) return false;
        if (!int.TryParse(s.Substring(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major)) return false;
        if (!int.TryParse(s.Substring(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor)) return false;
        version = new ApiVersion(major, minor);
        return true;
    }

    public static ApiVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new DockerArgumentException($"'{text}' is not an Engine API version; expected the form 1.41.", "InvalidApiVersion", text);

    public static ApiVersion Min(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0 ? a : b;

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public bool Equals(ApiVersion other) => Major == other.Major && Minor == other.Minor;

    public override bool Equals(object? obj) => obj is ApiVersion v && Equals(v);

    public override int GetHashCode() => (Major * 1000) + Minor;

    public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);

    public static bool operator ==(ApiVersion a, ApiVersion b) => a.Equals(b);

    public static bool operator !=(ApiVersion a, ApiVersion b) => !a.Equals(b);

    public static bool operator <(ApiVersion a, ApiVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(ApiVersion a, ApiVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(ApiVersion a, ApiVersion b) => a.CompareTo(b) >= 0;
}
