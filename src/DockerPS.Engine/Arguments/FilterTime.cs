using System;
using System.Globalization;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// The time of an <c>until</c> or <c>since</c> filter as the engine reads it (moby's <c>timetypes.GetTimestamp</c>): a Go
/// duration before now (<c>24h</c>, <c>1h30m</c>, <c>90s</c>), a Unix time in seconds (<c>1700000000</c>,
/// <c>1700000000.5</c>), or an RFC 3339 date or date-time (<c>2026-11-01</c>, <c>2026-11-01T10:00:00Z</c>). A time
/// without a zone is local, as the engine takes it in its own zone.
/// </summary>
public static class FilterTime
{
    private const string Expected = "a duration such as 24h or 1h30m, a Unix time in seconds, or a date such as 2026-11-01 or 2026-11-01T10:00:00Z; for example until=24h";

    private static readonly string[] LocalFormats =
    {
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    };

    /// <summary>The moment <paramref name="value"/> names, in UTC. Throws <see cref="Errors.DockerArgumentException"/> (InvalidFilter).</summary>
    public static DateTime Parse(string value, DateTime nowUtc)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var text = value.Trim();
        if (text.Length == 0) throw Fail(value, "it is empty");
        if (TryDuration(text, out var duration)) return nowUtc - duration;

        if (text.IndexOf('-') < 0 || text.StartsWith("-", StringComparison.Ordinal))
        {
            // seconds[.nanoseconds]
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
                return new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
            throw Fail(value, "it is neither a duration, a Unix time nor a date");
        }

        var hasZone = text.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || HasOffset(text);
        if (hasZone)
        {
            var zoned = text.Length == 16 && text[10] is '+' or '-' ? text.Substring(0, 10) + "T00:00:00" + text.Substring(10) : text;
            if (zoned.EndsWith("z", StringComparison.Ordinal)) zoned = zoned.Substring(0, zoned.Length - 1) + "Z";
            if (zoned.Length == 11 && zoned.EndsWith("Z", StringComparison.Ordinal)) zoned = zoned.Substring(0, 10) + "T00:00:00Z";
            var trimmedFraction = TrimFraction(zoned);
            if (DateTimeOffset.TryParse(trimmedFraction, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return at.UtcDateTime;
        }
        else if (DateTime.TryParseExact(TrimFraction(text), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
        {
            return local.ToUniversalTime();
        }
        throw Fail(value, "it is neither a duration, a Unix time nor a date");
    }

    /// <summary>A Go duration: [-+]? (number[.fraction] unit)+ with units ns, us, µs, ms, s, m, h; "0" alone.</summary>
    public static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            i++;
        }
        if (text.Substring(i) == "0") return true;
        if (i >= text.Length) return false;
        decimal ticks = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.')) i++;
            if (i == start) return false;
            if (!decimal.TryParse(text.Substring(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
            var unitStart = i;
            while (i < text.Length && !char.IsDigit(text[i]) && text[i] != '.') i++;
            decimal perUnit = text.Substring(unitStart, i - unitStart) switch
            {
                "ns" => 0.01m,
                "us" or "\u00b5s" or "\u03bcs" => 10m,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => -1m,
            };
            if (perUnit < 0) return false;
            ticks += number * perUnit;
        }
        if (ticks > TimeSpan.MaxValue.Ticks) return false;
        duration = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T');
        var tail = t >= 0 ? text.Substring(t) : text.Length > 10 ? text.Substring(10) : string.Empty;
        return tail.IndexOf('+') >= 0 || tail.LastIndexOf('-') > 0;
    }

    /// <summary>.NET reads at most seven fractional digits; the engine takes nine.</summary>
    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.');
        if (dot < 0) return text;
        var end = dot + 1;
        while (end < text.Length && char.IsDigit(text[end])) end++;
        return end - dot - 1 > 7 ? text.Substring(0, dot + 8) + text.Substring(end) : text;
    }

    private static Errors.DockerArgumentException Fail(string value, string reason) =>
        ArgumentFailure.Create("InvalidFilter", "until filter", value, reason, Expected);
}
