using System.Collections;
using System.Collections.Generic;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class BuildArgumentsTests
{
    private static string? Lookup(string name) => name == "HTTP_PROXY" ? "http://proxy:3128" : null;

    [Fact]
    public void Strings_take_name_equals_value_and_a_bare_name_takes_the_local_value()
    {
        var args = BuildArguments.Parse(new[] { "VERSION=1.2", "EMPTY=", "EQ=a=b", "HTTP_PROXY", "UNSET", "VERSION=1.3" }, Lookup);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["VERSION"] = "1.3", ["EMPTY"] = "", ["EQ"] = "a=b", ["HTTP_PROXY"] = "http://proxy:3128", ["UNSET"] = null,
        }, args.Entries);
    }

    [Fact]
    public void A_hashtable_converts_values_invariantly_and_null_takes_the_local_value()
    {
        var args = BuildArguments.FromDictionary(new Hashtable { ["N"] = 1.5, ["B"] = true, ["HTTP_PROXY"] = null, ["UNSET"] = null }, Lookup);
        Assert.Equal("1.5", args.Entries["N"]);
        Assert.Equal("true", args.Entries["B"]);
        Assert.Equal("http://proxy:3128", args.Entries["HTTP_PROXY"]);
        Assert.Null(args.Entries["UNSET"]);
    }

    [Theory]
    [InlineData("=value")]
    [InlineData("")]
    [InlineData("  =x")]
    public void A_string_without_a_name_is_refused_naming_it(string value)
    {
        var ex = Assert.Throws<DockerArgumentException>(() => BuildArguments.Parse(new[] { value }, Lookup));
        Assert.Equal(("InvalidBuildArg", (object?)value), (ex.ErrorId, ex.Target));
        Assert.Contains("'" + value + "'", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_hashtable_key_without_a_name_or_with_a_collection_is_refused()
    {
        Assert.Equal("InvalidBuildArg", Assert.Throws<DockerArgumentException>(() => BuildArguments.FromDictionary(new Hashtable { [""] = "x" }, Lookup)).ErrorId);
        Assert.Equal("InvalidBuildArg", Assert.Throws<DockerArgumentException>(() => BuildArguments.FromDictionary(new Hashtable { ["A=B"] = "x" }, Lookup)).ErrorId);
        var ex = Assert.Throws<DockerArgumentException>(() => BuildArguments.FromDictionary(new Hashtable { ["LIST"] = new[] { 1, 2 } }, Lookup));
        Assert.Contains("LIST", ex.Message, System.StringComparison.Ordinal);
    }
}
