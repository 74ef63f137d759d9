using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace DockerPS.HelpBuilder.Markdown;

/// <summary>
/// Reads the help markdown format of docs/help/README.md: a <c># Verb-Noun</c> title, <c>##</c> sections in a
/// fixed order, <c>###</c> entries for parameters, examples, inputs and outputs. Anything else is reported with its
/// line, so a typo in a heading is an error rather than text that silently goes missing.
/// </summary>
internal static partial class HelpMarkdownReader
{
    public const string Synopsis = "SYNOPSIS";
    public const string Description = "DESCRIPTION";
    public const string Parameters = "PARAMETERS";
    public const string Examples = "EXAMPLES";
    public const string Inputs = "INPUTS";
    public const string Outputs = "OUTPUTS";
    public const string Notes = "NOTES";
    public const string RelatedLinks = "RELATED LINKS";

    /// <summary>The sections, in the order a file must have them.</summary>
    public static readonly IReadOnlyList<string> SectionOrder = new[] { Synopsis, Description, Parameters, Examples, Inputs, Outputs, Notes, RelatedLinks };

    /// <summary>The <c>###</c> entry that stands for PowerShell's common parameters; allowed, and left out of the MAML.</summary>
    public const string CommonParametersEntry = "CommonParameters";

    public static CommandHelp Read(string path, ICollection<HelpProblem> problems, bool shared = false) =>
        Parse(File.ReadAllText(path, Encoding.UTF8), path, problems, shared);

    /// <summary>Parses one file's text; problems are added to <paramref name="problems"/> with <paramref name="path"/> and a line.</summary>
    /// <param name="text">The markdown.</param>
    /// <param name="path">The file's path: its name is the expected title.</param>
    /// <param name="problems">Receives what is wrong.</param>
    /// <param name="shared">The shared-parameters file: any title, and only a PARAMETERS section.</param>
    public static CommandHelp Parse(string text, string path, ICollection<HelpProblem> problems, bool shared = false)
    {
        var blocks = Tokenize(text, path, problems);
        var expectedTitle = System.IO.Path.GetFileNameWithoutExtension(path);

        if (blocks.Count == 0 || blocks[0] is not Heading { Level: 1 } title)
        {
            problems.Add(new HelpProblem(path, blocks.Count == 0 ? 1 : blocks[0].Line, $"The file must start with the title '# {expectedTitle}'."));
            return new CommandHelp(expectedTitle, path);
        }
        if (!shared && !string.Equals(title.Text, expectedTitle, StringComparison.Ordinal))
            problems.Add(new HelpProblem(path, title.Line, $"The title '# {title.Text}' does not match the file name; expected '# {expectedTitle}'."));

        var help = new CommandHelp(shared ? title.Text : expectedTitle, path);
        var sections = Split(blocks.Skip(1).ToList(), path, problems);
        var lastIndex = -1;
        foreach (var section in sections)
        {
            var index = SectionOrder.ToList().IndexOf(section.Name);
            if (index < 0)
            {
                problems.Add(new HelpProblem(path, section.Line, $"Unknown section '## {section.Name}'; the sections are {string.Join(", ", SectionOrder)}."));
                continue;
            }
            if (shared && section.Name != Parameters)
            {
                problems.Add(new HelpProblem(path, section.Line, $"The shared-parameters file has only a '## {Parameters}' section, not '## {section.Name}'."));
                continue;
            }
            if (!help.Sections.Add(section.Name))
            {
                problems.Add(new HelpProblem(path, section.Line, $"The section '## {section.Name}' appears twice."));
                continue;
            }
            if (index < lastIndex)
                problems.Add(new HelpProblem(path, section.Line, $"The section '## {section.Name}' is out of order; the order is {string.Join(", ", SectionOrder)}."));
            lastIndex = Math.Max(lastIndex, index);
            ReadSection(help, section, path, problems);
        }

        if (!shared)
        {
            foreach (var required in new[] { Synopsis, Description, Examples })
            {
                if (!help.Sections.Contains(required)) problems.Add(new HelpProblem(path, 0, $"The section '## {required}' is missing."));
            }
        }
        return help;
    }

