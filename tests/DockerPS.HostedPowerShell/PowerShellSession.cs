using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace DockerPS.HostedPowerShell;

/// <summary>
/// One PowerShell session as a user has it: a runspace (PowerShell 7.6's default session state, from the NuGet
/// package) on a <see cref="TestHost"/>, with the DockerPS module imported from its folder by Import-Module. Scripts and
/// commands run in it one at a time, and what they write is returned per stream. The hosted-runspace tier
/// (tests/DockerPS.Cmdlets.Tests) and the recipe tier (tests/DockerPS.Recipes.Tests) both run in it; each says which
/// module folder to import.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private PowerShellSession(TestHost host, Runspace runspace)
    {
        Host = host;
        Runspace = runspace;
    }

    public TestHost Host { get; }

    public Runspace Runspace { get; }

    /// <summary>
    /// A session with the module folder <paramref name="module"/> imported (none when null); no engine is chosen, so
    /// cmdlets resolve it as the docker CLI does. With <paramref name="utilityStandIns"/>, the few commands of
    /// Microsoft.PowerShell.Utility and .Management that scripts use are defined first (<see cref="UtilityStandIns"/>).
    /// </summary>
    public static PowerShellSession Open(string? module, bool utilityStandIns = false)
    {
        var host = new TestHost();
        var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        runspace.Open();
        var session = new PowerShellSession(host, runspace);
        try
        {
            if (utilityStandIns) session.Run(UtilityStandIns.Script).ThrowIfFailed("The Utility stand-ins");
            if (module is not null) session.Run("Import-Module $module -ErrorAction Stop", ("module", module)).ThrowIfFailed("Import-Module");
        }
        catch
        {
            session.Dispose();
            throw;
        }
        return session;
    }

    /// <summary>Sets global variables for the scripts that follow.</summary>
    public void Set(string name, object? value) => Runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Sets PowerShell's current location (Set-Location is in a module this host does not have).</summary>
    public void SetLocation(string path) => Runspace.SessionStateProxy.Path.SetLocation(path);

    /// <summary>Runs a script to its end and returns what it wrote; a terminating error is returned, not thrown.</summary>
    public ScriptResult Run(string script, params (string Name, object? Value)[] variables)
    {
        foreach (var (name, value) in variables) Set(name, value);
        return Invoke(script, Pipeline(script));
    }

    /// <summary>
    /// Runs one command (a cmdlet, or a script by its path) with these named parameters, a switch given as true, as
    /// <c>&amp; $command @parameters</c> would.
    /// </summary>
    public ScriptResult RunCommand(string command, IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var ps = PowerShell.Create();
        ps.Runspace = Runspace;
        ps.AddCommand(command);
        var given = parameters.ToList();
        foreach (var (name, value) in given) ps.AddParameter(name, value);
        return Invoke(command + string.Concat(given.Select(p => " -" + p.Key)), ps);
    }

    /// <summary>A pipeline for the caller to start and stop (BeginInvoke, Stop), as Ctrl+C would.</summary>
    public PowerShell Pipeline(string script)
    {
        var ps = PowerShell.Create();
        ps.Runspace = Runspace;
        ps.AddScript(script);
        return ps;
    }

    private static ScriptResult Invoke(string what, PowerShell ps)
    {
        using (ps)
        {
            Collection<PSObject> output;
            ErrorRecord? terminating = null;
            var started = DateTime.UtcNow;
            try
            {
                output = ps.Invoke();
            }
            catch (RuntimeException ex)
            {
                output = new Collection<PSObject>();
                terminating = ex.ErrorRecord;
            }
            if (Environment.GetEnvironmentVariable("DPSHOST_TRACE") is { Length: > 0 } trace)
                System.IO.File.AppendAllText(trace, $"{DateTime.UtcNow:HH:mm:ss.fff} {(DateTime.UtcNow - started).TotalSeconds:0.000}s {what.Split('\n')[0]}\n");
            return new ScriptResult(what, output, ps.Streams.Error.ToList(), terminating, ps.Streams.Warning.ToList(), ps.Streams.Information.ToList(),
                ps.Streams.Verbose.ToList(), DateTime.UtcNow - started);
        }
    }

    public void Dispose()
    {
        Runspace.Dispose();
    }
}
