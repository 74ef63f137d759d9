using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerPS.Infrastructure;

namespace DockerPS.Completion;

/// <summary>Completes container names from the engine the command line points at.</summary>
public sealed class ContainerNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompleterSupport.FromEngine(fakeBoundParameters, client => CompletionSource.Containers(client, wordToComplete, CompletionSource.DefaultTimeout));
}

/// <summary>Completes image references (repository:tag) from the engine the command line points at.</summary>
public sealed class ImageReferenceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompleterSupport.FromEngine(fakeBoundParameters, client => CompletionSource.Images(client, wordToComplete, CompletionSource.DefaultTimeout));
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
    /// <summary>Candidates from the engine the command line names; nothing when that engine cannot even be resolved.</summary>
    public static IEnumerable<CompletionResult> FromEngine(IDictionary bound, System.Func<Engine.DockerClient, IReadOnlyList<Candidate>> fetch)
    {
        Engine.DockerClient client;
        try
        {
            client = ClientCache.Get(bound["DockerHost"] as string, bound["Context"] as string);
        }
        catch (Engine.Errors.DockerException)
        {
            return System.Array.Empty<CompletionResult>();
        }
        return Results(fetch(client));
    }

    public static IEnumerable<CompletionResult> Results(IEnumerable<Candidate> candidates) =>
        candidates.Select(c => new CompletionResult(c.CompletionText, c.Value, CompletionResultType.ParameterValue, c.ToolTip)).ToArray();
}
