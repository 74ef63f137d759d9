using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Build;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Tests.Unit.Build;

/// <summary>
/// .dockerignore matching, one pattern shape at a time, with the results moby/patternmatcher gives (read from its
/// source and, for the quirks, confirmed against docker builds in Integration/DockerignoreTests).
/// </summary>
public class IgnoreMatcherTests
{
    public static readonly TheoryData<string, string, bool> SinglePatterns = new()
    {
        // plain names and folders: a folder pattern takes its whole subtree
        { "file", "file", true },
        { "file", "dir/file", false },
        { "dir", "dir/sub/file", true },
        { "dir/", "dir/file", true },
        { "./dir", "dir/file", true },
        { "/dir", "dir/file", false }, // IgnoreFile drops a leading "/" when it reads .dockerignore; the matcher does not
        { "dir//sub/../other", "dir/other/x", true },
        // * and ? never cross '/'
        { "*", "file", true },
        { "*", "dir/file", true }, // through the parent "dir"
        { "*.go", "main.go", true },
        { "*.go", "cmd/main.go", false },
        { "a*/b", "abc/b", true },
        { "a*/b", "a/c/b", false },
        { "abc?def", "abcZdef", true },
        { "abc?def", "abcdef", false },
        { "abc?def", "abc/def", false },
        // ** crosses folders; **/ at the start also matches at the top
        { "**", "file", true },
        { "**", "dir/file", true },
        { "**/", "file", true },
        { "**/dir", "dir", true },
        { "**/dir", "a/b/dir", true },
        { "**/dir", "dir/file", true },
        { "**/dir2/*", "dir/dir2/file", true },
        { "**file", "dir/file", true },
        { "**/file*.txt", "dir/dir/file.txt", true },
        { "**/**/*.txt", "file.txt", true },
        { "**/**/*.txt2", "dir/dir/file.txt", false },
        { "a**/*.txt", "a/dir/dir/file.txt", true },
        { "dir/**", "dir/dir2/file", true },
        { "abc/**", "abc", false },
        { "abc/**", "abc/def", true },
        { "a/*.txt**", "a/file.txt", true },
        { "**/.foo", ".foo", true },
        { "**/.foo", "bar.foo", false },
        { "**/*.log", "logs/a/b.log", true },
        // regular-expression characters are literal
        { ".*", ".foo", true },
        { ".*", "foo", false },
        { "abc.def", "abcZdef", false },
        { "a(b)c/def", "a(b)c/def", true },
        { "a.|)$(}+{bc", "a.|)$(}+{bc", true },
        { "dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true },
        // character classes
        { "a[b-d]e", "ace", true },
        { "a[b-d]e", "aae", false },
        { "a[^b-d]e", "aze", true },
        { "a[^b-d]e", "ace", false },
        { "file[0-9].txt", "file7.txt", true },
        { "file[0-9].txt", "fileA.txt", false },
        // escapes
        { @"a\*b", "a*b", true },
        { @"a\*b", "axb", false },
        { @"a\\", @"a\", true },
        { @"\[x\]", "[x]", true },
        // docker hands classes and escapes to Go's regexp: Go's meaning wins over filepath.Match's
        { "[!a]b", "!b", true },
        { "[!a]b", "cb", false },
        { "[[:digit:]]x", "7x", true },
        { "[[:digit:]]x", "ax", false },
        { @"\d", "5", true },
        { @"\d", "d", false },
        { "a^b", "a^b", true }, // no wildcard: compared as text
        { "a^b*", "a^bc", false }, // in an expression '^' is the start of the text
        { "[*]", "]", true },
        { "[*]", "*", false },
        // one character is one rune, also above the Basic Multilingual Plane
        { "?", "\U0001F600", true },
        { "??", "\U0001F600", false },
        { "x[\U0001F600-\U0001F64F]", "x\U0001F601", true },
        { "x[^a]", "x\U0001F601", true },
        { "caf?", "café", true },
    };

    [Theory]
    [MemberData(nameof(SinglePatterns))]
    public void One_pattern_matches_as_docker_matches(string pattern, string path, bool excluded)
    {
        var matcher = new IgnoreMatcher(new[] { pattern });
        Assert.Equal(excluded, matcher.IsExcluded(path));
        // Walking down to the path, with each folder's result handed to its contents, decides the same.
        Assert.Equal(excluded, Walk(matcher, path));
    }

    public static readonly TheoryData<string[], string, bool> SeveralPatterns = new()
    {
        { new[] { "*.go", "!fileutils.go" }, "fileutils.go", false },
        { new[] { "!fileutils.go", "*.go" }, "fileutils.go", true },
        { new[] { "docs", "!docs/README.md" }, "docs/README.md", false },
        { new[] { "docs", "!docs/README.md" }, "docs/other.md", true },
        { new[] { "docs/*", "!docs/README.md" }, "docs/README.md", false },
        { new[] { "**", "!util/docker/web" }, "util/docker/web/foo", false },
        { new[] { "**", "!util/docker/web", "util/docker/web/foo" }, "util/docker/web/foo", true },
        { new[] { "**", "!dist/*.whl" }, "dist/a-1.0-py3-none-any.whl", false },
        { new[] { "*.md", "!README*.md", "README-secret.md" }, "README-secret.md", true },
        { new[] { "*.md", "!README*.md", "README-secret.md" }, "README.md", false },
    };

    [Theory]
    [MemberData(nameof(SeveralPatterns))]
    public void Later_patterns_override_earlier_ones(string[] patterns, string path, bool excluded)
    {
        var matcher = new IgnoreMatcher(patterns);
        Assert.Equal(excluded, matcher.IsExcluded(path));
        Assert.Equal(excluded, Walk(matcher, path));
    }

    /// <summary>The decision go-archive's walk makes, folder by folder.</summary>
    private static bool Walk(IgnoreMatcher matcher, string path)
    {
        var parts = path.Split('/');
        IgnoreMatcher.MatchState? state = null;
        for (var i = 1; i < parts.Length; i++) matcher.IsExcluded(string.Join("/", parts.Take(i)), state, out state);
        return matcher.IsExcluded(path, state, out _);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("a[")]
    [InlineData("[]")]
    [InlineData("[]a]")]
    [InlineData("[a-]")]
    [InlineData("[-a]")]
    [InlineData("[^]")]
    [InlineData(@"a\")]
    [InlineData(@"[a\")]
    [InlineData("!")]
    public void Malformed_patterns_are_refused_when_read(string pattern)
    {
        var ex = Assert.Throws<DockerArgumentException>(() => new IgnoreMatcher(new[] { pattern }));
        Assert.Equal("InvalidDockerignorePattern", ex.ErrorId);
        Assert.Contains(pattern, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closing_bracket_alone_is_a_literal() => Assert.True(new IgnoreMatcher(new[] { "a]" }).IsExcluded("a]"));

    [Theory]
    [InlineData(@"\q")]
    [InlineData("[[:nope:]]")]
    [InlineData("[z-a]x")]
    [InlineData(@"\1")]
    public void Patterns_Go_cannot_compile_fail_when_first_used_as_in_docker(string pattern)
    {
        var matcher = new IgnoreMatcher(new[] { pattern });
        var ex = Assert.Throws<DockerArgumentException>(() => matcher.IsExcluded("file"));
        Assert.Equal("InvalidDockerignorePattern", ex.ErrorId);
        // An exception is only tried once something matched before it: docker never compiles it otherwise.
        Assert.False(new IgnoreMatcher(new[] { "!" + pattern }).IsExcluded("file"));
    }

    [Fact]
    public void The_shallow_check_tries_only_as_many_parent_parts_as_the_pattern_has()
    {
        var matcher = new IgnoreMatcher(new[] { "**/b" });
        Assert.True(matcher.IsExcluded("b/x/Dockerfile"));
        Assert.False(matcher.IsExcludedShallow("b/x/Dockerfile"));
        Assert.True(new IgnoreMatcher(new[] { "a" }).IsExcludedShallow("a/b/Dockerfile"));
    }

    [Theory]
    [InlineData("di", "dir", false)]
    [InlineData("dir", "dir", true)]
    [InlineData("dir/keep", "dir", true)]
    [InlineData("dir/sub/keep", "dir", true)]
    [InlineData("dir/sub/keep", "dir/sub", true)]
    [InlineData("dir/*.txt", "dir", true)]
    [InlineData("*/keep", "dir", false)]
    [InlineData("dirx/keep", "dir", false)]
    public void An_excluded_folder_is_walked_only_when_an_exception_starts_with_its_path(string exception, string directory, bool walked) =>
        Assert.Equal(walked, new IgnoreMatcher(new[] { "dir", "!" + exception }).MayReinclude(directory));

    [Fact]
    public void No_exceptions_means_no_walk() => Assert.False(new IgnoreMatcher(new[] { "dir" }).MayReinclude("dir"));

    [Fact]
    public void Windows_separators_and_no_escapes()
    {
        var matcher = new IgnoreMatcher(new[] { @"dir\sub", @"logs\*.log" }, windows: true);
        Assert.True(matcher.IsExcluded("dir/sub/file"));
        Assert.True(matcher.IsExcluded("logs/a.log"));
        Assert.False(matcher.IsExcluded("logs/x/a.log"));
    }

    [Fact]
    public void Patterns_are_trimmed_and_empty_ones_dropped()
    {
        var matcher = new IgnoreMatcher(new[] { "  docs ", "", "   ", "\t!docs/README.md " });
        Assert.Equal(new[] { "docs", "!docs/README.md" }, matcher.Patterns.Select(p => p.ToString()));
        Assert.True(matcher.HasExceptions);
    }
}
