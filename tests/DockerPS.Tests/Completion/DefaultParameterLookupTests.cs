using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Completion;

namespace DockerPS.Tests.Completion;

/// <summary>$PSDefaultParameterValues read as PowerShell's binder reads it, for the engine a completer asks.</summary>
public class DefaultParameterLookupTests
{
    private const string Engine28 = "unix:///run/dockerps-ci/engine28/docker.sock";
    private const string Other = "tcp://10.0.0.5:2375";

    /// <summary>Get-DockerContainer's parameters that matter here, with a common parameter beside them.</summary>
    private static readonly CommandShape GetContainer = new("Get-DockerContainer", new[] { "gdc" }, new Dictionary<string, IReadOnlyList<string>>
    {
        ["Name"] = Array.Empty<string>(),
        ["Id"] = Array.Empty<string>(),
        ["All"] = Array.Empty<string>(),
        ["Context"] = Array.Empty<string>(),
        ["DockerHost"] = Array.Empty<string>(),
        ["Debug"] = new[] { "db" },
    });

    private static object? Find(IDictionary defaults, string parameter = "DockerHost", CommandShape? command = null) =>
        DefaultParameterLookup.TryFind(defaults, command ?? GetContainer, parameter, IsTrue, out var value) ? value : "(none)";

    /// <summary>PowerShell's truth for the values these tests use.</summary>
    private static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        int i => i != 0,
        _ => true,
    };

    private static Hashtable Defaults(params (string Key, object? Value)[] entries)
    {
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries) table[key] = value;
        return table;
    }

    [Theory]
    [InlineData("*-Docker*:DockerHost")]
    [InlineData("Get-DockerContainer:DockerHost")]
    [InlineData("get-dockercontainer:dockerhost")]
    [InlineData("*:DockerHost")]
    [InlineData("Get-Docker?ontainer:DockerHost")]
    [InlineData("Get-Docker[A-C]ontainer:DockerHost")]
    [InlineData("*-DockerContainer:Docker*")]
    [InlineData("  Get-DockerContainer  :  DockerHost  ")]
    [InlineData("'Get-DockerContainer':'DockerHost'")]
    [InlineData("\"Get-DockerContainer\" : \"DockerHost\"")]
    [InlineData("gdc:DockerHost")]
    [InlineData("g?c:DockerHost")]
    public void A_key_that_names_the_command_and_parameter_gives_its_value(string key) =>
        Assert.Equal(Engine28, Find(Defaults((key, Engine28))));

    [Theory]
    [InlineData("Get-DockerImage:DockerHost")]          // another command
    [InlineData("*-DockerImage:DockerHost")]
    [InlineData("Get-DockerContainer:Context")]         // another parameter
    [InlineData("Get-DockerContainer:Docker")]          // no prefix matching without a wildcard
    [InlineData("Get-DockerContainer*:DockerHost2")]
    [InlineData("Get-Docker*")]                         // not Command:Parameter
    [InlineData(":DockerHost")]
    [InlineData("Get-DockerContainer:")]
    [InlineData("'Get-DockerContainer:DockerHost")]     // unclosed quote
    [InlineData("'Get-DockerContainer':'DockerHost' x")] // text after the closing quote
    [InlineData("Get-Docker?:DockerHost")]              // ? is one character
    public void A_key_that_misses_gives_nothing(string key) =>
        Assert.Equal("(none)", Find(Defaults((key, Engine28))));

    [Fact]
    public void A_wildcard_parameter_that_fits_more_than_one_parameter_is_ambiguous_and_ignored()
    {
        // *o*t fits DockerHost and Context.
        Assert.Equal("(none)", Find(Defaults(("*:*o*t", Engine28))));
        // D* fits DockerHost and Debug.
        Assert.Equal("(none)", Find(Defaults(("Get-DockerContainer:D*", Engine28))));
        // Doc* fits DockerHost alone.
        Assert.Equal(Engine28, Find(Defaults(("Get-DockerContainer:Doc*", Engine28))));
    }

    [Fact]
    public void A_parameter_alias_names_its_parameter()
    {
        Assert.Equal(true, Find(Defaults(("Get-DockerContainer:db", true)), "Debug"));
        Assert.Equal(true, Find(Defaults(("*:d?", true)), "Debug"));
    }

    [Fact]
    public void A_name_and_an_alias_that_both_fit_one_wildcard_count_twice_as_PowerShell_counts_them()
    {
        var shape = new CommandShape("Get-X", Array.Empty<string>(), new Dictionary<string, IReadOnlyList<string>> { ["Host"] = new[] { "H" } });
        Assert.Equal("(none)", Find(Defaults(("Get-X:H*", Other)), "Host", shape));
        Assert.Equal(Other, Find(Defaults(("Get-X:Ho*", Other)), "Host", shape));
    }

    [Fact]
    public void Keys_that_agree_give_the_value_and_keys_that_disagree_give_nothing()
    {
        Assert.Equal(Engine28, Find(Defaults(("*-Docker*:DockerHost", Engine28), ("Get-DockerContainer:DockerHost", Engine28))));
        Assert.Equal("(none)", Find(Defaults(("*-Docker*:DockerHost", Engine28), ("Get-DockerContainer:DockerHost", Other))));
        Assert.Equal("(none)", Find(Defaults(("*-Docker*:DockerHost", Engine28), ("*:DockerHost", Other))));
        // Another command's key does not disagree.
        Assert.Equal(Engine28, Find(Defaults(("*-Docker*:DockerHost", Engine28), ("Get-DockerImage:DockerHost", Other))));
    }

    [Fact]
    public void Disabled_turns_every_default_off_when_true()
    {
        Assert.Equal("(none)", Find(Defaults(("*-Docker*:DockerHost", Engine28), ("Disabled", true))));
        Assert.Equal("(none)", Find(Defaults(("Disabled", "yes"), ("*-Docker*:DockerHost", Engine28))));
        Assert.Equal(Engine28, Find(Defaults(("*-Docker*:DockerHost", Engine28), ("Disabled", false))));
        Assert.Equal(Engine28, Find(Defaults(("*-Docker*:DockerHost", Engine28), ("disabled", 0))));
    }

    [Fact]
    public void Nothing_to_read_gives_nothing()
    {
        Assert.False(DefaultParameterLookup.TryFind(null, GetContainer, "DockerHost", IsTrue, out _));
        Assert.False(DefaultParameterLookup.TryFind(new Hashtable(), GetContainer, "DockerHost", IsTrue, out _));
        // A parameter the command does not have.
        Assert.Equal("(none)", Find(Defaults(("*:Nope", Engine28)), "Nope"));
        // Keys that are not strings are skipped, as PowerShell skips them.
        var table = new Hashtable { [42] = Other, ["*:DockerHost"] = Engine28 };
        Assert.Equal(Engine28, Find(table));
    }

    [Fact]
    public void The_value_comes_back_as_it_was_set()
    {
        var value = new object();
        Assert.Same(value, Find(Defaults(("*:DockerHost", value))));
    }

    [Theory]
    [InlineData("A:B", "A", "B")]
    [InlineData(" A : B ", "A", "B")]
    [InlineData("'A:x':B", "A:x", "B")]
    [InlineData("A:'B'", "A", "B")]
    [InlineData("A:B:C", "A", "B:C")]
    [InlineData("\u2018A\u2019:\u201CB\u201D", "A", "B")]
    public void Keys_split_into_command_and_parameter(string key, string command, string parameter)
    {
        Assert.True(DefaultParameterLookup.TryParseKey(key, out var c, out var p));
        Assert.Equal((command, parameter), (c, p));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("AB")]
    [InlineData("'':B")]
    [InlineData("A:''")]
    [InlineData("'A'B:C")]
    [InlineData("'A\":B")]
    public void Malformed_keys_do_not_split(string key) => Assert.False(DefaultParameterLookup.TryParseKey(key, out _, out _));

    [Fact]
    public void The_command_shape_keeps_what_it_was_given()
    {
        Assert.Equal(new[] { "gdc" }, GetContainer.Aliases);
        Assert.Contains("DockerHost", GetContainer.Parameters.Select(p => p.Key));
    }
}
