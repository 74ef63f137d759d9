using System;
using System.Collections.Generic;

namespace DockerPS.Engine.Model;

internal static class Time
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime FromUnixSeconds(long seconds) => Epoch.AddSeconds(seconds).ToLocalTime();

    /// <summary>Parses the engine's RFC 3339 times (nanosecond precision); null for an empty or zero time.</summary>
    public static DateTime? FromRfc3339(string? text)
    {
        if (string.IsNullOrEmpty(text) || text!.StartsWith("0001-01-01", StringComparison.Ordinal)) return null;
        // .NET parses at most 7 fractional digits; the engine writes up to 9.
        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = text.Substring(0, dot + 8) + text.Substring(end);
        }
        return DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var utc)
            ? DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime()
            : null;
    }
}

internal static class Readonly
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> Of(Dictionary<string, string>? source) =>
        source is null || source.Count == 0 ? Empty : new SortedDictionary<string, string>(source, StringComparer.Ordinal);
}
