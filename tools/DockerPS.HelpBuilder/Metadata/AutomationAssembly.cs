using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace DockerPS.HelpBuilder.Metadata;

/// <summary>
/// Finds System.Management.Automation.dll to read DockerPS's attributes against: the reference assembly from the
/// PowerShellStandard.Library package the module compiles with. No PowerShell runtime is needed, or loaded.
/// </summary>
internal static class AutomationAssembly
{
    public const string FileName = "System.Management.Automation.dll";

    /// <summary>The package version in Directory.Packages.props, for the NuGet-folder fallback.</summary>
    public const string PackageVersion = "5.1.0-preview-06";

    private static readonly string PackageRelativePath = Path.Combine("powershellstandard.library", PackageVersion, "lib", "netstandard2.0", FileName);

    /// <summary>
    /// In order: the path the caller gave; a copy next to the module; the package this tool was restored with;
    /// the package in the NuGet global packages folder (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>).
    /// </summary>
    public static string Locate(string? explicitPath, string moduleDirectory)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath);
            if (!File.Exists(full)) throw new HelpBuildException($"The System.Management.Automation assembly '{full}' given with --sma does not exist.");
            return full;
        }
        var candidates = Candidates(moduleDirectory).ToList();
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is not null) return found;
        throw new HelpBuildException(
            "Cannot find System.Management.Automation.dll (the PowerShellStandard.Library reference assembly). Looked in:"
            + string.Concat(candidates.Select(c => Environment.NewLine + "  " + c))
            + Environment.NewLine + "Run 'dotnet restore' on the solution, or pass its path with --sma <path>.");
    }

    private static IEnumerable<string> Candidates(string moduleDirectory)
    {
        yield return Path.Combine(moduleDirectory, FileName);
        var restored = typeof(AutomationAssembly).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AutomationAssemblyPath")?.Value;
        // Empty when the package was not restored: the value then starts with the bare "/lib/...".
        if (!string.IsNullOrEmpty(restored) && !restored.StartsWith("/lib/", StringComparison.Ordinal)) yield return Path.GetFullPath(restored);
        var nugetPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(nugetPackages)) yield return Path.Combine(nugetPackages, PackageRelativePath);
        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", PackageRelativePath);
    }
}
