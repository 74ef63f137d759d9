using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using DockerPS.HelpBuilder.Maml;
using DockerPS.HelpBuilder.Markdown;
using DockerPS.HelpBuilder.Metadata;

namespace DockerPS.HelpBuilder;

/// <summary>The MAML document, or the problems that stopped it (then <see cref="Document"/> is null).</summary>
internal sealed record HelpBuildResult(XDocument? Document, IReadOnlyList<HelpProblem> Problems, int CommandCount, int ExampleCount)
{
    public bool Succeeded => Document is not null;
}

/// <summary>
/// Pairs each cmdlet with its markdown and checks that they agree before anything is written: every cmdlet has a
/// file and an example, every parameter a description, and the markdown describes nothing the cmdlet lacks.
/// </summary>
internal static class HelpCompiler
{
    /// <summary>Descriptions of parameters that many cmdlets inherit (the -Context and -DockerHost of DockerCmdlet).</summary>
    public const string SharedParametersFile = "SharedParameters.md";

    /// <summary>Files in the help folder that are not command help.</summary>
    public static readonly IReadOnlySet<string> IgnoredFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "README.md" };

    public static HelpBuildResult Compile(IReadOnlyList<CmdletMetadata> cmdlets, string helpDirectory)
    {
        var directory = Path.GetFullPath(helpDirectory);
        if (!Directory.Exists(directory)) throw new HelpBuildException($"The help folder '{directory}' does not exist.");
        var problems = new List<HelpProblem>();

        var sharedPath = Path.Combine(directory, SharedParametersFile);
        var shared = File.Exists(sharedPath) ? HelpMarkdownReader.Read(sharedPath, problems, shared: true) : null;

        var docs = new Dictionary<string, CommandHelp>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(directory, "*.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (IgnoredFiles.Contains(name) || string.Equals(name, SharedParametersFile, StringComparison.OrdinalIgnoreCase)) continue;
            var help = HelpMarkdownReader.Read(file, problems);
            docs[help.Name] = help;
        }

        var names = new HashSet<string>(cmdlets.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        var aliases = cmdlets.SelectMany(c => c.Aliases.Select(a => (Alias: a, Cmdlet: c.Name)))
            .GroupBy(a => a.Alias, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Cmdlet, StringComparer.OrdinalIgnoreCase);
        foreach (var doc in docs.Values.Where(d => !names.Contains(d.Name)))
        {
            // Get-Help on an alias shows its cmdlet's help; a file of the alias's own would never be read.
            problems.Add(new HelpProblem(doc.Path, 0, aliases.TryGetValue(doc.Name, out var target)
                ? $"{doc.Name} is an alias of {target}, and Get-Help {doc.Name} shows {target}'s help: write it in {target}.md and remove this file."
                : $"There is no cmdlet {doc.Name} in the module: remove or rename this file."));
        }

        var commands = new List<(CmdletMetadata, CommandHelp, IReadOnlyDictionary<string, IReadOnlyList<string>>)>();
        foreach (var cmdlet in cmdlets)
        {
            if (!docs.TryGetValue(cmdlet.Name, out var help))
            {
                problems.Add(new HelpProblem(null, 0, $"{cmdlet.Name} has no help: write {Path.Combine(directory, cmdlet.Name + ".md")} (format: README.md in that folder)."));
                continue;
            }
            var text = Check(cmdlet, help, shared, problems);
            commands.Add((cmdlet, help, text));
        }

        if (shared is not null)
        {
            foreach (var parameter in shared.Parameters.Where(p => !cmdlets.Any(c => c.FindParameter(p.Name) is not null)))
                problems.Add(new HelpProblem(shared.Path, parameter.Line, $"No cmdlet has a parameter -{parameter.Name}."));
        }

        if (problems.Count > 0) return new HelpBuildResult(null, problems, 0, 0);
        return new HelpBuildResult(MamlWriter.Write(commands), problems, commands.Count, commands.Sum(c => c.Item2.Examples.Count));
    }

    /// <summary>Checks one cmdlet against its markdown; returns each parameter's description.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Check(CmdletMetadata cmdlet, CommandHelp help, CommandHelp? shared, List<HelpProblem> problems)
    {
        var text = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

        foreach (var described in help.Parameters)
        {
            var parameter = cmdlet.FindParameter(described.Name);
            if (parameter is not null)
            {
                if (!string.Equals(parameter.Name, described.Name, StringComparison.Ordinal))
                    problems.Add(new HelpProblem(help.Path, described.Line, $"Write -{parameter.Name} as the cmdlet spells it, not -{described.Name}."));
                text[parameter.Name] = described.Paragraphs;
            }
            else if (CommonParameters.IsShouldProcess(described.Name) && cmdlet.SupportsShouldProcess)
            {
                text[described.Name] = described.Paragraphs;
            }
            else if (CommonParameters.Names.Contains(described.Name) || CommonParameters.IsShouldProcess(described.Name))
            {
                problems.Add(new HelpProblem(help.Path, described.Line,
                    $"-{described.Name} is a common parameter{(CommonParameters.IsShouldProcess(described.Name) ? " that this cmdlet does not support (no SupportsShouldProcess)" : ", which PowerShell documents itself")}: remove its entry."));
            }
            else
            {
                problems.Add(new HelpProblem(help.Path, described.Line,
                    $"{cmdlet.Name} has no parameter -{described.Name}; its parameters are {string.Join(", ", cmdlet.Parameters.Select(p => "-" + p.Name))}."));
            }
        }

        foreach (var parameter in cmdlet.Parameters.Where(p => !text.ContainsKey(p.Name)))
        {
            var inherited = shared?.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.Ordinal));
            if (inherited is not null && inherited.Paragraphs.Count > 0) text[parameter.Name] = inherited.Paragraphs;
            else problems.Add(new HelpProblem(help.Path, 0, $"The parameter -{parameter.Name} of {cmdlet.Name} has no description: add '### -{parameter.Name}' under '## PARAMETERS'."));
        }

        if (help.Examples.Count == 0)
            problems.Add(new HelpProblem(help.Path, 0, $"{cmdlet.Name} has no example: add '### Example 1: ...' under '## EXAMPLES'."));

        // An alias is a name users meet in scripts; the help says what it stands for, and why the cmdlet has it.
        foreach (var alias in cmdlet.Aliases.Where(a => !help.Notes.Any(n => n.Contains(a, StringComparison.OrdinalIgnoreCase))))
            problems.Add(new HelpProblem(help.Path, 0, $"{cmdlet.Name} has the alias {alias}, which its help does not name: say what it is under '## NOTES'."));

        var declared = cmdlet.OutputTypes.Select(o => o.TypeName).Distinct(StringComparer.Ordinal).ToList();
        foreach (var output in help.Outputs.Where(o => !declared.Contains(o.Name, StringComparer.Ordinal)))
        {
            problems.Add(new HelpProblem(help.Path, output.Line,
                $"{cmdlet.Name} does not declare [OutputType({output.Name})]; it declares {(declared.Count == 0 ? "none" : string.Join(", ", declared))}."));
        }
        foreach (var type in declared.Where(t => !help.Outputs.Any(o => string.Equals(o.Name, t, StringComparison.Ordinal))))
            problems.Add(new HelpProblem(help.Path, 0, $"The output type {type} has no description: add '### {type}' under '## OUTPUTS'."));

        return text;
    }
}
