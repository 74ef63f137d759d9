using DockerPS.Engine.Tests.Support;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>
/// A recipe test, once per engine: skipped with the reason where the engines, the built module or a client program it
/// needs (<see cref="Needs"/>: "svn", "chromium") are missing, except in CI, where a missing piece fails the test.
/// </summary>
public sealed class RecipeTheoryAttribute : TheoryAttribute
{
    private string? _skip;

    /// <summary>The client programs the test uses besides the engines and the module: "svn", "chromium".</summary>
    public string Needs { get; set; } = string.Empty;

    public override string? Skip
    {
        get => _skip ?? TestEnvironment.SkipReason ?? RecipeSession.SkipReason
            ?? (Needs.Contains("svn", System.StringComparison.Ordinal) ? SvnClient.SkipReason : null)
            ?? (Needs.Contains("chromium", System.StringComparison.Ordinal) ? Chromium.SkipReason : null);
        set => _skip = value;
    }
}
