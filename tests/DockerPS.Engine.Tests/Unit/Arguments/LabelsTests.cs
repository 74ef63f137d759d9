using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class LabelsTests
{
    private static string Show(Labels l) => string.Join("|", l.Entries.OrderBy(kv => kv.Key, System.StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));

    [Theory]
    [InlineData(new[] { "k=v" }, "k=v")]
    [InlineData(new[] { "my-label" }, "my-label=")]
    [InlineData(new[] { "k=" }, "k=")]
    [InlineData(new[] { "k=v=w" }, "k=v=w")]
    [InlineData(new[] { "k= v " }, "k= v ")]
    [InlineData(new[] { "com.example.owner=ops team" }, "com.example.owner=ops team")]
    [InlineData(new[] { "com.example.foo=bar", "my-label" }, "com.example.foo=bar|my-label=")]
    [InlineData(new[] { "a=1", "a=2" }, "a=2")]
    [InlineData(new[] { "a=1", "a" }, "a=")]
    [InlineData(new string[0], "")]
    public void Reads_label_strings_like_docker_run_l(string[] values, string expected) => Assert.Equal(expected, Show(Labels.Parse(values)));

    [Theory]
    [InlineData("=v", "the key before '=' is empty")]
    [InlineData("=", "the key before '=' is empty")]
    [InlineData("", "the key before '=' is empty")]
    [InlineData(" k=v", "the key ' k' contains whitespace")]
    [InlineData("k v=1", "the key 'k v' contains whitespace")]
    [InlineData("k\t=1", "contains whitespace")]
    public void Refuses_malformed_labels_naming_them(string value, string reason) =>
        Refusal.Check(() => Labels.Parse(new[] { "ok=1", value }), "InvalidLabel", value, reason);

    [Fact]
    public void Refuses_a_null_entry() =>
        Refusal.CheckShown(() => Labels.Parse(new string[] { null! }), "InvalidLabel", "$null", "it is empty");

    public static IEnumerable<object?[]> DictionaryValues() => new[]
    {
        new object?[] { "a", 1, "a=1" },
        new object?[] { "b", true, "b=true" },
        new object?[] { "c", null, "c=" },
        new object?[] { "d", 2.5, "d=2.5" },
        new object?[] { "com.example.owner", "ops", "com.example.owner=ops" },
        new object?[] { 7, "seven", "7=seven" },
    };

    [Theory]
    [MemberData(nameof(DictionaryValues))]
    public void Reads_a_hashtable_culture_invariantly(object key, object? value, string expected)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
        try
        {
            Assert.Equal(expected, Show(Labels.FromDictionary(new Hashtable { [key] = value })));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    public static IEnumerable<object?[]> BadDictionaryEntries() => new[]
    {
        new object?[] { "", "v", "@{ '' = 'v' }", "the key before '=' is empty" },
        new object?[] { "a b", "v", "@{ 'a b' = 'v' }", "the key 'a b' contains whitespace" },
        new object?[] { "a=b", "v", "@{ 'a=b' = 'v' }", "the key 'a=b' contains '='" },
        new object?[] { "a", new[] { "x", "y" }, "@{ 'a' = String[] }", "the value of a is a collection" },
    };

    [Theory]
    [MemberData(nameof(BadDictionaryEntries))]
    public void Refuses_malformed_hashtable_entries(object key, object? value, string shown, string reason) =>
        Refusal.CheckShown(() => Labels.FromDictionary(new Hashtable { [key] = value }), "InvalidLabel", shown, reason);

    [Fact]
    public void Later_labels_win_when_merged()
    {
        var merged = Labels.Parse(new[] { "a=1", "b=1" }).Merge(Labels.FromDictionary(new Hashtable { ["b"] = 2, ["c"] = 3 }));
        Assert.Equal("a=1|b=2|c=3", Show(merged));
        Assert.Empty(Labels.Empty.Entries);
    }
}
