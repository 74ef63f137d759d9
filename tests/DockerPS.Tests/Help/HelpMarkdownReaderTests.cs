using System.Collections.Generic;
using System.Linq;
using DockerPS.HelpBuilder.Markdown;

namespace DockerPS.Tests.Help;

public class HelpMarkdownReaderTests
{
    private const string Valid = """
        # Get-DockerThing

        ## SYNOPSIS
        Gets things.

        ## DESCRIPTION
        First paragraph,
        continued on a second line.

        - a list item
        - another

        ## PARAMETERS

        ### -Name
        The **name**, see `docker thing ls` and [the docs](https://example.invalid/x).

        ## EXAMPLES

        ### Example 1: Get them
        ```powershell
        Get-DockerThing |
            Sort-Object Name
        ```

        Sorted by name.

        ```output
        NAME
        a
        ```

        ## OUTPUTS

        ### DockerPS.Thing
        One thing.

        ## RELATED LINKS
        - [Get-DockerOther](Get-DockerOther.md)
        - [docker thing](https://example.invalid/thing)
        - about_DockerPS
        """;

    [Fact]
    public void Reads_every_section()
    {
        var (help, problems) = Parse(Valid);
        Assert.Empty(problems);
        Assert.Equal("Gets things.", Assert.Single(help.Synopsis));
        Assert.Equal(new[] { "First paragraph, continued on a second line.", "- a list item", "- another" }, help.Description);
        var name = Assert.Single(help.Parameters);
        Assert.Equal("Name", name.Name);
        Assert.Equal("The name, see docker thing ls and the docs.", Assert.Single(name.Paragraphs));
        var example = Assert.Single(help.Examples);
        Assert.Equal((1, "Get them"), (example.Number, example.Title));
        Assert.Equal("Get-DockerThing |\n    Sort-Object Name", example.Code);
        Assert.Equal(new[] { "Sorted by name.", "NAME\na" }, example.Remarks);
        Assert.Equal("DockerPS.Thing", Assert.Single(help.Outputs).Name);
        Assert.Equal(new[] { new LinkHelp("Get-DockerOther", null), new LinkHelp("docker thing", "https://example.invalid/thing"), new LinkHelp("about_DockerPS", null) }, help.Links);
    }

    [Fact]
    public void Reports_a_title_that_does_not_match_the_file_name()
    {
        var (_, problems) = Parse(Valid.Replace("# Get-DockerThing", "# Get-DockerOther", System.StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("does not match the file name; expected '# Get-DockerThing'", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("## SYNOPSIS", "appears twice")]
    [InlineData("## SEE ALSO", "Unknown section '## SEE ALSO'")]
    [InlineData("#### Deep", "Unexpected heading")]
    [InlineData("### -", "A parameter entry is written '### -Name'")]
    [InlineData("### -name", "The parameter -name is described twice.")]
    public void Reports_headings_that_do_not_fit(string heading, string expected)
    {
        var (_, problems) = Parse(Valid.Replace("## EXAMPLES", heading + "\nText.\n\n## EXAMPLES", System.StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains(expected, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_sections_out_of_order()
    {
        var (_, problems) = Parse("# Get-DockerThing\n\n## DESCRIPTION\nD.\n\n## SYNOPSIS\nS.\n\n## EXAMPLES\n\n### Example 1: E\n```powershell\nGet-DockerThing\n```\n\nE.\n");
        Assert.Contains(problems, p => p.Message.Contains("out of order", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("### Example 1: No code\nJust words.\n", "must start with a ```powershell code block")]
    [InlineData("### Example 1: Wrong language\n```sh\ndocker ps\n```\n\nWords.\n", "must start with a ```powershell code block")]
    [InlineData("### Example 1: No words\n```powershell\nGet-DockerThing\n```\n", "needs a sentence or two")]
    [InlineData("### Example 2: Misnumbered\n```powershell\nGet-DockerThing\n```\n\nWords.\n", "should be numbered 1")]
    [InlineData("### First example\n```powershell\nGet-DockerThing\n```\n\nWords.\n", "'### Example N: Title'")]
    [InlineData("### Example 1: Open\n```powershell\nGet-DockerThing\n", "not closed")]
    public void Reports_malformed_examples(string example, string expected)
    {
        var (_, problems) = Parse("# Get-DockerThing\n\n## SYNOPSIS\nS.\n\n## DESCRIPTION\nD.\n\n## EXAMPLES\n\n" + example);
        Assert.Contains(problems, p => p.Message.Contains(expected, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_missing_required_sections_and_stray_text()
    {
        var (_, problems) = Parse("# Get-DockerThing\nStray.\n\n## PARAMETERS\nNot in an entry.\n");
        var messages = problems.Select(p => p.Message).ToList();
        Assert.Contains(messages, m => m.Contains("Text between the title", System.StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("must be inside a '###' entry", System.StringComparison.Ordinal));
        Assert.Contains("The section '## SYNOPSIS' is missing.", messages);
        Assert.Contains("The section '## EXAMPLES' is missing.", messages);
    }

    [Fact]
    public void Comments_are_skipped()
    {
        var (help, problems) = Parse(Valid.Replace("## SYNOPSIS\n", "## SYNOPSIS\n<!-- a note\nfor writers -->\n", System.StringComparison.Ordinal));
        Assert.Empty(problems);
        Assert.Equal("Gets things.", Assert.Single(help.Synopsis));
    }

    [Theory]
    [InlineData("`web*` and **bold**", "web* and bold")]
    [InlineData("see [Get-Help](https://example.invalid) now", "see Get-Help now")]
    [InlineData("a \\* star", "a * star")]
    [InlineData("plain web* text", "plain web* text")]
    public void Inline_markdown_becomes_plain_text(string markdown, string expected) =>
        Assert.Equal(expected, HelpMarkdownReader.Inline(markdown));

    private static (CommandHelp Help, List<HelpProblem> Problems) Parse(string text)
    {
        var problems = new List<HelpProblem>();
        var help = HelpMarkdownReader.Parse(text, "/docs/Get-DockerThing.md", problems);
        return (help, problems);
    }
}