    private static void ReadSection(CommandHelp help, Section section, string path, ICollection<HelpProblem> problems)
    {
        var entries = section.Name is Parameters or Examples or Inputs or Outputs;
        if (!entries && section.Entries.Count > 0)
            problems.Add(new HelpProblem(path, section.Entries[0].Line, $"'## {section.Name}' takes no '###' entries."));
        if (entries && section.Blocks.Count > 0)
            problems.Add(new HelpProblem(path, section.Blocks[0].Line, $"Text under '## {section.Name}' must be inside a '###' entry."));

        switch (section.Name)
        {
            case Synopsis:
                help.Synopsis.AddRange(Paragraphs(section.Blocks));
                if (help.Synopsis.Count == 0) problems.Add(new HelpProblem(path, section.Line, "The synopsis is empty."));
                break;
            case Description:
                help.Description.AddRange(Paragraphs(section.Blocks));
                if (help.Description.Count == 0) problems.Add(new HelpProblem(path, section.Line, "The description is empty."));
                break;
            case Notes:
                help.Notes.AddRange(Paragraphs(section.Blocks));
                break;
            case RelatedLinks:
                ReadLinks(help, section.Blocks, path, problems);
                break;
            case Parameters:
                ReadParameters(help, section, path, problems);
                break;
            case Examples:
                ReadExamples(help, section, path, problems);
                break;
            default:
                ReadTypes(section.Name == Inputs ? help.Inputs : help.Outputs, section, path, problems);
                break;
        }
    }

