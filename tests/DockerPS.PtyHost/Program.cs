using System;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;

namespace DockerPS.PtyHost;

/// <summary>
/// Runs one PowerShell script with the DockerPS module on this process's console and reports, one marked line
/// each, what the script wrote: OUT: objects, ERR: errors (id, category, exit code), WARN: warnings, and at the end
/// PTYHOST-END with $LASTEXITCODE and whether the terminal's settings are as they were before the script.
/// The module manifest is DPSPTY_MODULE, the script DPSPTY_SCRIPT. Before the script the console is put in the mode
/// PowerShell's own prompt leaves it in (.NET's Console.ReadKey turns echo and line editing off), so the cmdlets
/// meet the console they would meet under pwsh.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        var module = Environment.GetEnvironmentVariable("DPSPTY_MODULE");
        var script = Environment.GetEnvironmentVariable("DPSPTY_SCRIPT");
        if (string.IsNullOrEmpty(module) || string.IsNullOrEmpty(script))
        {
            Console.Error.WriteLine("usage: DPSPTY_MODULE=<DockerPS.psd1> DPSPTY_SCRIPT=<script> DockerPS.PtyHost");
            return 2;
        }

        if (!Console.IsInputRedirected) _ = Console.KeyAvailable;
        var before = Termios.Snapshot();

        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("Import-Module -Name $env:DPSPTY_MODULE -ErrorAction Stop\n" + script);

        var output = new PSDataCollection<PSObject>();
        output.DataAdded += (_, e) => Say("OUT: " + output[e.Index]);
        ps.Streams.Error.DataAdded += (_, e) => Say("ERR: " + Describe(ps.Streams.Error[e.Index]));
        ps.Streams.Warning.DataAdded += (_, e) => Say("WARN: " + ps.Streams.Warning[e.Index].Message);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Say("PTYHOST-CTRL-C");
            ps.BeginStop(null, null);
        };
        Say("PTYHOST-READY tty=" + TerminalName());

        try
        {
            ps.Invoke(null, output);
            if (ps.InvocationStateInfo.State == PSInvocationState.Stopped) Say("STOPPED");
        }
        catch (PipelineStoppedException)
        {
            Say("STOPPED");
        }
        catch (RuntimeException ex)
        {
            Say("TERMINATING: " + Describe(ex.ErrorRecord));
        }

        var after = Termios.Snapshot();
        using var last = PowerShell.Create();
        last.Runspace = runspace;
        Collection<PSObject> code = last.AddScript("$global:LASTEXITCODE").Invoke();
        var exit = code.Count > 0 && code[0] is not null ? Convert.ToString(code[0].BaseObject, CultureInfo.InvariantCulture) : "none";
        Say($"PTYHOST-END lastexitcode={exit} terminal-restored={(before == after ? "yes" : "no")}");
        return 0;
    }

    /// <summary>The terminal device standard input is (Linux: /proc/self/fd/0's target), so a test can resize it.</summary>
    private static string TerminalName()
    {
        try
        {
            return new System.IO.FileInfo("/proc/self/fd/0").LinkTarget ?? "none";
        }
        catch (System.IO.IOException)
        {
            return "none";
        }
    }

    private static string Describe(ErrorRecord record)
    {
        var exitCode = record.Exception?.GetType().GetProperty("ExitCode")?.GetValue(record.Exception);
        return $"{record.FullyQualifiedErrorId} [{record.CategoryInfo.Category}] exit={exitCode ?? "none"} {record.Exception?.Message}";
    }

    /// <summary>One line, flushed, starting on a fresh line (raw mode has no carriage return of its own).</summary>
    private static void Say(string line)
    {
        lock (Console.Out)
        {
            Console.Out.Write("\r\n" + line + "\r\n");
            Console.Out.Flush();
        }
    }

    /// <summary>The console's termios, as hex, to compare before and after (or "none" without a terminal).</summary>
    private static class Termios
    {
        public static string Snapshot()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return "windows";
            var buffer = new byte[256];
            return tcgetattr(0, buffer) == 0 ? Convert.ToHexString(buffer) : "none";
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int tcgetattr(int fd, [Out] byte[] termios);
    }
}
