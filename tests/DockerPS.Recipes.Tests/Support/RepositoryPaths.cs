using System;
using System.IO;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>Where the repository's recipes, examples and built module are, found from the test's own folder.</summary>
public static class RepositoryPaths
{
    public static readonly string Root = FindRoot();

    public static string Recipe(string name) => Path.Combine(Root, "recipes", name);

    public static string Example(string fileName) => Path.Combine(Root, "examples", fileName);

    /// <summary>The built module folder: DOCKERPS_MODULE (build.sh sets none; a developer may), else build.sh's out/DockerPS.</summary>
    public static string Module =>
        Environment.GetEnvironmentVariable("DOCKERPS_MODULE") is { Length: > 0 } m ? m : Path.Combine(Root, "out", "DockerPS");

    /// <summary>Artifacts the tests leave for people to look at (screenshots): out/recipes, which git ignores.</summary>
    public static string Artifacts
    {
        get
        {
            var dir = Path.Combine(Root, "out", "recipes");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DockerPS.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No DockerPS.sln above {AppContext.BaseDirectory}: the tests must run from the repository.");
    }
}
