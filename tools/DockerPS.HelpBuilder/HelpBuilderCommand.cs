using System;
using System.Collections.Generic;
using System.IO;
using DockerPS.HelpBuilder.Maml;
using DockerPS.HelpBuilder.Metadata;

namespace DockerPS.HelpBuilder;

/// <summary>The command line: <c>&lt;module.dll&gt; &lt;help folder&gt; &lt;output.xml&gt; [--sma &lt;path&gt;]</c>.</summary>
internal static class HelpBuilderCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public const string Usage =
        "Usage: DockerPS.HelpBuilder <DockerPS.dll> <help folder> <output DockerPS.dll-Help.xml> [--sma <System.Management.Automation.dll>]\n" +
        "Builds MAML help from the help folder's markdown (format: its README.md) and the compiled cmdlets.\n" +
        "--sma  the PowerShellStandard.Library reference assembly; by default found beside the module or in the NuGet packages folder.";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var positional = new List<string>();
        string? automation = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    output.WriteLine(Usage);
                    return Success;
                case "--sma":
                    if (++i >= args.Count)
                    {
                        error.WriteLine("error: --sma needs a path.");
                        return UsageError;
                    }
                    automation = args[i];
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        error.WriteLine($"error: unknown option {args[i]}.");
                        error.WriteLine(Usage);
                        return UsageError;
                    }
                    positional.Add(args[i]);
                    break;
            }
        }
        if (positional.Count != 3)
        {
            error.WriteLine(Usage);
            return UsageError;
        }

        var (module, helpDirectory, outputPath) = (positional[0], positional[1], positional[2]);
        try
        {
            using var inspector = ModuleInspector.Open(module, automation);
            var result = HelpCompiler.Compile(inspector.Cmdlets, helpDirectory);
            if (!result.Succeeded)
            {
                foreach (var problem in result.Problems) error.WriteLine("error: " + problem);
                error.WriteLine($"Help not written: {result.Problems.Count} problem(s) in {Path.GetFullPath(helpDirectory)}.");
                return Failure;
            }
            MamlWriter.Save(result.Document!, outputPath);
            output.WriteLine($"Wrote {Path.GetFullPath(outputPath)}: {result.CommandCount} cmdlets, {result.ExampleCount} examples.");
            return Success;
        }
        catch (HelpBuildException ex)
        {
            error.WriteLine("error: " + ex.Message);
            return Failure;
        }
    }
}
