using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>
/// The example scripts run as a user runs them: in the shared hosted session (<see cref="PowerShellSession"/>) with the
/// module folder build.sh assembles (<see cref="RepositoryPaths.Module"/>) and the Utility stand-ins the scripts need,
/// each script invoked by its path with named parameters and -Verbose.
/// </summary>
public static class RecipeSession
{
    /// <summary>Why script tests cannot run (no built module), or null.</summary>
    public static string? SkipReason =>
        File.Exists(Path.Combine(RepositoryPaths.Module, "DockerPS.psd1")) || DockerPS.Engine.Tests.Support.TestEnvironment.IsCi
            ? null
            : $"The module is not built at {RepositoryPaths.Module}: run ./build.sh (or set DOCKERPS_MODULE).";

    public static PowerShellSession Open() => PowerShellSession.Open(RepositoryPaths.Module, utilityStandIns: true);

    /// <summary>Runs examples/<paramref name="script"/> with these parameters (switches as true) and -Verbose.</summary>
    public static ScriptResult RunExample(this PowerShellSession session, string script, IDictionary<string, object?> parameters) =>
        session.RunCommand(RepositoryPaths.Example(script), parameters.Append(new KeyValuePair<string, object?>("Verbose", true)));
}
