using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DockerPS.Engine.Build;

/// <summary>A regular expression that Go's regexp package would refuse to compile, with Go's reason.</summary>
internal sealed class GoRegexException : Exception
{
    public GoRegexException(string message) : base(message) { }
}

/// <summary>
/// Go's regular expression syntax (RE2, with Go's Perl flags) compiled to a .NET <see cref="Regex"/> that matches
/// exactly the same strings. docker turns each .dockerignore pattern into a Go regexp and hands parts of the pattern
/// to it untouched (character classes, escapes, '^'), so Go's meaning of those parts is docker's meaning. Where
/// .NET reads the same text differently, the translation spells out Go's meaning: classes are written as explicit
/// ranges (POSIX <c>[:alpha:]</c>, ASCII-only <c>\d \s \w</c>, no class subtraction), <c>$</c> is the end of the
/// text only, <c>\b</c> is an ASCII word boundary, and one rune outside the Basic Multilingual Plane (two UTF-16
/// units) is one character, as it is in Go.
/// </summary>
internal static class GoRegex
{
    private const int MaxRune = 0x10FFFF;
    private const int MaxRepeat = 1000;

    /// <summary>Compiles a Go regexp; throws <see cref="GoRegexException"/> with Go's error text when Go would refuse it.</summary>
    public static Regex Compile(string pattern) =>
        new(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    /// <summary>The .NET pattern equivalent to a Go pattern.</summary>
    public static string Translate(string pattern)
    {
        if (pattern is null) throw new ArgumentNullException(nameof(pattern));
        var parser = new Parser(pattern);
        return parser.ParseAll();
    }

    private sealed class Parser
    {
        private readonly string _text;
        private int _pos;

        public Parser(string text) => _text = text;

        private bool AtEnd => _pos >= _text.Length;

        public string ParseAll()
        {
            var result = ParseAlternation(0);
            if (!AtEnd) throw new GoRegexException($"error parsing regexp: unexpected ): `{_text}`");
            return result;
        }

        private string ParseAlternation(int depth)
        {
            var branches = new List<string> { ParseConcatenation(depth) };
            while (!AtEnd && _text[_pos] == '|')
            {
                _pos++;
                branches.Add(ParseConcatenation(depth));
            }
            return string.Join("|", branches);
        }

        private string ParseConcatenation(int depth)
        {
            var sb = new StringBuilder();
            string? last = null; // the last item, still open to a repetition operator
            var lastWasRepeat = false;
            while (!AtEnd)
            {
                var c = _text[_pos];
                if (c == '|') break;
                if (c == ')')
                {
                    if (depth == 0) throw new GoRegexException($"error parsing regexp: unexpected ): `{_text}`");
                    break;
                }
                var repeat = false;
                int min = 0, max = 0, length = 0;
                if (c == '{') repeat = TryParseRepeat(out min, out max, out length);
                if (c is '*' or '+' or '?' || repeat)
                {
                    var start = _pos;
                    string quantifier;
                    if (c == '{')
                    {
                        _pos += length;
                        if (min > MaxRepeat || max > MaxRepeat || (max >= 0 && max < min))
                            throw new GoRegexException($"error parsing regexp: invalid repeat count: `{_text.Substring(start, _pos - start)}`");
                        quantifier = "{" + min.ToString(CultureInfo.InvariantCulture) + (max == min ? string.Empty : "," + (max < 0 ? string.Empty : max.ToString(CultureInfo.InvariantCulture))) + "}";
                    }
                    else
                    {
                        _pos++;
                        quantifier = c.ToString();
                    }
                    if (!AtEnd && _text[_pos] == '?')
                    {
                        _pos++;
                        quantifier += "?";
                    }
                    if (lastWasRepeat)
                        throw new GoRegexException($"error parsing regexp: invalid nested repetition operator: `{_text.Substring(start - 1, _pos - start + 1)}`");
                    if (last is null)
                        throw new GoRegexException($"error parsing regexp: missing argument to repetition operator: `{_text.Substring(start, _pos - start)}`");
                    last = "(?:" + last + ")" + quantifier;
                    lastWasRepeat = true;
                    continue;
                }

                if (last is not null) sb.Append(last);
                lastWasRepeat = false;
                last = ParseItem(depth);
            }
            if (last is not null) sb.Append(last);
            return sb.ToString();
        }

        /// <summary>One item: a group, a class, '.', an anchor, an escape or a literal rune.</summary>
        private string ParseItem(int depth)
        {
            var c = _text[_pos];
            switch (c)
            {
                case '(':
                    _pos++;
                    if (!AtEnd && _text[_pos] == '?')
                        throw new GoRegexException($"error parsing regexp: group flags are not supported here: `{_text}`");
                    var inner = ParseAlternation(depth + 1);
                    if (AtEnd) throw new GoRegexException($"error parsing regexp: missing closing ): `{_text}`");
                    _pos++; // ')'
                    return "(?:" + inner + ")";
                case '[':
                    return Emit(ParseClass());
                case '.':
                    _pos++;
                    return Emit(RuneSet.AllExceptNewline());
                case '^':
                    _pos++;
                    return @"\A";
                case '$':
                    _pos++;
                    return @"\z";
                case '\\':
                    return ParseEscapeItem();
                default:
                    return Literal(ReadRune());
            }
        }

        /// <summary>{n}, {n,} or {n,m}; anything else makes '{' a literal, as in Go.</summary>
        private bool TryParseRepeat(out int min, out int max, out int length)
        {
            min = max = length = 0;
            var i = _pos;
            if (i >= _text.Length || _text[i] != '{') return false;
            i++;
            if (!TryDigits(ref i, out min)) return false;
            if (i < _text.Length && _text[i] == ',')
            {
                i++;
                if (i < _text.Length && _text[i] == '}') max = -1;
                else if (!TryDigits(ref i, out max)) return false;
            }
            else
            {
                max = min;
            }
            if (i >= _text.Length || _text[i] != '}') return false;
            length = i + 1 - _pos;
            return true;
        }

        private bool TryDigits(ref int i, out int value)
        {
            value = 0;
            var start = i;
            while (i < _text.Length && _text[i] is >= '0' and <= '9')
            {
                value = Math.Min(value * 10 + (_text[i] - '0'), 100_000);
                i++;
            }
            return i > start;
        }

        private string ParseEscapeItem()
        {
            if (_pos + 1 < _text.Length)
            {
                switch (_text[_pos + 1])
                {
                    case 'A':
                        _pos += 2;
                        return @"\A";
                    case 'z':
                        _pos += 2;
                        return @"\z";
                    case 'b':
                        _pos += 2;
                        return WordBoundary;
                    case 'B':
                        _pos += 2;
                        return NotWordBoundary;
                    case 'C':
                        throw new GoRegexException($"error parsing regexp: invalid escape sequence: `\\C`");
                    case 'Q':
                        _pos += 2;
                        var end = _text.IndexOf(@"\E", _pos, StringComparison.Ordinal);
                        var literal = end < 0 ? _text.Substring(_pos) : _text.Substring(_pos, end - _pos);
                        _pos = end < 0 ? _text.Length : end + 2;
                        var sb = new StringBuilder();
                        for (var i = 0; i < literal.Length; i += char.IsSurrogatePair(literal, i) ? 2 : 1)
                            sb.Append(Literal(char.ConvertToUtf32(literal, i)));
                        return "(?:" + sb + ")";
                }
            }
            if (TryParseUnicodeClass(out var unicode)) return Emit(unicode!);
            if (TryParsePerlClass(out var perl)) return Emit(perl!);
            return Literal(ParseEscape());
        }

        // Go's \b: a boundary between an ASCII word character and anything else.
        private const string WordChar = "[0-9A-Za-z_]";
        private const string WordBoundary = "(?:(?<=" + WordChar + ")(?!" + WordChar + ")|(?<!" + WordChar + ")(?=" + WordChar + "))";
        private const string NotWordBoundary = "(?:(?<=" + WordChar + ")(?=" + WordChar + ")|(?<!" + WordChar + ")(?!" + WordChar + "))";

        private int ReadRune()
        {
            var rune = char.IsSurrogatePair(_text, _pos) ? char.ConvertToUtf32(_text, _pos) : _text[_pos];
            _pos += rune > 0xFFFF ? 2 : 1;
            return rune;
        }

        /// <summary>Go's parseEscape: the rune an escape stands for, at '\'.</summary>
        private int ParseEscape()
        {
            var start = _pos;
            _pos++; // '\'
            if (AtEnd) throw new GoRegexException("error parsing regexp: trailing backslash at end of expression: ``");
            var c = ReadRune();
            switch (c)
            {
                case >= '1' and <= '7' when AtEnd || _text[_pos] is < '0' or > '7':
                    break; // a back-reference, which Go does not have
                case >= '0' and <= '7':
                {
                    var value = c - '0';
                    for (var i = 1; i < 3 && !AtEnd && _text[_pos] is >= '0' and <= '7'; i++) value = value * 8 + (_text[_pos++] - '0');
                    return value;
                }
                case 'x':
                {
                    if (AtEnd) break;
                    if (_text[_pos] == '{')
                    {
                        _pos++;
                        var value = 0;
                        var digits = 0;
                        while (!AtEnd && HexValue(_text[_pos]) >= 0)
                        {
                            value = value * 16 + HexValue(_text[_pos++]);
                            digits++;
                            if (value > MaxRune) break;
                        }
                        if (digits == 0 || AtEnd || _text[_pos] != '}' || value > MaxRune) break;
                        _pos++;
                        return value;
                    }
                    if (_pos + 1 >= _text.Length || HexValue(_text[_pos]) < 0 || HexValue(_text[_pos + 1]) < 0) break;
                    var two = HexValue(_text[_pos]) * 16 + HexValue(_text[_pos + 1]);
                    _pos += 2;
                    return two;
                }
                case 'a': return 7;
                case 'f': return 12;
                case 'n': return 10;
                case 'r': return 13;
                case 't': return 9;
                case 'v': return 11;
                default:
                    // Escaped ASCII punctuation is itself; other escapes are errors.
                    if (c < 0x80 && !IsAlphanumeric(c)) return c;
                    break;
            }
            throw new GoRegexException($"error parsing regexp: invalid escape sequence: `{_text.Substring(start, Math.Min(_pos, _text.Length) - start)}`");
        }

        private static int HexValue(char c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

        private static bool IsAlphanumeric(int c) => c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z';

        /// <summary>Go's parseClass, at '['.</summary>
        private RuneSet ParseClass()
        {
            var start = _pos;
            _pos++;
            var negated = false;
            if (!AtEnd && _text[_pos] == '^')
            {
                negated = true;
                _pos++;
            }
            var set = new RuneSet();
            var first = true; // ']' is a literal as the first character
            while (AtEnd || _text[_pos] != ']' || first)
            {
                if (AtEnd) throw new GoRegexException($"error parsing regexp: missing closing ]: `{_text.Substring(start)}`");
                first = false;

                // POSIX [:alpha:] (and [:^alpha:]).
                if (_pos + 2 < _text.Length && _text[_pos] == '[' && _text[_pos + 1] == ':')
                {
                    var close = _text.IndexOf(":]", _pos + 2, StringComparison.Ordinal);
                    if (close >= 0)
                    {
                        var name = _text.Substring(_pos, close + 2 - _pos);
                        var posix = RuneSet.Posix(name) ?? throw new GoRegexException($"error parsing regexp: invalid character class range: `{name}`");
                        set.Add(posix);
                        _pos = close + 2;
                        continue;
                    }
                }
                if (TryParseUnicodeClass(out var unicode))
                {
                    set.Add(unicode!);
                    continue;
                }
                if (TryParsePerlClass(out var perl))
                {
                    set.Add(perl!);
                    continue;
                }

                var rangeStart = _pos;
                var lo = ParseClassChar(start);
                var hi = lo;
                // "a-" before the closing ']' is 'a' and '-'.
                if (_pos + 1 < _text.Length && _text[_pos] == '-' && _text[_pos + 1] != ']')
                {
                    _pos++;
                    hi = ParseClassChar(start);
                    if (hi < lo) throw new GoRegexException($"error parsing regexp: invalid character class range: `{_text.Substring(rangeStart, _pos - rangeStart)}`");
                }
                set.AddRange(lo, hi);
            }
            _pos++; // ']'
            return negated ? set.Complement() : set;
        }

        private int ParseClassChar(int classStart)
        {
            if (AtEnd) throw new GoRegexException($"error parsing regexp: missing closing ]: `{_text.Substring(classStart)}`");
            return _text[_pos] == '\\' ? ParseEscape() : ReadRune();
        }

        /// <summary>\d \s \w and their negations: ASCII only, as in Go.</summary>
        private bool TryParsePerlClass(out RuneSet? set)
        {
            set = null;
            if (_pos + 1 >= _text.Length || _text[_pos] != '\\') return false;
            var c = _text[_pos + 1];
            var name = char.ToLowerInvariant(c) switch
            {
                'd' => "[:digit:]",
                's' => "[:perlspace:]",
                'w' => "[:word:]",
                _ => null,
            };
            if (name is null) return false;
            set = RuneSet.Posix(name)!;
            if (char.IsUpper(c)) set = set.Complement();
            _pos += 2;
            return true;
        }

        /// <summary>\pL, \p{Lu}, \PL, \p{^L}: Unicode general categories (and Any).</summary>
        private bool TryParseUnicodeClass(out RuneSet? set)
        {
            set = null;
            if (_pos + 1 >= _text.Length || _text[_pos] != '\\' || _text[_pos + 1] is not ('p' or 'P')) return false;
            var start = _pos;
            var negated = _text[_pos + 1] == 'P';
            _pos += 2;
            if (AtEnd) throw new GoRegexException($"error parsing regexp: invalid character class range: `{_text.Substring(start)}`");
            string name;
            if (_text[_pos] == '{')
            {
                var close = _text.IndexOf('}', _pos);
                if (close < 0) throw new GoRegexException($"error parsing regexp: invalid character class range: `{_text.Substring(start)}`");
                name = _text.Substring(_pos + 1, close - _pos - 1);
                _pos = close + 1;
            }
            else
            {
                name = char.ConvertFromUtf32(ReadRune());
            }
            if (name.StartsWith("^", StringComparison.Ordinal))
            {
                negated = !negated;
                name = name.Substring(1);
            }
            var found = RuneSet.UnicodeCategory(name)
                ?? throw new GoRegexException($"error parsing regexp: invalid character class range: `{_text.Substring(start, _pos - start)}`" +
                    (name.Length > 2 ? " (Unicode script names are not supported by DockerPS; use a category such as L, Lu or Nd)" : string.Empty));
            set = negated ? found.Complement() : found;
            return true;
        }

        private static string Literal(int rune) => Emit(RuneSet.Of(rune));
    }

    /// <summary>Writes a set of runes as .NET regex text that consumes exactly one rune of the set.</summary>
    private static string Emit(RuneSet set)
    {
        var ranges = set.Ranges;
        if (ranges.Count == 0) return "(?!)";
        if (ranges.Count == 1 && ranges[0].Lo == ranges[0].Hi && ranges[0].Lo <= 0xFFFF)
        {
            var c = ranges[0].Lo;
            return IsPlain(c) ? ((char)c).ToString() : Escape(c);
        }

        var bmp = new StringBuilder();
        var astral = new List<string>();
        foreach (var (lo, hi) in ranges)
        {
            if (lo <= 0xFFFF)
            {
                var top = Math.Min(hi, 0xFFFF);
                bmp.Append(Escape(lo));
                if (top > lo) bmp.Append('-').Append(Escape(top));
            }
            if (hi > 0xFFFF) AddAstral(astral, Math.Max(lo, 0x10000), hi);
        }
        var parts = new List<string>();
        if (bmp.Length > 0) parts.Add("[" + bmp + "]");
        parts.AddRange(astral);
        return parts.Count == 1 ? parts[0] : "(?:" + string.Join("|", parts) + ")";
    }

    private static bool IsPlain(int c) => c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static string Escape(int c) => "\\u" + c.ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>Runes above U+FFFF as UTF-16 surrogate pairs: one alternative per run of high surrogates.</summary>
    private static void AddAstral(List<string> parts, int lo, int hi)
    {
        static (int High, int Low) Split(int rune)
        {
            var v = rune - 0x10000;
            return (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
        }
        var (h1, l1) = Split(lo);
        var (h2, l2) = Split(hi);
        string Pair(int high, int lowFrom, int lowTo) =>
            Escape(high) + (lowFrom == lowTo ? Escape(lowFrom) : "[" + Escape(lowFrom) + "-" + Escape(lowTo) + "]");
        if (h1 == h2)
        {
            parts.Add(Pair(h1, l1, l2));
            return;
        }
        parts.Add(Pair(h1, l1, 0xDFFF));
        if (h1 + 1 <= h2 - 1) parts.Add("[" + Escape(h1 + 1) + "-" + Escape(h2 - 1) + "][\\uDC00-\\uDFFF]");
        parts.Add(Pair(h2, 0xDC00, l2));
    }

    /// <summary>A set of runes (Unicode scalar values: no surrogates) as sorted, disjoint ranges.</summary>
    private sealed class RuneSet
    {
        private readonly List<(int Lo, int Hi)> _ranges = new();
        private bool _normalised = true;

        public IReadOnlyList<(int Lo, int Hi)> Ranges
        {
            get
            {
                Normalise();
                return _ranges;
            }
        }

        public static RuneSet Of(int rune)
        {
            var set = new RuneSet();
            set.AddRange(rune, rune);
            return set;
        }

        public static RuneSet AllExceptNewline()
        {
            var set = new RuneSet();
            set.AddRange(0, '\n' - 1);
            set.AddRange('\n' + 1, MaxRune);
            return set;
        }

        public void AddRange(int lo, int hi)
        {
            // Surrogates are not runes: Go never sees them in a string it decoded.
            if (lo <= 0xDFFF && hi >= 0xD800)
            {
                if (lo < 0xD800) AddRangeRaw(lo, 0xD7FF);
                if (hi > 0xDFFF) AddRangeRaw(0xE000, hi);
                return;
            }
            AddRangeRaw(lo, hi);
        }

        private void AddRangeRaw(int lo, int hi)
        {
            _ranges.Add((lo, hi));
            _normalised = false;
        }

        public void Add(RuneSet other)
        {
            foreach (var r in other.Ranges) AddRangeRaw(r.Lo, r.Hi);
        }

        public RuneSet Complement()
        {
            var result = new RuneSet();
            var next = 0;
            foreach (var (lo, hi) in Ranges)
            {
                if (lo > next) result.AddRange(next, lo - 1);
                next = hi + 1;
            }
            if (next <= MaxRune) result.AddRange(next, MaxRune);
            return result;
        }

        private void Normalise()
        {
            if (_normalised) return;
            _ranges.Sort((a, b) => a.Lo.CompareTo(b.Lo));
            var merged = new List<(int Lo, int Hi)>();
            foreach (var r in _ranges)
            {
                if (merged.Count > 0 && r.Lo <= merged[merged.Count - 1].Hi + 1)
                {
                    var last = merged[merged.Count - 1];
                    merged[merged.Count - 1] = (last.Lo, Math.Max(last.Hi, r.Hi));
                }
                else
                {
                    merged.Add(r);
                }
            }
            _ranges.Clear();
            _ranges.AddRange(merged);
            _normalised = true;
        }

        /// <summary>Go's POSIX classes ([:alpha:], [:^alpha:]...), ASCII only; also the Perl ones under private names.</summary>
        public static RuneSet? Posix(string name)
        {
            var negated = name.StartsWith("[:^", StringComparison.Ordinal);
            var key = negated ? "[:" + name.Substring(3) : name;
            var set = new RuneSet();
            void R(int lo, int hi) => set.AddRange(lo, hi);
            switch (key)
            {
                case "[:alnum:]": R('0', '9'); R('A', 'Z'); R('a', 'z'); break;
                case "[:alpha:]": R('A', 'Z'); R('a', 'z'); break;
                case "[:ascii:]": R(0, 0x7F); break;
                case "[:blank:]": R('\t', '\t'); R(' ', ' '); break;
                case "[:cntrl:]": R(0, 0x1F); R(0x7F, 0x7F); break;
                case "[:digit:]": R('0', '9'); break;
                case "[:graph:]": R('!', '~'); break;
                case "[:lower:]": R('a', 'z'); break;
                case "[:print:]": R(' ', '~'); break;
                case "[:punct:]": R('!', '/'); R(':', '@'); R('[', '`'); R('{', '~'); break;
                case "[:space:]": R('\t', '\r'); R(' ', ' '); break;
                case "[:upper:]": R('A', 'Z'); break;
                case "[:word:]": R('0', '9'); R('A', 'Z'); R('a', 'z'); R('_', '_'); break;
                case "[:xdigit:]": R('0', '9'); R('A', 'F'); R('a', 'f'); break;
                // Perl's \s in Go: \t \n \f \r and space (no \v).
                case "[:perlspace:]" when !negated: R('\t', '\n'); R('\f', '\r'); R(' ', ' '); break;
                default: return null;
            }
            return negated ? set.Complement() : set;
        }

        /// <summary>A Unicode general category (L, Lu, Nd...) or Any, as the runes it holds.</summary>
        public static RuneSet? UnicodeCategory(string name)
        {
            var set = new RuneSet();
            if (name == "Any")
            {
                set.AddRange(0, MaxRune);
                return set;
            }
            var categories = CategoriesNamed(name);
            if (categories is null) return null;
            var start = -1;
            for (var rune = 0; rune <= MaxRune + 1; rune++)
            {
                var inside = rune <= MaxRune && (rune < 0xD800 || rune > 0xDFFF) && categories.Contains(CategoryOf(rune));
                if (inside && start < 0) start = rune;
                else if (!inside && start >= 0)
                {
                    set.AddRange(start, rune - 1);
                    start = -1;
                }
            }
            return set;
        }

        private static UnicodeCategory CategoryOf(int rune) =>
            rune <= 0xFFFF ? CharUnicodeInfo.GetUnicodeCategory((char)rune) : CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(rune), 0);

        private static readonly Dictionary<string, UnicodeCategory> Categories = new(StringComparer.Ordinal)
        {
            ["Lu"] = System.Globalization.UnicodeCategory.UppercaseLetter,
            ["Ll"] = System.Globalization.UnicodeCategory.LowercaseLetter,
            ["Lt"] = System.Globalization.UnicodeCategory.TitlecaseLetter,
            ["Lm"] = System.Globalization.UnicodeCategory.ModifierLetter,
            ["Lo"] = System.Globalization.UnicodeCategory.OtherLetter,
            ["Mn"] = System.Globalization.UnicodeCategory.NonSpacingMark,
            ["Mc"] = System.Globalization.UnicodeCategory.SpacingCombiningMark,
            ["Me"] = System.Globalization.UnicodeCategory.EnclosingMark,
            ["Nd"] = System.Globalization.UnicodeCategory.DecimalDigitNumber,
            ["Nl"] = System.Globalization.UnicodeCategory.LetterNumber,
            ["No"] = System.Globalization.UnicodeCategory.OtherNumber,
            ["Zs"] = System.Globalization.UnicodeCategory.SpaceSeparator,
            ["Zl"] = System.Globalization.UnicodeCategory.LineSeparator,
            ["Zp"] = System.Globalization.UnicodeCategory.ParagraphSeparator,
            ["Cc"] = System.Globalization.UnicodeCategory.Control,
            ["Cf"] = System.Globalization.UnicodeCategory.Format,
            ["Cs"] = System.Globalization.UnicodeCategory.Surrogate,
            ["Co"] = System.Globalization.UnicodeCategory.PrivateUse,
            ["Pc"] = System.Globalization.UnicodeCategory.ConnectorPunctuation,
            ["Pd"] = System.Globalization.UnicodeCategory.DashPunctuation,
            ["Ps"] = System.Globalization.UnicodeCategory.OpenPunctuation,
            ["Pe"] = System.Globalization.UnicodeCategory.ClosePunctuation,
            ["Pi"] = System.Globalization.UnicodeCategory.InitialQuotePunctuation,
            ["Pf"] = System.Globalization.UnicodeCategory.FinalQuotePunctuation,
            ["Po"] = System.Globalization.UnicodeCategory.OtherPunctuation,
            ["Sm"] = System.Globalization.UnicodeCategory.MathSymbol,
            ["Sc"] = System.Globalization.UnicodeCategory.CurrencySymbol,
            ["Sk"] = System.Globalization.UnicodeCategory.ModifierSymbol,
            ["So"] = System.Globalization.UnicodeCategory.OtherSymbol,
        };

        private static HashSet<UnicodeCategory>? CategoriesNamed(string name)
        {
            if (Categories.TryGetValue(name, out var one)) return new HashSet<UnicodeCategory> { one };
            if (name.Length != 1) return null;
            var result = new HashSet<UnicodeCategory>();
            foreach (var pair in Categories)
            {
                if (pair.Key[0] == name[0]) result.Add(pair.Value);
            }
            return result.Count == 0 ? null : result;
        }
    }
}
