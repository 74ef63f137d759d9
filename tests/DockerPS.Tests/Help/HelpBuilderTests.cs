using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DockerPS.HelpBuilder;
using DockerPS.HelpBuilder.Maml;
using DockerPS.HelpBuilder.Metadata;
using DockerPS.Tests.Support;

namespace DockerPS.Tests.Help;

/// <summary>The help builder refuses incomplete help: each case breaks one thing in a copy of docs/help.</summary>
[Collection(SharedModule.Name)]
public sealed class HelpBuilderTests : IDisposable
{
    private readonly ModuleFixture _module;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "dockerps-helpbuilder-" + Guid.NewGuid().ToString("N"));

    public HelpBuilderTests(ModuleFixture module)
    {
        _module = module;
        Directory.CreateDirectory(Docs);
        foreach (var file in Directory.EnumerateFiles(Repository.HelpDirectory, "*.md")) File.Copy(file, Path.Combine(Docs, Path.GetFileName(file)));
    }

    private string Docs => Path.Combine(_work, "help");

    private string Output => Path.Combine(_work, "out", "en-US", "DockerPS.dll-Help.xml");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void The_unchanged_copy_builds() => Assert.Equal(HelpBuilderCommand.Success, Build().Exit);

    [Fact]
    public void A_cmdlet_without_a_markdown_file_fails_the_build()
    {
        File.Delete(Path.Combine(Docs, "Get-DockerInfo.md"));
        AssertFails("Get-DockerInfo has no help");
    }

    [Fact]
    public void A_parameter_entry_without_text_fails_the_build()
    {
        Edit("Get-DockerContainer.md", text => Entry("-Last").Replace(text, "### -Last\n\n"));
        AssertFails("The parameter -Last has no description.");
    }

    [Fact]
    public void A_parameter_left_out_of_the_markdown_fails_the_build()
    {
        Edit("Get-DockerImage.md", text => Entry("-SharedSize").Replace(text, string.Empty));
        AssertFails("The parameter -SharedSize of Get-DockerImage has no description");
    }

    [Fact]
    public void Inherited_parameters_need_the_shared_descriptions()
    {
        File.Delete(Path.Combine(Docs, HelpCompiler.SharedParametersFile));
        var error = AssertFails("The parameter -DockerHost of Get-DockerVersion has no description");
        Assert.Contains("The parameter -Context of Get-DockerContainer has no description", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cmdlet_file_may_describe_an_inherited_parameter_itself()
    {
        Edit("Get-DockerInfo.md", text => text.Replace("## EXAMPLES", "## PARAMETERS\n\n### -Context\nThe context of the engine to describe.\n\n## EXAMPLES", StringComparison.Ordinal));
        Assert.Equal(HelpBuilderCommand.Success, Build().Exit);
        var info = XDocument.Load(Output).Descendants(MamlWriter.Command + "command").Single(c => c.Descendants(MamlWriter.Command + "name").First().Value == "Get-DockerInfo");
        var context = info.Element(MamlWriter.Command + "parameters")!.Elements().Single(p => p.Element(MamlWriter.Maml + "name")!.Value == "Context");
        Assert.Equal("The context of the engine to describe.", context.Element(MamlWriter.Maml + "description")!.Value);
    }

    [Fact]
    public void Describing_a_parameter_the_cmdlet_does_not_have_fails_the_build()
    {
        Edit("Get-DockerImage.md", text => text.Replace("### -All", "### -Tag\nA tag.\n\n### -All", StringComparison.Ordinal));
        AssertFails("Get-DockerImage has no parameter -Tag");
    }

    [Fact]
    public void Describing_a_common_parameter_fails_the_build()
    {
        Edit("Get-DockerImage.md", text => text.Replace("### -All", "### -Verbose\nMore output.\n\n### -All", StringComparison.Ordinal));
        AssertFails("-Verbose is a common parameter");
    }

    [Fact]
    public void WhatIf_on_a_cmdlet_without_ShouldProcess_fails_the_build()
    {
        Edit("Get-DockerImage.md", text => text.Replace("### -All", "### -WhatIf\nShows what would happen.\n\n### -All", StringComparison.Ordinal));
        AssertFails("does not support (no SupportsShouldProcess)");
    }

    [Fact]
    public void A_cmdlet_without_examples_fails_the_build()
    {
        Edit("Get-DockerVersion.md", text => Regex.Replace(text, @"## EXAMPLES\n.*?(?=## OUTPUTS)", "## EXAMPLES\n\n", RegexOptions.Singleline));
        AssertFails("Get-DockerVersion has no example");
    }

    [Fact]
    public void A_markdown_file_for_a_cmdlet_that_does_not_exist_fails_the_build()
    {
        File.Copy(Path.Combine(Docs, "Get-DockerInfo.md"), Path.Combine(Docs, "Get-DockerSwarm.md"));
        Edit("Get-DockerSwarm.md", text => text.Replace("# Get-DockerInfo", "# Get-DockerSwarm", StringComparison.Ordinal));
        AssertFails("There is no cmdlet Get-DockerSwarm in the module");
    }

    [Fact]
    public void A_markdown_file_for_a_cmdlet_alias_fails_the_build_and_names_the_cmdlet()
    {
        File.Copy(Path.Combine(Docs, "Invoke-DockerBuild.md"), Path.Combine(Docs, "Build-DockerImage.md"));
        Edit("Build-DockerImage.md", text => text.Replace("# Invoke-DockerBuild\n", "# Build-DockerImage\n", StringComparison.Ordinal));
        AssertFails("Build-DockerImage is an alias of Invoke-DockerBuild, and Get-Help Build-DockerImage shows Invoke-DockerBuild's help");
    }

    [Fact]
    public void A_cmdlet_alias_its_notes_do_not_name_fails_the_build()
    {
        Edit("Invoke-DockerBuild.md", text => text.Replace("Build-DockerImage", "The old name", StringComparison.Ordinal));
        AssertFails("Invoke-DockerBuild has the alias Build-DockerImage, which its help does not name");
    }

    [Fact]
    public void An_output_type_the_cmdlet_does_not_declare_fails_the_build()
    {
        Edit("Get-DockerInfo.md", text => text.Replace("### DockerPS.Engine.Model.DockerInfo", "### System.String", StringComparison.Ordinal));
        var error = AssertFails("Get-DockerInfo does not declare [OutputType(System.String)]");
        Assert.Contains("The output type DockerPS.Engine.Model.DockerInfo has no description", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_are_reported_with_file_and_line()
    {
        Edit("Get-DockerImage.md", text => text.Replace("## NOTES", "## NOTE", StringComparison.Ordinal));
        var error = AssertFails("Unknown section '## NOTE'");
        var line = File.ReadAllLines(Path.Combine(Docs, "Get-DockerImage.md")).ToList().IndexOf("## NOTE") + 1;
        Assert.Contains($"Get-DockerImage.md:{line}: Unknown section", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_module_or_help_folder_is_an_error_not_a_crash()
    {
        Assert.Equal(HelpBuilderCommand.Failure, Build(module: Path.Combine(_work, "nothing.dll")).Exit);
        Assert.Equal(HelpBuilderCommand.Failure, Build(docs: Path.Combine(_work, "nowhere")).Exit);
        var (exit, _, error) = Build(extra: new[] { "--sma", Path.Combine(_work, "missing.dll") });
        Assert.Equal(HelpBuilderCommand.Failure, exit);
        Assert.Contains("given with --sma does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_command_line_prints_the_usage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(HelpBuilderCommand.UsageError, HelpBuilderCommand.Run(new[] { Repository.ModuleAssembly }, output, error));
        Assert.Contains("Usage:", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(HelpBuilderCommand.UsageError, HelpBuilderCommand.Run(new[] { "a", "b", "c", "--bogus" }, output, error));
    }

    [Fact]
    public void ShouldProcess_cmdlets_get_WhatIf_and_Confirm_in_their_help()
    {
        var cmdlet = Synthetic.WellFormedRemove();
        var docs = Path.Combine(_work, "synthetic");
        Directory.CreateDirectory(docs);
        File.WriteAllText(Path.Combine(docs, "Remove-DockerContainer.md"), """
            # Remove-DockerContainer

            ## SYNOPSIS
            Removes containers.

            ## DESCRIPTION
            Removes containers, as docker rm does.

            ## PARAMETERS

            ### -Name
            Names.

            ### -Id
            Ids.

            ### -Force
            Also running ones.

            ### CommonParameters
            Ignored.

            ## EXAMPLES

            ### Example 1: Remove exited containers
            ```powershell
            Get-DockerContainer -Status exited | Remove-DockerContainer -WhatIf
            ```

            Shows what would be removed.

            ## OUTPUTS

            ### System.String
            Nothing useful.
            """);
        var result = HelpCompiler.Compile(new[] { cmdlet }, docs);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        var command = result.Document!.Root!.Element(MamlWriter.Command + "command")!;
        var parameters = command.Element(MamlWriter.Command + "parameters")!.Elements().Select(p => p.Element(MamlWriter.Maml + "name")!.Value).ToList();
        Assert.Equal(new[] { "Name", "Id", "Force", "WhatIf", "Confirm" }, parameters);
        foreach (var item in command.Element(MamlWriter.Command + "syntax")!.Elements())
            Assert.Equal(new[] { "WhatIf", "Confirm" }, item.Elements(MamlWriter.Command + "parameter").Select(p => p.Element(MamlWriter.Maml + "name")!.Value).TakeLast(2));
    }

    private (int Exit, string Output, string Error) Build(string? module = null, string? docs = null, string[]? extra = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var args = new[] { module ?? Repository.ModuleAssembly, docs ?? Docs, Output }.Concat(extra ?? Array.Empty<string>()).ToArray();
        var exit = HelpBuilderCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string AssertFails(string expected)
    {
        var (exit, _, error) = Build();
        Assert.Equal(HelpBuilderCommand.Failure, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(File.Exists(Output), "Nothing is written when the help has problems.");
        return error;
    }

    private void Edit(string file, Func<string, string> change)
    {
        var path = Path.Combine(Docs, file);
        var before = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(path, after);
    }

    /// <summary>A parameter entry from its heading up to the next heading.</summary>
    private static Regex Entry(string heading) => new($@"### {Regex.Escape(heading)}\n.*?(?=\n##)", RegexOptions.Singleline);
}
