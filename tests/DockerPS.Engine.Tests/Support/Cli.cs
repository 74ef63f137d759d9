using System;
using System.Diagnostics;

namespace DockerPS.Engine.Tests.Support;

/// <summary>The docker CLI of a test engine, for fixtures the client does not make yet (builds, tags).</summary>
public static class Cli
{
    /// <summary>Runs the engine's docker CLI, or <paramref name="cli"/> (another docker binary) against the engine.</summary>
    public static string Run(string engine, string arguments, bool buildKit = false, bool check = true, string? cli = null)
    {
        var e = TestEnvironment.Engine(engine);
        var info = new ProcessStartInfo(cli ?? e.Cli, "-H " + e.Host + " " + arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOCKER_BUILDKIT"] = buildKit ? "1" : "0";
        info.Environment.Remove("DOCKER_HOST");
        info.Environment.Remove("DOCKER_CONTEXT");
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (check && p.ExitCode != 0) throw new InvalidOperationException($"docker {arguments} failed ({p.ExitCode}): {stderr}");
        return stdout.Result;
    }
}
