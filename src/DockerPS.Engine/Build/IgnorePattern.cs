using System;
using System.Text;
using System.Text.RegularExpressions;

namespace DockerPS.Engine.Build;

/// <summary>
/// One .dockerignore pattern as moby/patternmatcher reads it: an optional leading '!' (an exception), then a
/// cleaned path pattern. Matching follows patternmatcher exactly: a pattern is first classified (an exact path, a
/// prefix "dir/**", a suffix "**/name", else a regular expression); the expression is docker's translation of the
/// pattern ('*' is any run without '/', '?' one character but '/', "**" any run including '/', '\' escapes the
/// next character, '[...]' and '^' go to the regular expression as they are) and is compiled, with Go's meaning,
/// the first time the pattern is used. Paths use '/' and are relative to the build context.
/// </summary>
public sealed class IgnorePattern
{
    private readonly bool _windows;
    private Kind _kind;
    private Regex? _regex;
    private string? _compileError;

    private enum Kind
    {
        Unknown,
        Exact,
        Prefix,
        Suffix,
        Expression,
    }

    internal IgnorePattern(string cleaned, bool exception, bool windows)
    {
        Text = cleaned;
        IsException = exception;
        _windows = windows;
        Parts = cleaned.Split('/');
    }

    /// <summary>The cleaned pattern, without its '!'.</summary>
    public string Text { get; }

    /// <summary>True for a '!' pattern: what it matches is sent after all.</summary>
    public bool IsException { get; }

    /// <summary>The pattern's '/'-separated parts (docker compares this many leading parts of a path in one of its checks).</summary>
    internal string[] Parts { get; }

    public override string ToString() => (IsException ? "!" : string.Empty) + Text;

    /// <summary>
    /// Whether <paramref name="path"/> matches. Throws <see cref="Errors.DockerArgumentException"/> when docker's
    /// regular expression for the pattern does not compile (docker fails there too, on first use).
    /// </summary>
    public bool IsMatch(string path)
    {
        if (_kind == Kind.Unknown) Compile();
        switch (_kind)
        {
            case Kind.Exact:
                return path == Text;
            case Kind.Prefix:
                return path.StartsWith(Text.Substring(0, Text.Length - 2), StringComparison.Ordinal);
            case Kind.Suffix:
                var suffix = Text.Substring(2);
                if (path.EndsWith(suffix, StringComparison.Ordinal)) return true;
                // "**/foo" also matches "foo" itself.
                return suffix.Length > 0 && suffix[0] == '/' && path == suffix.Substring(1);
            default:
                return _regex!.IsMatch(path);
        }
    }

    private void Compile()
    {
        if (_compileError is not null) throw Invalid(_compileError);
        var expression = new StringBuilder("^");
        var kind = Kind.Exact;
        var text = Text;
        for (var i = 0; i < text.Length; )
        {
            var first = i == 0;
            var c = text[i++];
            if (c == '*')
            {
                if (i < text.Length && text[i] == '*')
                {
                    i++;
                    // "**/" is "**": the '/' is eaten.
                    if (i < text.Length && text[i] == '/') i++;
                    if (i >= text.Length)
                    {
                        // A trailing "**" takes everything (as .gitignore).
                        if (kind == Kind.Exact)
                        {
                            kind = Kind.Prefix;
                        }
                        else
                        {
                            expression.Append(".*");
                            kind = Kind.Expression;
                        }
                    }
                    else
                    {
                        expression.Append("(.*/)?");
                        kind = Kind.Expression;
                    }
                    if (first) kind = Kind.Suffix;
                }
                else
                {
                    expression.Append("[^/]*");
                    kind = Kind.Expression;
                }
            }
            else if (c == '?')
            {
                expression.Append("[^/]");
                kind = Kind.Expression;
            }
            else if (".+()|{}$".IndexOf(c) >= 0)
            {
                expression.Append('\\').Append(c);
            }
            else if (c == '\\' && !_windows)
            {
                if (i < text.Length)
                {
                    expression.Append('\\');
                    AppendRune(expression, text, ref i);
                    kind = Kind.Expression;
                }
                else
                {
                    expression.Append('\\');
                }
            }
            else if (c is '[' or ']')
            {
                expression.Append(c);
                kind = Kind.Expression;
            }
            else
            {
                expression.Append(c);
                // Keep a surrogate pair together.
                if (char.IsHighSurrogate(c) && i < text.Length && char.IsLowSurrogate(text[i])) expression.Append(text[i++]);
            }
        }

        if (kind == Kind.Expression)
        {
            expression.Append('$');
            try
            {
                _regex = GoRegex.Compile(expression.ToString());
            }
            catch (GoRegexException ex)
            {
                _compileError = ex.Message;
                throw Invalid(ex.Message);
            }
        }
        _kind = kind;
    }

    private static void AppendRune(StringBuilder sb, string text, ref int i)
    {
        sb.Append(text[i]);
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(text[++i]);
        i++;
    }

    private Errors.DockerArgumentException Invalid(string reason) =>
        new($"The .dockerignore pattern '{this}' is not valid: {reason}.", "InvalidDockerignorePattern", ToString());
}
