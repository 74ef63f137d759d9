using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace DockerPS.Cmdlets.Tests.Support;

/// <summary>
/// One PowerShell session as a user has it: a runspace (PowerShell 7.6's default session state) on a
/// <see cref="TestHost"/>, with the DockerPS module imported from its folder by Import-Module. Scripts run in it one at
/// a time, and what they write is returned per stream.
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

    /// <summary>A session with the module imported; no engine is chosen (cmdlets resolve it as the docker CLI does).</summary>
    public static PowerShellSession Open(bool importModule = true)
    {
        var host = new TestHost();
        var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        runspace.Open();
        var session = new PowerShellSession(host, runspace);
        if (importModule)
            session.Run("Import-Module $module -ErrorAction Stop", ("module", ModuleFolder.Path)).ThrowIfFailed("Import-Module");
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
        using var ps = Pipeline(script);
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
            System.IO.File.AppendAllText(trace, $"{DateTime.UtcNow:HH:mm:ss.fff} {(DateTime.UtcNow - started).TotalSeconds:0.000}s {script.Split('\n')[0]}\n");
        return new ScriptResult(script, output, ps.Streams.Error.ToList(), terminating, ps.Streams.Warning.ToList(), ps.Streams.Information.ToList(),
            ps.Streams.Verbose.ToList(), DateTime.UtcNow - started);
    }

    /// <summary>A pipeline for the caller to start and stop (BeginInvoke, Stop), as Ctrl+C would.</summary>
    public PowerShell Pipeline(string script)
    {
        var ps = PowerShell.Create();
        ps.Runspace = Runspace;
        ps.AddScript(script);
        return ps;
    }

    public void Dispose()
    {
        Runspace.Dispose();
    }
}

/// <summary>Reading what scripts write.</summary>
public static class PSObjectExtensions
{
    /// <summary>A property's value, unwrapped from its PSObject, as T.</summary>
    public static T Get<T>(this PSObject o, string property)
    {
        var value = o.Properties[property]?.Value ?? throw new Xunit.Sdk.XunitException($"No property {property} on {o}.");
        return (T)(value is PSObject wrapped ? wrapped.BaseObject : value);
    }
}

/// <summary>What one script wrote, stream by stream.</summary>
public sealed class ScriptResult
{
    public ScriptResult(string script, IReadOnlyList<PSObject> output, IReadOnlyList<ErrorRecord> errors, ErrorRecord? terminating,
        IReadOnlyList<WarningRecord> warnings, IReadOnlyList<InformationRecord> information, IReadOnlyList<VerboseRecord> verbose, TimeSpan elapsed)
    {
        Script = script;
        Output = output;
        Errors = errors;
        Terminating = terminating;
        Warnings = warnings;
        Information = information;
        Verbose = verbose;
        Elapsed = elapsed;
    }

    public string Script { get; }

    public IReadOnlyList<PSObject> Output { get; }

    /// <summary>The non-terminating errors.</summary>
    public IReadOnlyList<ErrorRecord> Errors { get; }

    /// <summary>The error that ended the script, if one did.</summary>
    public ErrorRecord? Terminating { get; }

    public IReadOnlyList<WarningRecord> Warnings { get; }

    public IReadOnlyList<InformationRecord> Information { get; }

    public IReadOnlyList<VerboseRecord> Verbose { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Every error, the terminating one last.</summary>
    public IReadOnlyList<ErrorRecord> AllErrors => Terminating is null ? Errors : Errors.Append(Terminating).ToList();

    /// <summary>Each error's ErrorId (the FullyQualifiedErrorId without the command), the terminating one last.</summary>
    public IReadOnlyList<string> ErrorIds => AllErrors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToList();

    /// <summary>The output's base objects.</summary>
    public IReadOnlyList<object> Objects => Output.Select(o => o.BaseObject).ToList();

    public IReadOnlyList<T> All<T>() => Objects.OfType<T>().ToList();

    /// <summary>The output as strings (Invoke-DockerRun's and Invoke-DockerExec's lines).</summary>
    public IReadOnlyList<string> Lines => Output.Select(o => o.BaseObject as string ?? o.ToString()).ToList();

    /// <summary>Fails the test (with every error and its position) unless the script wrote no error at all.</summary>
    public ScriptResult ThrowIfFailed(string? what = null)
    {
        if (AllErrors.Count > 0)
            throw new Xunit.Sdk.XunitException($"{what ?? "The script"} failed:\n{Describe()}");
        return this;
    }

    public string Describe() => Script + "\n" + string.Join("\n", AllErrors.Select(e =>
        $"  {e.FullyQualifiedErrorId} [{e.CategoryInfo.Category}] target={e.TargetObject}: {e.Exception.Message}{e.InvocationInfo?.PositionMessage?.Replace("\n", "\n    ", StringComparison.Ordinal)}"));

    /// <summary>The one object the script wrote, of type T.</summary>
    public T One<T>()
    {
        ThrowIfFailed();
        var all = All<T>();
        if (all.Count != 1 || Output.Count != 1)
            throw new Xunit.Sdk.XunitException($"Expected one {typeof(T).Name}; the script wrote {Output.Count} object(s): {string.Join(", ", Output.Select(o => o.BaseObject.GetType().Name + " " + o))}\n{Script}");
        return all[0];
    }
}
