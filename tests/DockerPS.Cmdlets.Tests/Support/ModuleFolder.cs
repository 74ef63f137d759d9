using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using DockerPS.HelpBuilder;

namespace DockerPS.Cmdlets.Tests.Support;

/// <summary>
/// The module folder the tests import, as a user would: <c>DOCKERPS_MODULE</c> when set (build.sh sets it to
/// out/DockerPS, so the tests run against the folder it ships), otherwise the same layout assembled once beside the
/// tests from src/DockerPS's build output. The layout is build.sh's <c>build_module</c>: the two DLLs, the format and
/// type files, the private dependencies in <c>dependencies/</c>, the manifest stamped with the version, and the MAML help
/// compiled by tools/DockerPS.HelpBuilder (called in-process here, the same code build.sh runs).
/// </summary>
internal static class ModuleFolder
{
    private static readonly Lazy<string> Folder = new(Locate);

    /// <summary>The module folder (its name is DockerPS, so Import-Module takes the folder itself).</summary>
    public static string Path => Folder.Value;

    public static string Manifest => System.IO.Path.Combine(Path, "DockerPS.psd1");

    /// <summary>The version Directory.Build.props gives, which the manifest must carry.</summary>
    public static string Version => Metadata("DockerPSVersion");

    public static string RepositoryRoot { get; } = FindRoot();

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("DOCKERPS_MODULE") is { Length: > 0 } given)
        {
            var full = System.IO.Path.GetFullPath(given);
            if (!File.Exists(System.IO.Path.Combine(full, "DockerPS.psd1")))
                throw new InvalidOperationException($"DOCKERPS_MODULE is '{given}', which has no DockerPS.psd1: build it with ./build.sh, or unset it to assemble one beside the tests.");
            return full;
        }
        return Assemble(System.IO.Path.Combine(AppContext.BaseDirectory, "module", "DockerPS"));
    }

    private static string Assemble(string folder)
    {
        var bin = Metadata("DockerPSModuleBin");
        if (!File.Exists(System.IO.Path.Combine(bin, "DockerPS.dll")))
            throw new InvalidOperationException($"{bin} has no DockerPS.dll: build the solution first (dotnet build DockerPS.sln).");

        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(System.IO.Path.Combine(folder, "dependencies"));
        Directory.CreateDirectory(System.IO.Path.Combine(folder, "en-US"));
        foreach (var file in new[] { "DockerPS.dll", "DockerPS.Engine.dll", "DockerPS.format.ps1xml", "DockerPS.types.ps1xml" })
            File.Copy(System.IO.Path.Combine(bin, file), System.IO.Path.Combine(folder, file));
        foreach (var dll in Directory.EnumerateFiles(bin, "*.dll").Where(d => System.IO.Path.GetFileName(d) is not ("DockerPS.dll" or "DockerPS.Engine.dll")))
            File.Copy(dll, System.IO.Path.Combine(folder, "dependencies", System.IO.Path.GetFileName(dll)));

        var manifest = File.ReadAllText(System.IO.Path.Combine(RepositoryRoot, "DockerPS.psd1"));
        var stamped = Regex.Replace(manifest, @"(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", m => m.Groups[1].Value + "'" + Version + "'");
        if (stamped == manifest) throw new InvalidOperationException("Could not stamp the version into DockerPS.psd1: no ModuleVersion line.");
        File.WriteAllText(System.IO.Path.Combine(folder, "DockerPS.psd1"), stamped);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = HelpBuilderCommand.Run(
            new[] { System.IO.Path.Combine(folder, "DockerPS.dll"), System.IO.Path.Combine(RepositoryRoot, "docs", "help"), System.IO.Path.Combine(folder, "en-US", "DockerPS.dll-Help.xml") },
            output, error);
        if (code != HelpBuilderCommand.Success) throw new InvalidOperationException("The help did not build: " + error);
        return folder;
    }

    private static string Metadata(string key) =>
        typeof(ModuleFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} metadata in the test assembly.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DockerPS.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No DockerPS.sln above {AppContext.BaseDirectory}: the tests must run from the repository's build output.");
    }
}
