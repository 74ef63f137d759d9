using System;
using System.Diagnostics;
using System.IO;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>
/// The host's own Subversion client (Debian's subversion, installed by tests/engine/setup.sh), with a configuration
/// folder of its own, no credential cache and the password on standard input, never in its arguments.
/// </summary>
public sealed class SvnClient : IDisposable
{
    public SvnClient()
    {
        Folder = Directory.CreateTempSubdirectory("dpsrecipe-svn-").FullName;
        Directory.CreateDirectory(ConfigDirectory);
    }

    /// <summary>A scratch folder for working copies; removed at the end.</summary>
    public string Folder { get; }

    private string ConfigDirectory => Path.Combine(Folder, ".config");

    public static string? SkipReason =>
        File.Exists("/usr/bin/svn") || DockerPS.Engine.Tests.Support.TestEnvironment.IsCi
            ? null
            : "The svn client is not installed (Debian's subversion; tests/engine/setup.sh installs it).";

    /// <summary>Runs svn with the user and password; returns its exit code and output.</summary>
    public SvnResult Run(string user, string password, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("svn")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--non-interactive", "--no-auth-cache", "--config-dir", ConfigDirectory, "--username", user, "--password-from-stdin" })
            info.ArgumentList.Add(a);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["LC_ALL"] = "C";
        using var p = Process.Start(info)!;
        p.StandardInput.WriteLine(password);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(true);
            throw new TimeoutException($"svn {string.Join(' ', arguments)} did not finish in 2 minutes");
        }
        return new SvnResult(p.ExitCode, stdout.Result, stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record SvnResult(int ExitCode, string Output, string Error)
{
    public SvnResult Ok()
    {
        Assert.True(ExitCode == 0, $"svn failed ({ExitCode}): {Error}{Output}");
        return this;
    }
}
