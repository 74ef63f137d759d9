using System.Linq;
using DockerPS.Completion;

namespace DockerPS.Tests.Completion;

public class CompletionSourceTests
{
    [Theory]
    [InlineData("busybox:latest")]
    [InlineData("mcr.microsoft.com/dotnet/sdk:8.0")]
    [InlineData("my-app_1")]
    [InlineData("repo@sha256:abc")]
    [InlineData("c++")]
    public void Bare_words_stay_bare(string value) => Assert.Equal(value, CompletionSource.Quote(value));

    [Theory]
    [InlineData("my app", "'my app'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("''", "''''''")]
    [InlineData("", "''")]
    [InlineData("a$b", "'a$b'")]
    [InlineData("a;b", "'a;b'")]
    [InlineData("(x)", "'(x)'")]
    [InlineData("a,b", "'a,b'")]
    [InlineData("127.0.0.1:5000/x", "'127.0.0.1:5000/x'")]
    [InlineData("007", "'007'")]      // bare, PowerShell would bind the number 7
    [InlineData("1kb", "'1kb'")]      // ... or 1024
    [InlineData("0x10", "'0x10'")]
    [InlineData("-x", "'-x'")]
    public void Other_values_are_single_quoted_with_quotes_doubled(string value, string expected) =>
        Assert.Equal(expected, CompletionSource.Quote(value));

    [Fact]
    public void A_candidate_carries_the_quoted_text_and_the_value()
    {
        var candidate = new Candidate("my app", "tip");
        Assert.Equal(("my app", "'my app'", "tip"), (candidate.Value, candidate.CompletionText, candidate.ToolTip));
    }

    [Fact]
    public void Detach_keys_complete_docker_key_names_after_those_typed()
    {
        var empty = Assert.Single(CompletionSource.DetachKeys(""));
        Assert.Equal(("ctrl-p,ctrl-q", "'ctrl-p,ctrl-q'"), (empty.Value, empty.CompletionText));

        Assert.Equal(new[] { "ctrl-p,ctrl-q" }, CompletionSource.DetachKeys("ctrl-p,ctrl-q").Select(c => c.Value));
        Assert.Equal(new[] { "ctrl-p,ctrl-q" }, CompletionSource.DetachKeys("'ctrl-p,ctrl-q").Select(c => c.Value));
        Assert.Equal(33, CompletionSource.DetachKeys("ctrl-x,").Count); // ctrl-@, ctrl-a to ctrl-z, five punctuation keys, DEL
        Assert.Equal(new[] { "ctrl-[", "ctrl-\\", "ctrl-]", "ctrl-^", "ctrl-_" }, CompletionSource.DetachKeys("ctrl-[").Concat(CompletionSource.DetachKeys("ctrl-\\")).Concat(CompletionSource.DetachKeys("ctrl-]")).Concat(CompletionSource.DetachKeys("ctrl-^")).Concat(CompletionSource.DetachKeys("ctrl-_")).Select(c => c.Value));
        Assert.Equal(new[] { "x,DEL" }, CompletionSource.DetachKeys("x,D").Select(c => c.Value));
        Assert.Empty(CompletionSource.DetachKeys("ctrl-P"));
        // Every offered key is one the parser takes.
        foreach (var c in CompletionSource.DetachKeys("ctrl-a,")) DockerPS.Engine.Arguments.DetachKeys.Parse(c.Value);
    }
}