    private static void ReadParameters(CommandHelp help, Section section, string path, ICollection<HelpProblem> problems)
    {
        foreach (var entry in section.Entries)
        {
            if (entry.Title == CommonParametersEntry) continue;
            var match = ParameterHeading().Match(entry.Title);
            if (!match.Success)
            {
                problems.Add(new HelpProblem(path, entry.Line, $"A parameter entry is written '### -Name', not '### {entry.Title}'."));
                continue;
            }
            var name = match.Groups[1].Value;
            if (help.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new HelpProblem(path, entry.Line, $"The parameter -{name} is described twice."));
                continue;
            }
            var paragraphs = Paragraphs(entry.Blocks);
            if (paragraphs.Count == 0) problems.Add(new HelpProblem(path, entry.Line, $"The parameter -{name} has no description."));
            help.Parameters.Add(new TopicHelp(name, paragraphs, entry.Line));
        }
    }

    private static void ReadExamples(CommandHelp help, Section section, string path, ICollection<HelpProblem> problems)
    {
        foreach (var entry in section.Entries)
        {
            var match = ExampleHeading().Match(entry.Title);
            if (!match.Success)
            {
                problems.Add(new HelpProblem(path, entry.Line, $"An example is headed '### Example N: Title', not '### {entry.Title}'."));
                continue;
            }
            var number = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (number != help.Examples.Count + 1)
                problems.Add(new HelpProblem(path, entry.Line, $"Example {number} should be numbered {help.Examples.Count + 1}."));
            if (entry.Blocks.Count == 0 || entry.Blocks[0] is not Code { Language: "powershell" } code)
            {
                problems.Add(new HelpProblem(path, entry.Line, $"Example {number} must start with a ```powershell code block."));
                continue;
            }
            var remarks = Paragraphs(entry.Blocks.Skip(1));
            if (!entry.Blocks.Skip(1).Any(b => b is not Code))
                problems.Add(new HelpProblem(path, entry.Line, $"Example {number} needs a sentence or two after its code saying what it does."));
            help.Examples.Add(new ExampleHelp(number, match.Groups[2].Value.Trim(), code.Text, remarks, entry.Line));
        }
    }

    private static void ReadTypes(List<TopicHelp> into, Section section, string path, ICollection<HelpProblem> problems)
    {
        foreach (var entry in section.Entries)
        {
            var paragraphs = Paragraphs(entry.Blocks);
            if (paragraphs.Count == 0) problems.Add(new HelpProblem(path, entry.Line, $"'### {entry.Title}' under '## {section.Name}' has no description."));
            into.Add(new TopicHelp(entry.Title, paragraphs, entry.Line));
        }
    }

    private static void ReadLinks(CommandHelp help, IReadOnlyList<Block> blocks, string path, ICollection<HelpProblem> problems)
    {
        foreach (var block in blocks)
        {
            if (block is not ListItem item)
            {
                problems.Add(new HelpProblem(path, block.Line, "'## RELATED LINKS' holds only list items: '- [text](uri)' or '- Verb-Noun'."));
                continue;
            }
            var link = LinkOnly().Match(item.Text.Trim());
            if (!link.Success)
            {
                help.Links.Add(new LinkHelp(Inline(item.Text), null));
                continue;
            }
            var uri = link.Groups[2].Value;
            // A link to another help file (Get-DockerImage.md) names a command: Get-Help finds it by name.
            var local = !uri.Contains("://", StringComparison.Ordinal);
            help.Links.Add(new LinkHelp(link.Groups[1].Value, local ? null : uri));
        }
    }

    /// <summary>Blocks as MAML paragraphs: prose as one line each, list items with their marker, code as written.</summary>
    private static List<string> Paragraphs(IEnumerable<Block> blocks) =>
        blocks.Select(b => b switch
        {
            Paragraph p => Inline(p.Text),
            ListItem i => i.Marker + " " + Inline(i.Text),
            Code c => c.Text,
            _ => string.Empty,
        }).Where(t => t.Length > 0).ToList();

    /// <summary>Markdown inline syntax as plain console text: links keep their text, code spans and bold lose their marks.</summary>
    internal static string Inline(string text)
    {
        text = InlineLink().Replace(text, "$1");
        text = Bold().Replace(text, "$1");
        text = CodeSpan().Replace(text, "$1");
        return text.Replace("\\*", "*", StringComparison.Ordinal).Replace("\\_", "_", StringComparison.Ordinal);
    }

    private static List<Section> Split(List<Block> blocks, string path, ICollection<HelpProblem> problems)
    {
        var sections = new List<Section>();
        Section? section = null;
        Entry? entry = null;
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading { Level: 2 } h:
                    section = new Section(h.Text, h.Line);
                    sections.Add(section);
                    entry = null;
                    break;
                case Heading { Level: 3 } h when section is not null:
                    entry = new Entry(h.Text, h.Line);
                    section.Entries.Add(entry);
                    break;
                case Heading h:
                    problems.Add(new HelpProblem(path, h.Line, $"Unexpected heading '{new string('#', h.Level)} {h.Text}': use '##' for sections and '###' for entries."));
                    break;
                default:
                    if (section is null) problems.Add(new HelpProblem(path, block.Line, "Text between the title and the first '##' section."));
                    else if (entry is not null) entry.Blocks.Add(block);
                    else section.Blocks.Add(block);
                    break;
            }
        }
        return sections;
    }

    /// <summary>Lines to blocks: headings, fenced code, list items, paragraphs. HTML comments are skipped.</summary>
    private static List<Block> Tokenize(string text, string path, ICollection<HelpProblem> problems)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<Block>();
        var prose = new StringBuilder();
        var proseLine = 0;
        ListItem? item = null;

        void Flush()
        {
            if (item is not null) blocks.Add(item with { Text = prose.ToString() });
            else if (prose.Length > 0) blocks.Add(new Paragraph(prose.ToString(), proseLine));
            prose.Clear();
            item = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("<!--", StringComparison.Ordinal))
            {
                Flush();
                while (i < lines.Length && !lines[i].Contains("-->", StringComparison.Ordinal)) i++;
                continue;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                var start = i + 1;
                var language = trimmed[3..].Trim();
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].Trim().StartsWith("```", StringComparison.Ordinal); i++) code.Add(lines[i].TrimEnd());
                if (i >= lines.Length) problems.Add(new HelpProblem(path, start, "A code block is not closed with ```."));
                blocks.Add(new Code(language, string.Join("\n", code), start));
                continue;
            }
            if (trimmed.Length == 0)
            {
                Flush();
                continue;
            }
            var heading = HeadingLine().Match(line);
            if (heading.Success)
            {
                Flush();
                blocks.Add(new Heading(heading.Groups[1].Length, heading.Groups[2].Value.Trim(), i + 1));
                continue;
            }
            var listItem = ListItemLine().Match(line);
            if (listItem.Success)
            {
                Flush();
                item = new ListItem(listItem.Groups[1].Value, string.Empty, i + 1);
                prose.Append(listItem.Groups[2].Value.Trim());
                continue;
            }
            if (prose.Length == 0) proseLine = i + 1;
            else prose.Append(' ');
            prose.Append(trimmed);
        }
        Flush();
        return blocks;
    }

    [GeneratedRegex(@"^-([A-Za-z][A-Za-z0-9_]*)$")]
    private static partial Regex ParameterHeading();

    [GeneratedRegex(@"^Example (\d+): (.+)$")]
    private static partial Regex ExampleHeading();

    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^\s*([-*+]|\d+\.)\s+(.*)$")]
    private static partial Regex ListItemLine();

    [GeneratedRegex(@"^\[([^\]]+)\]\(([^)\s]+)\)$")]
    private static partial Regex LinkOnly();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)\s]+\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    private abstract record Block(int Line);

    private sealed record Heading(int Level, string Text, int Line) : Block(Line);

    private sealed record Paragraph(string Text, int Line) : Block(Line);

    private sealed record ListItem(string Marker, string Text, int Line) : Block(Line);

    private sealed record Code(string Language, string Text, int Line) : Block(Line);

    private sealed class Section
    {
        public Section(string name, int line)
        {
            Name = name;
            Line = line;
        }

        public string Name { get; }

        public int Line { get; }

        public List<Block> Blocks { get; } = new();

        public List<Entry> Entries { get; } = new();
    }

    private sealed class Entry
    {
        public Entry(string title, int line)
        {
            Title = title;
            Line = line;
        }

        public string Title { get; }

        public int Line { get; }

        public List<Block> Blocks { get; } = new();
    }
}
