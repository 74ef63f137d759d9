using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace DockerPS.HostedPowerShell;

/// <summary>What one script or command wrote, stream by stream.</summary>
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

    /// <summary>The script, or the command and the names of its parameters.</summary>
    public string Script { get; }

    public IReadOnlyList<PSObject> Output { get; }

    /// <summary>The non-terminating errors.</summary>
    public IReadOnlyList<ErrorRecord> Errors { get; }

    /// <summary>The error that ended the script, if one did.</summary>
    public ErrorRecord? Terminating { get; }

    /// <summary>The ErrorId of the error that ended the script (its FullyQualifiedErrorId without the command), or null.</summary>
    public string? TerminatingId => Terminating is null ? null : ErrorId(Terminating);

    public IReadOnlyList<WarningRecord> Warnings { get; }

    public IReadOnlyList<InformationRecord> Information { get; }

    public IReadOnlyList<VerboseRecord> Verbose { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Every error, the terminating one last.</summary>
    public IReadOnlyList<ErrorRecord> AllErrors => Terminating is null ? Errors : Errors.Append(Terminating).ToList();

    /// <summary>Each error's ErrorId (the FullyQualifiedErrorId without the command), the terminating one last.</summary>
    public IReadOnlyList<string> ErrorIds => AllErrors.Select(ErrorId).ToList();

    /// <summary>The output's base objects.</summary>
    public IReadOnlyList<object> Objects => Output.Select(o => o.BaseObject).ToList();

    public IReadOnlyList<T> All<T>() => Objects.OfType<T>().ToList();

    /// <summary>The output as strings (Invoke-DockerRun's and Invoke-DockerExec's lines).</summary>
    public IReadOnlyList<string> Lines => Output.Select(o => o.BaseObject as string ?? o.ToString()).ToList();

    /// <summary>Fails the test (with every error, its position and what else the script said) unless it wrote no error at all.</summary>
    public ScriptResult ThrowIfFailed(string? what = null)
    {
        if (AllErrors.Count > 0)
            throw new Xunit.Sdk.XunitException($"{what ?? "The script"} failed:\n{Describe()}");
        return this;
    }

    /// <summary>The script, its errors (with position, and the script stack of the terminating one), warnings and verbose lines.</summary>
    public string Describe() => string.Join("\n", new[] { Script }
        .Concat(Errors.Select(e => "  error: " + Describe(e)))
        .Concat(Terminating is null ? Array.Empty<string>() : new[] { "  terminating: " + Describe(Terminating) + Indent(Terminating.ScriptStackTrace) })
        .Concat(Warnings.Select(w => "  warning: " + w.Message))
        .Concat(Verbose.Select(v => "  verbose: " + v.Message)));

    /// <summary>The one object the script wrote, of type T.</summary>
    public T One<T>()
    {
        ThrowIfFailed();
        var all = All<T>();
        if (all.Count != 1 || Output.Count != 1)
            throw new Xunit.Sdk.XunitException($"Expected one {typeof(T).Name}; the script wrote {Output.Count} object(s): {string.Join(", ", Output.Select(o => o.BaseObject.GetType().Name + " " + o))}\n{Script}");
        return all[0];
    }

    /// <summary>The one object the script wrote, its properties readable by name (a script's [pscustomobject]).</summary>
    public PSObject Result() =>
        Output.Count == 1 ? Output[0] : throw new Xunit.Sdk.XunitException($"Expected one object; the script wrote {Output.Count}:\n{Describe()}");

    private static string ErrorId(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

    private static string Describe(ErrorRecord e) =>
        $"{e.FullyQualifiedErrorId} [{e.CategoryInfo.Category}] target={e.TargetObject}: {e.Exception.Message}{Indent(e.InvocationInfo?.PositionMessage)}";

    private static string Indent(string? text) => string.IsNullOrEmpty(text) ? string.Empty : "\n    " + text.Replace("\n", "\n    ", StringComparison.Ordinal);
}

/// <summary>Reading what scripts write.</summary>
public static class PSObjectExtensions
{
    /// <summary>A property's value as T, converted as PowerShell converts it; a missing property fails the test.</summary>
    public static T Get<T>(this PSObject o, string property)
    {
        ArgumentNullException.ThrowIfNull(o);
        var found = o.Properties[property] ?? throw new Xunit.Sdk.XunitException($"No property {property} on {o}.");
        return LanguagePrimitives.ConvertTo<T>(found.Value);
    }

    /// <summary>A property that holds one string or several, as an array (empty when it is null).</summary>
    public static string[] Strings(this PSObject o, string property) =>
        o.Get<object?>(property) switch
        {
            null => Array.Empty<string>(),
            string s => new[] { s },
            var v => LanguagePrimitives.ConvertTo<string[]>(v),
        };
}
