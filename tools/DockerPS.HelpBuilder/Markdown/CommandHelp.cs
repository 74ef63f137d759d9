using System.Collections.Generic;

namespace DockerPS.HelpBuilder.Markdown;

/// <summary>
/// One help file as written in docs/help (format: docs/help/README.md). Text is held as paragraphs, each already
/// plain text; code keeps its lines.
/// </summary>
internal sealed class CommandHelp
{
    public CommandHelp(string name, string path)
    {
        Name = name;
        Path = path;
    }

    /// <summary>The title: the cmdlet's Verb-Noun (or the free title of the shared-parameters file).</summary>
    public string Name { get; }

    public string Path { get; }

    public List<string> Synopsis { get; } = new();

    public List<string> Description { get; } = new();

    public List<TopicHelp> Parameters { get; } = new();

    public List<ExampleHelp> Examples { get; } = new();

    public List<TopicHelp> Inputs { get; } = new();

    public List<TopicHelp> Outputs { get; } = new();

    public List<string> Notes { get; } = new();

    public List<LinkHelp> Links { get; } = new();

    /// <summary>The sections the file has, by heading.</summary>
    public HashSet<string> Sections { get; } = new();
}

/// <summary>
/// A <c>###</c> entry with paragraphs under it: a parameter (name without the dash), an input or an output type.
/// </summary>
internal sealed record TopicHelp(string Name, IReadOnlyList<string> Paragraphs, int Line);

internal sealed record ExampleHelp(int Number, string Title, string Code, IReadOnlyList<string> Remarks, int Line);

/// <summary>A related link: text, and a URI when the link leaves the module's help.</summary>
internal sealed record LinkHelp(string Text, string? Uri);

/// <summary>A problem in the inputs, located as path:line when it comes from a file.</summary>
internal sealed record HelpProblem(string? Path, int Line, string Message)
{
    public override string ToString() =>
        Path is null ? Message : Line > 0 ? $"{Path}:{Line}: {Message}" : $"{Path}: {Message}";
}
