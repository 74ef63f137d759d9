using System;
using System.Collections;
using System.Globalization;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// Turns the simple values a PowerShell hashtable holds into the text docker sends, culture-invariantly:
/// strings as they are, <c>$true</c>/<c>$false</c> as <c>true</c>/<c>false</c> (as compose writes them),
/// numbers and dates through <see cref="IFormattable"/> with the invariant culture (1.5 is always "1.5").
/// Collections are not simple values and are refused by the callers. The cmdlet layer unwraps PSObject first.
/// </summary>
internal static class ValueText
{
    internal static bool TryConvert(object value, out string text)
    {
        switch (value)
        {
            case string s:
                text = s;
                return true;
            case bool b:
                text = b ? "true" : "false";
                return true;
            case char c:
                text = c.ToString();
                return true;
            case DateTime d:
                text = d.ToString("o", CultureInfo.InvariantCulture);
                return true;
            case DateTimeOffset o:
                text = o.ToString("o", CultureInfo.InvariantCulture);
                return true;
            case IFormattable f:
                text = f.ToString(null, CultureInfo.InvariantCulture);
                return true;
            case IEnumerable:
                text = string.Empty;
                return false;
            default:
                text = value.ToString() ?? string.Empty;
                return true;
        }
    }

    /// <summary>An integral number (any CLR integer type) as invariant text; false for anything else.</summary>
    internal static bool TryInteger(object value, out string text)
    {
        switch (value)
        {
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                text = ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
                return true;
            default:
                text = string.Empty;
                return false;
        }
    }

    /// <summary>How a value is shown inside a message: strings quoted with '', numbers bare.</summary>
    internal static string Show(object? value) => value switch
    {
        null => "$null",
        string s => "'" + s + "'",
        bool b => b ? "$true" : "$false",
        _ => TryConvert(value, out var t) ? t : value.GetType().Name,
    };
}
