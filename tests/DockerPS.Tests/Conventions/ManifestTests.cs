using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DockerPS.Tests.Support;

namespace DockerPS.Tests.Conventions;

/// <summary>DockerPS.psd1 against the built module: what it exports exists, and everything that exists is exported.</summary>
[Collection(SharedModule.Name)]
public class ManifestTests
{
    private readonly ModuleFixture _module;

    public ManifestTests(ModuleFixture module) => _module = module;

    [Fact]
    public void CmdletsToExport_lists_exactly_the_module_cmdlets()
    {
        var exported = ListValue(ManifestText, "CmdletsToExport");
        var cmdlets = _module.Cmdlets.Select(c => c.Name).ToList();
        Assert.Empty(cmdlets.Except(exported, StringComparer.Ordinal).Select(n => $"{n} is not in CmdletsToExport."));
        Assert.Empty(exported.Except(cmdlets, StringComparer.Ordinal).Select(n => $"CmdletsToExport lists {n}, which the module does not have."));
        Assert.Equal(exported.Count, exported.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(exported.Order(StringComparer.OrdinalIgnoreCase), exported);
    }

    [Fact]
    public void AliasesToExport_lists_exactly_the_cmdlet_aliases_and_each_resolves_to_an_exported_cmdlet()
    {
        var aliases = ListValue(ManifestText, "AliasesToExport");
        Assert.Empty(CmdletRules.ExportedAliases(_module.Cmdlets, ListValue(ManifestText, "CmdletsToExport"), aliases));
        Assert.Equal(aliases.Order(StringComparer.OrdinalIgnoreCase), aliases);
    }

    [Fact]
    public void Build_DockerImage_is_an_alias_of_Invoke_DockerBuild()
    {
        // Its first name, which scripts written for DockerPS before the rename still call.
        Assert.Equal(new[] { "Build-DockerImage" }, _module.Cmdlets.Single(c => c.Name == "Invoke-DockerBuild").Aliases);
        Assert.Contains("Build-DockerImage", ListValue(ManifestText, "AliasesToExport"));
        Assert.DoesNotContain(_module.Cmdlets, c => c.Name == "Build-DockerImage");
    }

    [Theory]
    [InlineData("FormatsToProcess")]
    [InlineData("TypesToProcess")]
    public void Format_and_type_files_the_manifest_names_exist(string key)
    {
        var files = ListValue(ManifestText, key);
        Assert.NotEmpty(files);
        Assert.Empty(files.Where(f => !File.Exists(Path.Combine(Repository.ModuleSource, f))).Select(f => $"{key} names {f}, which is not in src/DockerPS."));
    }

    [Fact]
    public void RootModule_is_the_module_assembly() =>
        Assert.Equal(Path.GetFileName(Repository.ModuleAssembly), ScalarValue(ManifestText, "RootModule"));

    [Fact]
    public void The_manifest_reader_reads_lists_and_scalars()
    {
        const string text = """
            @{
                RootModule = 'X.dll'
                # CmdletsToExport = @('Commented-Out')
                CmdletsToExport = @(
                    'Get-A'   # a comment
                    "Get-B"
                    'Get-C', 'Get-D'
                )
                FormatsToProcess = @()
            }
            """;
        Assert.Equal(new[] { "Get-A", "Get-B", "Get-C", "Get-D" }, ListValue(text, "CmdletsToExport"));
        Assert.Empty(ListValue(text, "FormatsToProcess"));
        Assert.Equal("X.dll", ScalarValue(text, "RootModule"));
        Assert.Throws<Xunit.Sdk.FailException>(() => ListValue(text, "TypesToProcess"));
    }

    internal static string ManifestText => File.ReadAllText(Repository.Manifest);

    /// <summary>The strings of <c>Key = @( ... )</c>, comments removed.</summary>
    internal static List<string> ListValue(string psd1, string key)
    {
        var text = StripComments(psd1);
        var match = Regex.Match(text, $@"^\s*{key}\s*=\s*@\((?<body>[^)]*)\)", RegexOptions.Multiline);
        if (!match.Success) Assert.Fail($"The manifest has no {key} = @(...).");
        return Regex.Matches(match.Groups["body"].Value, @"'(?<v>[^']*)'|""(?<v>[^""]*)""").Select(m => m.Groups["v"].Value).ToList();
    }

    private static string ScalarValue(string psd1, string key)
    {
        var match = Regex.Match(StripComments(psd1), $@"^\s*{key}\s*=\s*['""](?<v>[^'""]*)['""]", RegexOptions.Multiline);
        if (!match.Success) Assert.Fail($"The manifest has no {key} = '...'.");
        return match.Groups["v"].Value;
    }

    private static string StripComments(string psd1) => Regex.Replace(psd1, @"#[^\n]*", string.Empty);
}
