using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerPS.Infrastructure;

namespace DockerPS.Completion;

/// <summary>Completes container names from the engine the command would use.</summary>
public sealed class ContainerNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompleterSupport.FromEngine(commandName, fakeBoundParameters, client => CompletionSource.Containers(client, wordToComplete, CompletionSource.DefaultTimeout));
}

/// <summary>Completes image references (repository:tag) from the engine the command would use.</summary>
public sealed class ImageReferenceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompleterSupport.FromEngine(commandName, fakeBoundParameters, client => CompletionSource.Images(client, wordToComplete, CompletionSource.DefaultTimeout));
}

/// <summary>Completes docker context names from the context store.</summary>
public sealed class ContextNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompleterSupport.Results(CompletionSource.Contexts(null, wordToComplete));
}

/// <summary>Completes detach key sequences in docker's syntax, as docker's own completion offers "ctrl-".</summary>
public sealed class DetachKeysCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompleterSupport.Results(CompletionSource.DetachKeys(wordToComplete));
}

internal static class CompleterSupport
{
    /// <summary>
    /// Candidates from the engine the command would use (<see cref="EngineChoice"/>); nothing when that engine cannot
    /// even be resolved.
    /// </summary>
    public static IEnumerable<CompletionResult> FromEngine(string commandName, IDictionary bound, System.Func<Engine.DockerClient, IReadOnlyList<Candidate>> fetch)
    {
        Engine.DockerClient client;
        try
        {
            var (dockerHost, context) = EngineChoice.For(commandName, bound);
            client = ClientCache.Get(dockerHost, context);
        }
        catch (System.Exception ex) when (ex is Engine.Errors.DockerException or RuntimeException or System.InvalidOperationException)
        {
            // An engine that cannot be named (both -DockerHost and -Context, a default that fails) offers nothing.
            return System.Array.Empty<CompletionResult>();
        }
        return Results(fetch(client));
    }

    public static IEnumerable<CompletionResult> Results(IEnumerable<Candidate> candidates) =>
        candidates.Select(c => new CompletionResult(c.CompletionText, c.Value, CompletionResultType.ParameterValue, c.ToolTip)).ToArray();
}
