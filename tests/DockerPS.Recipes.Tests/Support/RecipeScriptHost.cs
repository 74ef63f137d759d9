using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>
/// Runs the example scripts as a user runs them: a PowerShell runspace (System.Management.Automation from NuGet, hosted
/// in the test process) with the built module imported, the script invoked by its path with named parameters.
/// </summary>
/// <remarks>
/// The seam for the hosted-runspace tier (tests/DockerPS.Cmdlets.Tests, PowerShellSession): once it is on main, this class
/// can hand its work to that session; the tests only use <see cref="Open"/> and <see cref="Run"/>.
/// The NuGet engine has the Microsoft.PowerShell.Core commands only; the few commands of Microsoft.PowerShell.Utility and
/// .Management that the scripts use (Write-Verbose, Join-Path, Start-Sleep, ...) get small stand-ins here
/// (<see cref="StandIns"/>). Under pwsh the real ones are used, and the Pester suite runs the same scripts there.
/// </remarks>
public sealed class RecipeScriptHost : IDisposable
{
    private readonly Runspace _runspace;

    private RecipeScriptHost(Runspace runspace) => _runspace = runspace;

    /// <summary>Why script tests cannot run (no built module), or null.</summary>
    public static string? SkipReason =>
        File.Exists(Path.Combine(RepositoryPaths.Module, "DockerPS.psd1")) || DockerPS.Engine.Tests.Support.TestEnvironment.IsCi
            ? null
            : $"The module is not built at {RepositoryPaths.Module}: run ./build.sh (or set DOCKERPS_MODULE).";

    public static RecipeScriptHost Open()
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        var host = new RecipeScriptHost(runspace);
        host.Invoke(ps => ps.AddScript(StandIns)).ThrowIfFailed("stand-ins");
        host.Invoke(ps => ps.AddCommand("Import-Module").AddParameter("Name", RepositoryPaths.Module).AddParameter("ErrorAction", "Stop"))
            .ThrowIfFailed("Import-Module");
        return host;
    }

    /// <summary>Runs examples/<paramref name="script"/> with these parameters (switches as true) and -Verbose.</summary>
    public ScriptRun Run(string script, IDictionary<string, object?> parameters) =>
        Invoke(ps =>
        {
            ps.AddCommand(RepositoryPaths.Example(script));
            foreach (var (name, value) in parameters) ps.AddParameter(name, value);
            ps.AddParameter("Verbose", true);
        });

    /// <summary>Runs a piece of script in the same session (for pipelines over the scripts' output).</summary>
    public ScriptRun RunScript(string script, IDictionary<string, object?>? variables = null)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>()) _runspace.SessionStateProxy.SetVariable(name, value);
        return Invoke(ps => ps.AddScript(script));
    }

    private ScriptRun Invoke(Action<PowerShell> build)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        build(ps);
        Collection<PSObject> output;
        ErrorRecord? terminating = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            output = new Collection<PSObject>();
            terminating = ex.ErrorRecord;
        }
        return new ScriptRun(output.ToList(), ps.Streams.Error.ToList(), terminating, ps.Streams.Verbose.Select(v => v.Message).ToList(),
            ps.Streams.Warning.Select(w => w.Message).ToList());
    }

    public void Dispose() => _runspace.Dispose();

    /// <summary>Stand-ins for the Utility and Management commands that the scripts use and the NuGet engine lacks.</summary>
    private const string StandIns = """
        function global:Write-Verbose {
            [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)] [AllowEmptyString()] [string] $Message)
            process { $PSCmdlet.WriteVerbose($Message) }
        }
        function global:Write-Warning {
            [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)] [AllowEmptyString()] [string] $Message)
            process { $PSCmdlet.WriteWarning($Message) }
        }
        function global:Join-Path {
            param([Parameter(Mandatory, Position = 0)] [string] $Path, [Parameter(Mandatory, Position = 1)] [string] $ChildPath)
            [System.IO.Path]::Combine($Path, $ChildPath)
        }
        function global:Test-Path {
            param([Parameter(Position = 0)] [string] $Path, [string] $LiteralPath)
            $p = if ($LiteralPath) { $LiteralPath } else { $Path }
            [System.IO.File]::Exists($p) -or [System.IO.Directory]::Exists($p)
        }
        function global:Start-Sleep {
            param([Parameter(Position = 0)] [double] $Seconds, [int] $Milliseconds)
            [System.Threading.Thread]::Sleep([int] ($Seconds * 1000) + $Milliseconds)
        }
        function global:Sort-Object {
            param([Parameter(ValueFromPipeline)] $InputObject)
            begin { $items = [System.Collections.Generic.List[object]]::new() }
            process { $items.Add($InputObject) }
            end { $a = $items.ToArray(); [System.Array]::Sort($a); $a }
        }
        function global:Select-Object {
            param([Parameter(ValueFromPipeline)] $InputObject, [int] $First = [int]::MaxValue)
            begin { $n = 0 }
            process { if ($n -lt $First) { $InputObject; $n++ } }
        }
        """;
}

/// <summary>What one script run wrote, stream by stream.</summary>
public sealed record ScriptRun(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    ErrorRecord? Terminating,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The ErrorId part of the terminating error's FullyQualifiedErrorId (before the first comma), or null.</summary>
    public string? TerminatingId => Terminating?.FullyQualifiedErrorId.Split(',')[0];

    public ScriptRun ThrowIfFailed(string what)
    {
        if (Terminating is not null || Errors.Count > 0) throw new InvalidOperationException($"{what} failed:{Environment.NewLine}{Describe()}");
        return this;
    }

    /// <summary>The one object the script wrote, with its properties readable by name.</summary>
    public PSObject Result() => Output.Count == 1 ? Output[0] : throw new InvalidOperationException($"expected one object, got {Output.Count}:{Environment.NewLine}{Describe()}");

    public string Describe() =>
        string.Join(Environment.NewLine, Errors.Select(e => "error: " + e.FullyQualifiedErrorId + ": " + e)
            .Concat(Terminating is null ? Array.Empty<string>() : new[] { "terminating: " + Terminating.FullyQualifiedErrorId + ": " + Terminating + Environment.NewLine + Terminating.ScriptStackTrace })
            .Concat(Warnings.Select(w => "warning: " + w))
            .Concat(Verbose.Select(v => "verbose: " + v)));
}

/// <summary>Reading the scripts' output objects.</summary>
public static class PSObjectExtensions
{
    public static T Get<T>(this PSObject o, string property) => LanguagePrimitives.ConvertTo<T>(o.Properties[property]?.Value);

    public static string[] Strings(this PSObject o, string property) =>
        o.Properties[property]?.Value switch
        {
            null => Array.Empty<string>(),
            string s => new[] { s },
            var v => LanguagePrimitives.ConvertTo<string[]>(v),
        };
}
