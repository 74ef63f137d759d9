using System;
using System.Globalization;
using System.Numerics;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// <c>-Cpus</c> as docker reads <c>--cpus</c> (docker/cli <c>opts.ParseCPUs</c>): a number of CPUs, exactly, as a
/// count of billionths (the engine's <c>NanoCpus</c>). Decimals (<c>1.5</c>, <c>.25</c>), an exponent (<c>5e-1</c>) and
/// a fraction (<c>3/2</c>) are read exactly, as Go's big.Rat reads them; more than nine decimal places is refused,
/// as is zero, a negative number, and anything else.
/// </summary>
public static class CpuQuota
{
    private const string What = "CPU count";
    private const string Expected = "a positive number of CPUs with at most nine decimal places; for example 1.5, 0.25 or 2";

    private static readonly BigInteger Billion = new(1_000_000_000);

    /// <summary>The NanoCPUs for a <c>--cpus</c> string. Throws <see cref="DockerArgumentException"/> (InvalidCpus).</summary>
    public static long ParseNanoCpus(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        DockerArgumentException Fail(string reason) => ArgumentFailure.Create("InvalidCpus", What, value, reason, Expected);

        if (value.Length == 0) throw Fail("it is empty");
        var slash = value.IndexOf('/');
        BigInteger numerator, denominator;
        if (slash >= 0)
        {
            if (!TryInteger(value.Substring(0, slash), out numerator) || !TryInteger(value.Substring(slash + 1), out denominator) || value.Substring(slash + 1)[0] is '+' or '-')
                throw Fail("it is not a number");
            if (denominator.IsZero) throw Fail("it divides by zero");
        }
        else if (!TryDecimal(value, out numerator, out denominator))
        {
            throw Fail("it is not a number");
        }

        if (numerator.Sign < 0) throw Fail("it is negative");
        if (numerator.IsZero) throw Fail("it is zero (leave -Cpus out for no limit)");
        var nano = BigInteger.DivRem(numerator * Billion, denominator, out var remainder);
        if (!remainder.IsZero) throw Fail("it is more precise than a billionth of a CPU (nine decimal places)");
        if (nano > long.MaxValue) throw Fail("it is too large");
        return (long)nano;
    }

    /// <summary>
    /// A value as PowerShell binds it: a string is parsed; a number (<c>1.5</c>, <c>2</c>) is read through its
    /// invariant text. Throws InvalidCpus.
    /// </summary>
    public static long FromValue(object value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        return value switch
        {
            string s => ParseNanoCpus(s),
            double d => ParseNanoCpus(d.ToString("R", CultureInfo.InvariantCulture)),
            float f => ParseNanoCpus(f.ToString("R", CultureInfo.InvariantCulture)),
            IFormattable n when ValueText.TryInteger(value, out _) || value is decimal => ParseNanoCpus(n.ToString(null, CultureInfo.InvariantCulture)),
            _ => throw ArgumentFailure.Create("InvalidCpus", What, value.ToString() ?? string.Empty, $"a {value.GetType().Name} is not a number", Expected),
        };
    }

    /// <summary>[+-]digits: one side of a fraction, as big.Rat takes it (decimal only; no 0x or 0 prefixes).</summary>
    private static bool TryInteger(string s, out BigInteger n)
    {
        n = BigInteger.Zero;
        var i = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
        if (i == s.Length || s.Length > 40) return false;
        for (var j = i; j < s.Length; j++) if (s[j] < '0' || s[j] > '9') return false;
        // Go reads a leading 0 as octal in a fraction; refuse the ambiguity rather than guess.
        if (s.Length - i > 1 && s[i] == '0') return false;
        n = BigInteger.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>[+-]digits[.digits][e[+-]digits], or .digits: numerator/denominator exactly.</summary>
    private static bool TryDecimal(string s, out BigInteger numerator, out BigInteger denominator)
    {
        numerator = BigInteger.Zero;
        denominator = BigInteger.One;
        var i = 0;
        var negative = false;
        if (s[0] == '+' || s[0] == '-')
        {
            negative = s[0] == '-';
            i++;
        }
        var digits = new System.Text.StringBuilder();
        var fraction = 0;
        var sawDot = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c >= '0' && c <= '9')
            {
                digits.Append(c);
                if (sawDot) fraction++;
            }
            else if (c == '.' && !sawDot)
            {
                sawDot = true;
            }
            else
            {
                break;
            }
        }
        if (digits.Length == 0 || digits.Length > 40) return false;
        var exponent = 0;
        if (i < s.Length)
        {
            if (s[i] != 'e' && s[i] != 'E') return false;
            var e = s.Substring(i + 1);
            if (!int.TryParse(e, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || e.Length == 0 || !char.IsDigit(e[e.Length - 1]))
                return false;
            // Past these bounds the value is either zero-precision garbage or beyond any long.
            if (exponent is > 60 or < -60) return false;
        }
        numerator = BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative) numerator = -numerator;
        var scale = exponent - fraction;
        if (scale >= 0) numerator *= BigInteger.Pow(10, scale);
        else denominator = BigInteger.Pow(10, -scale);
        return true;
    }
}
