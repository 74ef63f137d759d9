using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Matching;
using DockerPS.Engine.Sessions;
using DockerPS.Engine.Streams;
using DockerPS.Terminal;

namespace DockerPS.Infrastructure;

/// <summary>
/// The base of every DockerPS cmdlet. Its async bodies run off the pipeline thread, and everything that must run
/// on it (output, errors, progress, ShouldProcess) is dispatched back. Ctrl+C cancels the body's token, which
/// aborts any engine call or stream at once. Engine failures become complete error records.
/// </summary>
public abstract class DockerCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PipelineDispatcher? _dispatcher;
    private DockerClient? _client;

    /// <summary>The docker context to use (as <c>docker --context</c>); README "Choosing the engine" says how the engine is resolved without it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextNameCompleter))]
    public string? Context { get; set; }

    /// <summary>The engine endpoint to use, as DOCKER_HOST: unix://, npipe://, tcp:// or ssh://.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DockerHost { get; set; }

    /// <summary>The client for the chosen engine, created on first use (no I/O until a call is made).</summary>
    protected DockerClient Client => _client ??= ClientCache.Get(DockerHost, Context);

    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected sealed override void BeginProcessing() => Run(BeginProcessingAsync);

    protected sealed override void ProcessRecord() => Run(ProcessRecordAsync);

    protected sealed override void EndProcessing() => Run(EndProcessingAsync);

    protected override void StopProcessing()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The pipeline ended and disposed the cmdlet first: nothing is left to stop.
        }
    }

    /// <summary>PowerShell disposes a cmdlet when its pipeline ends.</summary>
    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Run(Func<CancellationToken, Task> body)
    {
        using var dispatcher = new PipelineDispatcher();
        _dispatcher = dispatcher;
        try
        {
            dispatcher.Run(body, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (DockerException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex));
        }
        finally
        {
            _dispatcher = null;
        }
    }

    private PipelineDispatcher Dispatcher => _dispatcher ?? throw new InvalidOperationException("No cmdlet body is running.");

    /// <summary>Writes an object to the pipeline (from any thread).</summary>
    protected void Emit(object value) => Dispatcher.Post(() => WriteObject(value));

    /// <summary>Writes a non-terminating error for one target and goes on with the others.</summary>
    protected void EmitError(DockerException exception, object? target = null) => Dispatcher.Post(() => WriteError(ErrorRecords.From(exception, target)));

    protected void EmitError(ErrorRecord record) => Dispatcher.Post(() => WriteError(record));

    protected void EmitProgress(ProgressRecord record) => Dispatcher.Post(() => WriteProgress(record));

    protected void EmitVerbose(string text) => Dispatcher.Post(() => WriteVerbose(text));

    /// <summary>Progress bars for a pull or push: one per layer under an overall one, the engine's status lines to verbose.</summary>
    private protected Progress.TransferProgressRenderer NewTransferRenderer(Progress.TransferKind kind, string activity) =>
        new(kind, activity, bar => EmitProgress(Progress.ProgressRecords.From(bar)), EmitVerbose);

    protected void EmitWarning(string text) => Dispatcher.Post(() => WriteWarning(text));

    /// <summary>Writes to the information stream, with tags that Where-Object can filter the records on.</summary>
    protected void EmitInformation(object data, params string[] tags) => Dispatcher.Post(() => WriteInformation(data, tags));

    /// <summary>Sets $global:LASTEXITCODE, as a native command would.</summary>
    protected void SetLastExitCode(long code) =>
        Dispatcher.Post(() => SessionState.PSVariable.Set("global:LASTEXITCODE", (int)code));

    /// <summary>Runs a function on the pipeline thread (host prompts, session state) and returns its result to the body.</summary>
    protected Task<T> InvokeOnPipelineThreadAsync<T>(Func<T> function) => Dispatcher.InvokeAsync(function);
    /// <summary>An interactive session on this process's console (docker run -it, exec -it, attach).</summary>
    protected SessionOptions ConsoleSession(Engine.Arguments.DetachKeys detachKeys, Action<OutputLine>? onLine = null) =>
        new(ConsoleTerminal.Create()) { DetachKeys = detachKeys, OnLine = onLine, OnWarning = EmitWarning };

    /// <summary>
    /// After a session: an exit sets $LASTEXITCODE and its code is returned; a detach is reported with docker's words
    /// ("read escape sequence") and null is returned, $LASTEXITCODE left as it was.
    /// </summary>
    protected long? EndSession(SessionResult result, string container, string? command = null)
    {
        var what = command is null
            ? string.Format(System.Globalization.CultureInfo.CurrentCulture, Strings.SessionOfContainer, container)
            : string.Format(System.Globalization.CultureInfo.CurrentCulture, Strings.SessionOfCommand, command, container);
        if (result is null) throw new ArgumentNullException(nameof(result));
        if (result.ExitCode is not long code)
        {
            EmitWarning(string.Format(System.Globalization.CultureInfo.CurrentCulture, Strings.SessionDetached, what));
            return null;
        }
        SetLastExitCode(code);
        return code;
    }

    /// <summary>
    /// -Inspect over a selection: asks the engine about each selected item (once per id) and writes what it says, then
    /// returns the inputs to report as not found. The engine answers each call as things stand; nothing makes the list
    /// and the calls one snapshot. So an item removed in between (by another session on a shared engine) is left out, as
    /// a list read a moment later would leave it out, and an input without wildcards that picked only removed items is
    /// returned with the unmatched ones, to be reported like any name that finds nothing; the other items are still written.
    /// </summary>
    protected async Task<IReadOnlyList<string>> EmitDescriptionsAsync<T, TDescription>(Selection<T> selection, Func<T, string> idOf,
        Func<string, CancellationToken, Task<TDescription>> describe, CancellationToken cancellationToken)
        where TDescription : notnull
    {
        if (selection is null) throw new ArgumentNullException(nameof(selection));
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in selection.Matches.Select(idOf).Distinct(StringComparer.Ordinal))
        {
            try
            {
                Emit(await describe(id, cancellationToken).ConfigureAwait(false));
            }
            catch (DockerNotFoundException)
            {
                removed.Add(id);
            }
        }
        return selection.UnmatchedWithout(item => removed.Contains(idOf(item)));
    }

    /// <summary>ShouldProcess, asked on the pipeline thread, awaited by the body.</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action) => Dispatcher.InvokeAsync(() => ShouldProcess(target, action));
}
