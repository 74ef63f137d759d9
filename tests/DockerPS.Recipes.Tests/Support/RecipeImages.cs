using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>
/// The recipe images, built from recipes/NAME with the engine's docker CLI (classic builder) and tagged
/// dpsrecipe-NAME:HASH, where HASH is taken over the recipe folder's files: a changed Dockerfile or script gives a new
/// tag and a new build, an unchanged one is found and reused. Older dpsrecipe-NAME tags are removed after a build.
/// This gives the scripts their -Image; the one test of a script building its own missing image (Invoke-DockerBuild)
/// starts from these, so its cached steps make that build quick.
/// </summary>
public static class RecipeImages
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Built = new();

    /// <summary>How long the last build of each image took (for the report), by engine/recipe.</summary>
    public static readonly ConcurrentDictionary<string, TimeSpan> BuildTimes = new();

    public static string Tag(string recipe) => $"dpsrecipe-{recipe}:{Hash(RepositoryPaths.Recipe(recipe))}";

    public static string Ensure(string engine, string recipe) =>
        Built.GetOrAdd(engine + "/" + recipe, _ => new Lazy<string>(() => Build(engine, recipe))).Value;

    private static string Build(string engine, string recipe)
    {
        var tag = Tag(recipe);
        if (Cli.Run(engine, $"image ls -q {tag}").Trim().Length > 0) return tag;
        var watch = Stopwatch.StartNew();
        Cli.Run(engine, $"build -q -t {tag} {RepositoryPaths.Recipe(recipe)}");
        BuildTimes[engine + "/" + recipe] = watch.Elapsed;
        foreach (var old in Cli.Run(engine, $"image ls --format {{{{.Repository}}}}:{{{{.Tag}}}} dpsrecipe-{recipe}")
                     .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                     .Where(t => t != tag))
        {
            Cli.Run(engine, $"image rm {old}", check: false);
        }
        return tag;
    }

    private static string Hash(string folder)
    {
        using var sha = SHA256.Create();
        // What goes into the image: README.md is left out of the build context (.dockerignore), and of the hash.
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(f) != "README.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file).Replace('\\', '/') + "\n");
            sha.TransformBlock(name, 0, name.Length, null, 0);
            var content = File.ReadAllBytes(file);
            sha.TransformBlock(content, 0, content.Length, null, 0);
        }
        sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        return Convert.ToHexString(sha.Hash!)[..12].ToLowerInvariant();
    }
}
