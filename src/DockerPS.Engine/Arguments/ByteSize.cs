using System;
using System.Globalization;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// A byte count as docker reads <c>--memory</c>, <c>--shm-size</c> or <c>tmpfs-size</c> (go-units <c>RAMInBytes</c>):
/// a decimal number, optionally one space, then an optional binary suffix, case-insensitive: <c>b</c>;
/// <c>k</c>, <c>kb</c>, <c>kib</c> (1024); <c>m</c>…; <c>g</c>…; <c>t</c>…; <c>p</c>… . Fractions are allowed and the
/// product truncated (<c>1.5g</c> = 1610612736). Negative values, unknown suffixes and values past
/// <see cref="long.MaxValue"/> are refused.
/// </summary>
public static class ByteSize
{
    private const string Expected = "a number of bytes with an optional suffix b, k, m, g, t or p (also kb/kib ..., any case); for example 512m, 1.5g, 1GB or 1073741824";

    // 2^63 as a double: the first value a long cannot hold.
    private const double LongLimit = 9223372036854775808.0;

    /// <summary>Parses a <c>-Memory</c> value. Throws <see cref="DockerArgumentException"/> (InvalidMemory).</summary>
    public static long Parse(string value) => Parse(value, "memory size", "InvalidMemory");

    /// <summary>Parses a byte count for another parameter; <paramref name="what"/> names it in the message.</summary>
    public static long Parse(string value, string what, string errorId)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (!TryParse(value, out var bytes, out var reason))
            throw ArgumentFailure.Create(errorId, what, value, reason, Expected);
        return bytes;
    }

    /// <summary>
    /// A value as PowerShell binds it: a string (<c>'512m'</c>) is parsed; a number is a count of bytes
    /// (<c>1GB</c> arrives as 1073741824), fractions truncated as docker truncates. Throws InvalidMemory.
    /// </summary>
    public static long FromValue(object value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (value is string s) return Parse(s);
        if (ValueText.TryInteger(value, out var text))
        {
            if (text[0] == '-') throw ArgumentFailure.Create("InvalidMemory", "memory size", text, "it is negative", Expected);
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
                throw ArgumentFailure.Create("InvalidMemory", "memory size", text, "it is larger than the largest size docker takes", Expected);
            return bytes;
        }
        double d;
        switch (value)
        {
            case double x: d = x; break;
            case float x: d = x; break;
            case decimal x: d = (double)x; break;
            default:
                throw ArgumentFailure.Create("InvalidMemory", "memory size", value.ToString() ?? string.Empty, $"a {value.GetType().Name} is not a size", Expected);
        }
        var shown = d.ToString("R", CultureInfo.InvariantCulture);
        if (double.IsNaN(d) || d < 0) throw ArgumentFailure.Create("InvalidMemory", "memory size", shown, "it is negative or not a number", Expected);
        if (d >= LongLimit) throw ArgumentFailure.Create("InvalidMemory", "memory size", shown, "it is larger than the largest size docker takes", Expected);
        return (long)d;
    }

    internal static bool TryParse(string value, out long bytes, out string reason)
    {
        bytes = 0;
        string number, suffix;
        var space = value.IndexOf(' ');
        if (space >= 0)
        {
            number = value.Substring(0, space);
            suffix = value.Substring(space + 1);
        }
        else
        {
            var last = value.LastIndexOfAny("0123456789.".ToCharArray());
            if (last < 0)
            {
                reason = value.Length == 0 ? "it is empty" : "it has no number";
                return false;
            }
            number = value.Substring(0, last + 1);
            suffix = value.Substring(last + 1);
        }

        if (!IsDecimal(number))
        {
            reason = $"'{number}' is not a number";
            return false;
        }
        var size = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(size))
        {
            reason = "it is larger than the largest size docker takes";
            return false;
        }
        if (size < 0)
        {
            reason = "it is negative";
            return false;
        }

        if (suffix.Length > 0)
        {
            var sfx = suffix.ToLowerInvariant();
            long multiplier;
            switch (sfx[0])
            {
                case 'b': multiplier = 1; break;
                case 'k': multiplier = 1L << 10; break;
                case 'm': multiplier = 1L << 20; break;
                case 'g': multiplier = 1L << 30; break;
                case 't': multiplier = 1L << 40; break;
                case 'p': multiplier = 1L << 50; break;
                default: multiplier = 0; break;
            }
            var tailOk = sfx.Length == 1
                || (sfx.Length == 2 && sfx[1] == 'b' && sfx[0] != 'b')
                || (sfx.Length == 3 && sfx[1] == 'i' && sfx[2] == 'b' && sfx[0] != 'b');
            if (multiplier == 0 || !tailOk)
            {
                reason = $"'{suffix}' is not a size suffix";
                return false;
            }
            size *= multiplier;
        }

        if (size >= LongLimit)
        {
            reason = "it is larger than the largest size docker takes";
            return false;
        }
        bytes = (long)size;
        reason = string.Empty;
        return true;
    }

    /// <summary>Go's decimal float syntax as ParseFloat takes it: [+-]digits[.digits][e[+-]digits], or .digits.</summary>
    private static bool IsDecimal(string s)
    {
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
        var intDigits = Digits(s, ref i);
        var fracDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            fracDigits = Digits(s, ref i);
        }
        if (intDigits + fracDigits == 0) return false;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            if (Digits(s, ref i) == 0) return false;
        }
        return i == s.Length;
    }

    private static int Digits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
        return i - start;
    }
}
