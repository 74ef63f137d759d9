using System;
using System.Text;

namespace DockerPS.Engine.Matching;

/// <summary>
/// PowerShell's wildcard language, without PowerShell: <c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, and the
/// backtick to escape. Matching is case-insensitive when asked, whole-string.
/// </summary>
public sealed class Wildcard
{
    private readonly string _pattern;
    private readonly bool _ignoreCase;

    public Wildcard(string pattern, bool ignoreCase = false)
    {
        _pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        _ignoreCase = ignoreCase;
    }

    public string Pattern => _pattern;

    /// <summary>True when the text has an unescaped wildcard character.</summary>
    public static bool HasWildcard(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '`') { i++; continue; }
            if (c is '*' or '?' or '[') return true;
        }
        return false;
    }

    /// <summary>The text with escapes removed, for a pattern with no wildcards.</summary>
    public static string Unescape(string text)
    {
        if (text.IndexOf('`') < 0) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '`' && i + 1 < text.Length) i++;
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    public bool IsMatch(string text) => Match(text ?? string.Empty, 0, 0);

    private bool Match(string text, int ti, int pi)
    {
        while (pi < _pattern.Length)
        {
            var p = _pattern[pi];
            switch (p)
            {
                case '*':
                    while (pi < _pattern.Length && _pattern[pi] == '*') pi++;
                    if (pi == _pattern.Length) return true;
                    for (var k = ti; k <= text.Length; k++)
                    {
                        if (Match(text, k, pi)) return true;
                    }
                    return false;
                case '?':
                    if (ti >= text.Length) return false;
                    ti++;
                    pi++;
                    break;
                case '[':
                    if (ti >= text.Length) return false;
                    var close = FindClose(pi);
                    if (close < 0)
                    {
                        // An unclosed bracket matches itself.
                        if (!Same(text[ti], '[')) return false;
                        ti++;
                        pi++;
                        break;
                    }
                    if (!InSet(text[ti], pi + 1, close)) return false;
                    ti++;
                    pi = close + 1;
                    break;
                case '`' when pi + 1 < _pattern.Length:
                    if (ti >= text.Length || !Same(text[ti], _pattern[pi + 1])) return false;
                    ti++;
                    pi += 2;
                    break;
                default:
                    if (ti >= text.Length || !Same(text[ti], p)) return false;
                    ti++;
                    pi++;
                    break;
            }
        }
        return ti == text.Length;
    }

    private int FindClose(int open)
    {
        for (var i = open + 1; i < _pattern.Length; i++)
        {
            if (_pattern[i] == '`') { i++; continue; }
            if (_pattern[i] == ']' && i > open + 1) return i;
        }
        return -1;
    }

    private bool InSet(char c, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var lo = _pattern[i];
            if (lo == '`' && i + 1 < to) lo = _pattern[++i];
            if (i + 2 < to && _pattern[i + 1] == '-')
            {
                var hi = _pattern[i + 2];
                if (hi == '`' && i + 3 < to) { hi = _pattern[i + 3]; i++; }
                i += 2;
                var cc = _ignoreCase ? char.ToLowerInvariant(c) : c;
                var l = _ignoreCase ? char.ToLowerInvariant(lo) : lo;
                var h = _ignoreCase ? char.ToLowerInvariant(hi) : hi;
                if (cc >= l && cc <= h) return true;
            }
            else if (Same(c, lo))
            {
                return true;
            }
        }
        return false;
    }

    private bool Same(char a, char b) => a == b || (_ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));
}
