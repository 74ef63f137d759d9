using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Infrastructure;

/// <summary>
/// Runs a cmdlet's async body on the thread pool while the pipeline thread executes what the body posts
/// (WriteObject, WriteProgress, WriteError, ShouldProcess): PowerShell only allows those on its own thread.
/// The queue is bounded, so a fast producer waits for a slow pipeline instead of buffering without limit.
/// Knows nothing of PowerShell, so it is tested without it.
/// </summary>
internal sealed class PipelineDispatcher : IDisposable
{
    private const int Capacity = 256;
    private readonly BlockingCollection<Action> _queue = new(Capacity);
    private readonly int _pipelineThread = Environment.CurrentManagedThreadId;
    private CancellationToken _bodyToken;

    /// <summary>True on the thread that called <see cref="Run"/>.</summary>
    public bool OnPipelineThread => Environment.CurrentManagedThreadId == _pipelineThread;

    /// <summary>
    /// Runs <paramref name="body"/> and executes posted actions until it ends. If an action throws (for example the
    /// pipeline was stopped downstream), the body is cancelled, awaited, and the action's exception is rethrown.
    /// </summary>
    public void Run(Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _bodyToken = linked.Token;
        var task = Task.Run(() => body(linked.Token), CancellationToken.None);
        task.ContinueWith(static (_, q) => ((BlockingCollection<Action>)q!).CompleteAdding(), _queue, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            foreach (var action in _queue.GetConsumingEnumerable(CancellationToken.None)) action();
        }
        catch
        {
            linked.Cancel();
            try
            {
                task.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // The body's own failure after cancellation says nothing new.
            }
            throw;
        }
        task.GetAwaiter().GetResult();
    }

    /// <summary>Runs the action on the pipeline thread: now if already there, else queued.</summary>
    public void Post(Action action)
    {
        if (OnPipelineThread)
        {
            action();
            return;
        }
        try
        {
            _queue.Add(action, _bodyToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The dispatcher has finished: nothing is left to receive it.
            throw new OperationCanceledException(_bodyToken);
        }
    }

    /// <summary>Runs a function on the pipeline thread and returns its result to the body.</summary>
    public Task<T> InvokeAsync<T>(Func<T> function)
    {
        if (OnPipelineThread) return Task.FromResult(function());
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                completion.SetResult(function());
            }
            catch (Exception ex)
            {
                completion.SetException(ex);
                throw;
            }
        });
        return completion.Task;
    }

    public void Dispose() => _queue.Dispose();
}
