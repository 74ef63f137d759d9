using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Text;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class EnvironmentVariablesTests
{
    /// <summary>The local environment the tests pretend to run in.</summary>
    private static string? Local(string name) => name switch
    {
        "HOME" => "/home/me",
        "USER" => "jonzeolla",
        "EMPTY" => "",
        _ => null,
    };

    private static string Engine(EnvironmentVariables e) => string.Join("|", e.ToEngineList());

    [Theory]
    [InlineData("A=1", "A=1")]
    [InlineData("A=", "A=")]
    [InlineData("A==b", "A==b")]
    [InlineData("A=x y ", "A=x y ")]
    [InlineData("A= x", "A= x")]
    [InlineData("A=\"quoted\"", "A=\"quoted\"")]
    [InlineData("PATH=$PATH:/opt", "PATH=$PATH:/opt")]
    [InlineData("A=1,B=2", "A=1,B=2")]
    [InlineData("VNC_GEOMETRY=1440x900", "VNC_GEOMETRY=1440x900")]
    [InlineData("a.b-c=1", "a.b-c=1")]
    [InlineData("HOME", "HOME=/home/me")]
    [InlineData("EMPTY", "EMPTY=")]
    [InlineData("NOT_SET_HERE", "NOT_SET_HERE")]
    public void Reads_one_string_like_docker_run_e(string value, string engine)
    {
        Assert.Equal(engine, Engine(EnvironmentVariables.Parse(new[] { value }, Local)));
    }

    [Fact]
    public void A_name_not_set_locally_has_no_value_so_the_engine_unsets_it()
    {
        var v = Assert.Single(EnvironmentVariables.Parse(new[] { "NOT_SET_HERE" }, Local).Variables);
        Assert.Equal("NOT_SET_HERE", v.Name);
        Assert.Null(v.Value);
    }

    [Fact]
    public void Keeps_order_and_repeats_as_given()
    {
        var e = EnvironmentVariables.Parse(new[] { "B=2", "A=1", "B=3", "USER" }, Local);
        Assert.Equal(new[] { "B=2", "A=1", "B=3", "USER=jonzeolla" }, e.ToEngineList());
    }

    [Fact]
    public void Looks_names_up_in_the_process_environment_by_default()
    {
        var name = "DOCKERPS_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-process");
        try
        {
            Assert.Equal(name + "=from-process", Engine(EnvironmentVariables.Parse(new[] { name })));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Theory]
    [InlineData("=x", "the name before '=' is empty")]
    [InlineData("=", "the name before '=' is empty")]
    [InlineData("", "the name before '=' is empty")]
    [InlineData("A B=1", "the name 'A B' contains whitespace")]
    [InlineData(" A=1", "the name ' A' contains whitespace")]
    [InlineData("A =1", "the name 'A ' contains whitespace")]
    [InlineData("A\t=1", "contains whitespace")]
    [InlineData("MY VAR", "the name 'MY VAR' contains whitespace")]
    [InlineData("A\0B=1", "contains a NUL character")]
    public void Refuses_malformed_strings_naming_them(string value, string reason) =>
        Refusal.Check(() => EnvironmentVariables.Parse(new[] { "OK=1", value }, Local), "InvalidEnvironment", value, reason);

    [Fact]
    public void Refuses_a_null_entry() =>
        Refusal.CheckShown(() => EnvironmentVariables.Parse(new string[] { null! }, Local), "InvalidEnvironment", "$null", "it is empty");

    public static IEnumerable<object?[]> DictionaryValues() => new[]
    {
        new object?[] { "A", 1, "A=1" },
        new object?[] { "B", 1.5, "B=1.5" },
        new object?[] { "C", true, "C=true" },
        new object?[] { "D", false, "D=false" },
        new object?[] { "E", "", "E=" },
        new object?[] { "F", "x=y", "F=x=y" },
        new object?[] { "G", 10000000000L, "G=10000000000" },
        new object?[] { "H", 0.1m, "H=0.1" },
        new object?[] { "I", 'c', "I=c" },
        new object?[] { "J", new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), "J=2024-05-06T07:08:09.0000000Z" },
        new object?[] { "K", -2, "K=-2" },
        new object?[] { "HOME", null, "HOME=/home/me" },
        new object?[] { "NOT_SET_HERE", null, "NOT_SET_HERE" },
        new object?[] { 42, "answer", "42=answer" },
        new object?[] { "VNC_GEOMETRY", "1440x900", "VNC_GEOMETRY=1440x900" },
    };

    [Theory]
    [MemberData(nameof(DictionaryValues))]
    public void Reads_a_hashtable_culture_invariantly(object name, object? value, string engine)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal(engine, Engine(EnvironmentVariables.FromDictionary(new Hashtable { [name] = value }, Local)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void An_ordered_hashtable_keeps_its_order()
    {
        var d = new OrderedDictionary { ["Z"] = 1, ["A"] = 2, ["M"] = 3 };
        Assert.Equal(new[] { "Z=1", "A=2", "M=3" }, EnvironmentVariables.FromDictionary(d, Local).ToEngineList());
    }

    public static IEnumerable<object?[]> BadDictionaryEntries() => new[]
    {
        new object?[] { "", 1, "@{ '' = 1 }", "the name before '=' is empty" },
        new object?[] { "A B", 1, "@{ 'A B' = 1 }", "the name 'A B' contains whitespace" },
        new object?[] { "A=B", 1, "@{ 'A=B' = 1 }", "the name 'A=B' contains '='" },
        new object?[] { "A", new[] { 1, 2 }, "@{ 'A' = Int32[] }", "the value of A is a collection" },
        new object?[] { "A", new ArrayList { "x" }, "@{ 'A' = ArrayList }", "the value of A is a collection" },
    };

    [Theory]
    [MemberData(nameof(BadDictionaryEntries))]
    public void Refuses_malformed_hashtable_entries(object name, object? value, string shown, string reason) =>
        Refusal.CheckShown(() => EnvironmentVariables.FromDictionary(new Hashtable { [name] = value }, Local), "InvalidEnvironment", shown, reason);

    [Fact]
    public void File_entries_come_first_and_strings_after_so_they_win()
    {
        var file = EnvironmentVariables.ParseEnvFile(new StringReader("A=file\nB=file\n"), "env.list", Local);
        var strings = EnvironmentVariables.Parse(new[] { "A=string" }, Local);
        Assert.Equal(new[] { "A=file", "B=file", "A=string" }, file.Concat(strings).ToEngineList());
        Assert.Empty(EnvironmentVariables.Empty.Variables);
    }

    // ---- env files -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("VAR1=value1\nVAR2=value2\n", "VAR1=value1|VAR2=value2")]
    [InlineData("# This is a comment\nVAR1=value1\nVAR2=value2\nUSER\n", "VAR1=value1|VAR2=value2|USER=jonzeolla")]
    [InlineData("\n\n   \nA=1\n\t\n", "A=1")]
    [InlineData("   A=1", "A=1")]
    [InlineData("\tA=1", "A=1")]
    [InlineData("A=1   ", "A=1   ")]
    [InlineData("A=\"quoted value\"", "A=\"quoted value\"")]
    [InlineData("A='single'", "A='single'")]
    [InlineData("A=x # not a comment", "A=x # not a comment")]
    [InlineData("  # indented comment\nA=1", "A=1")]
    [InlineData("#A=1\nB=2", "B=2")]
    [InlineData("A=1\r\nB=2\r\n", "A=1|B=2")]
    [InlineData("A=\nB", "A=")]
    [InlineData("NOT_SET_HERE\nHOME", "HOME=/home/me")]
    [InlineData("EMPTY", "EMPTY=")]
    [InlineData("\uFEFFA=1", "A=1")]
    [InlineData("A=$HOME", "A=$HOME")]
    [InlineData("A=1\nA=2", "A=1|A=2")]
    [InlineData("", "")]
    public void Reads_env_files_like_docker_run_env_file(string text, string engine)
    {
        Assert.Equal(engine, Engine(EnvironmentVariables.ParseEnvFile(new StringReader(text), "env.list", Local)));
        Assert.Equal(engine, Engine(EnvironmentVariables.ParseEnvFile(new MemoryStream(Encoding.UTF8.GetBytes(text)), "env.list", Local)));
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_dropped_from_a_stream()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'A', (byte)'=', (byte)'1' };
        Assert.Equal("A=1", Engine(EnvironmentVariables.ParseEnvFile(new MemoryStream(bytes), "env.list", Local)));
    }

    [Theory]
    [InlineData("A=1\n\nB C=2", 3, "'B C=2': the name 'B C' contains whitespace")]
    [InlineData("=x", 1, "'=x': the name before '=' is empty")]
    [InlineData("# ok\nA=1\n=", 3, "the name before '=' is empty")]
    [InlineData("MY VAR", 1, "the name 'MY VAR' contains whitespace")]
    [InlineData("A\t=1", 1, "contains whitespace")]
    [InlineData("A=1\r\nB =2\r\n", 2, "the name 'B ' contains whitespace")]
    public void Refuses_a_bad_line_with_the_file_name_and_line_number(string text, int line, string reason)
    {
        foreach (var parse in new Func<object>[]
        {
            () => EnvironmentVariables.ParseEnvFile(new StringReader(text), "C:/svn/env.list", Local),
            () => EnvironmentVariables.ParseEnvFile(new MemoryStream(Encoding.UTF8.GetBytes(text)), "C:/svn/env.list", Local),
        })
        {
            var ex = Refusal.Check(parse, "InvalidEnvFile", "C:/svn/env.list", reason);
            Assert.Contains("line " + line + ":", ex.Message);
        }
    }

    [Fact]
    public void Refuses_invalid_utf8_with_its_line()
    {
        var bytes = new byte[] { (byte)'A', (byte)'=', (byte)'1', (byte)'\n', (byte)'B', (byte)'=', 0xC3, 0x28 };
        var ex = Refusal.Check(() => EnvironmentVariables.ParseEnvFile(new MemoryStream(bytes), "env.list", Local), "InvalidEnvFile", "env.list", "it is not valid UTF-8");
        Assert.Contains("line 2:", ex.Message);
    }
}
