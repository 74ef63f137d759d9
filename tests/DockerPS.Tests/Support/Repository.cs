using System;
using System.IO;

namespace DockerPS.Tests.Support;

/// <summary>Where things are: the repository (found upward from the test binaries) and the module built beside the tests.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    public static string HelpDirectory => Path.Combine(Root, "docs", "help");

    /// <summary>src/DockerPS: the cmdlet project, with its format and type data.</summary>
    public static string ModuleSource => Path.Combine(Root, "src", "DockerPS");

    public static string CommandsSource => Path.Combine(ModuleSource, "Commands");

    public static string Manifest => Path.Combine(Root, "DockerPS.psd1");

    /// <summary>DockerPS.dll as the project reference copied it next to the tests.</summary>
    public static string ModuleAssembly => Path.Combine(AppContext.BaseDirectory, "DockerPS.dll");

    public static string EngineAssembly => Path.Combine(AppContext.BaseDirectory, "DockerPS.Engine.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DockerPS.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No DockerPS.sln above {AppContext.BaseDirectory}: the tests must run from the repository's build output.");
    }
}
