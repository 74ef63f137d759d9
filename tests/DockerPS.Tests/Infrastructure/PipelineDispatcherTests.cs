using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Infrastructure;

namespace DockerPS.Tests.Infrastructure;

/// <summary>
/// The dispatcher that keeps WriteObject and friends on the pipeline thread. Each test plays the pipeline on a
/// thread of its own (the dispatcher belongs to the thread that creates it) and gives up after a timeout
/// instead of hanging the run.
/// </summary>
public class PipelineDispatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Posted_actions_run_on_the_pipeline_thread_in_order()
    {
        const int Count = 1000;
        var (pipeline, body, bodyOnPool, seen) = await OnPipelineThread(() =>
        {
            using var dispatcher = new PipelineDispatcher();
            var seen = new List<(int Value, int Thread)>();
            var body = 0;
            var bodyOnPool = false;
            dispatcher.Run(async ct =>
            {
                body = Environment.CurrentManagedThreadId;
                bodyOnPool = Thread.CurrentThread.IsThreadPoolThread;
                for (var i = 0; i < Count; i++)
                {
                    var value = i;
                    dispatcher.Post(() => seen.Add((value, Environment.CurrentManagedThreadId)));
                    if (i % 100 == 0) await Task.Yield();
                }
            }, CancellationToken.None);
            return (Environment.CurrentManagedThreadId, body, bodyOnPool, seen);
        });

        Assert.True(bodyOnPool, "The body runs on the thread pool.");
        Assert.NotEqual(pipeline, body);
        Assert.Equal(Count, seen.Count);
        for (var i = 0; i < Count; i++) Assert.Equal((i, pipeline), seen[i]);
    }

    [Fact]
    public async Task Post_on_the_pipeline_thread_runs_at_once()
    {
        var order = await OnPipelineThread(() =>
        {
            using var dispatcher = new PipelineDispatcher();
            var order = new List<string>();
            Assert.True(dispatcher.OnPipelineThread);
            dispatcher.Post(() => order.Add("direct"));
            order.Add("after");
            return order;
        });
        Assert.Equal(new[] { "direct", "after" }, order);
    }

    [Fact]
    public async Task A_fast_producer_waits_for_a_slow_pipeline()
    {
        const int Count = 1000;
        var (maxOutstanding, executedWhenProducerFinished) = await OnPipelineThread(() =>
        {
            using var dispatcher = new PipelineDispatcher();
            var outstanding = 0;
            var maxOutstanding = 0;
            var executed = 0;
            var executedWhenProducerFinished = 0;
            dispatcher.Run(ct =>
            {
                for (var i = 0; i < Count; i++)
                {
                    var now = Interlocked.Increment(ref outstanding);
                    if (now > maxOutstanding) maxOutstanding = now;
                    dispatcher.Post(() =>
                    {
                        Interlocked.Decrement(ref outstanding);
                        SpinFor(TimeSpan.FromMilliseconds(0.2));
                        Interlocked.Increment(ref executed);
                    });
                }
                executedWhenProducerFinished = Volatile.Read(ref executed);
                return Task.CompletedTask;
            }, CancellationToken.None);
            Assert.Equal(Count, executed);
            return (maxOutstanding, executedWhenProducerFinished);
        });

        // At most 256 queued, one taken but not started yet, and one the producer is about to add.
        Assert.InRange(maxOutstanding, 200, 256 + 2);
        // The producer could only finish once the pipeline had worked through all but a queueful.
        Assert.InRange(executedWhenProducerFinished, Count - 256 - 2, Count);
    }

    [Fact]
    public async Task An_action_that_throws_cancels_the_body_and_its_exception_is_rethrown()
    {
        var boom = new InvalidOperationException("The pipeline was stopped downstream.");
        var (thrown, bodyCancelled, laterRan) = await OnPipelineThread(() =>
        {
            using var dispatcher = new PipelineDispatcher();
            var bodyCancelled = false;
            var laterRan = false;
            var thrown = Assert.Throws<InvalidOperationException>(() => dispatcher.Run(async ct =>
            {
                dispatcher.Post(() => throw boom);
                try
                {
                    await Task.Delay(System.Threading.Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    bodyCancelled = true;
                    dispatcher.Post(() => laterRan = true);
                }
            }, CancellationToken.None));
            return (thrown, bodyCancelled, laterRan);
        });

        Assert.Same(boom, thrown);
        Assert.True(bodyCancelled, "The body's token was cancelled.");
        Assert.False(laterRan, "Nothing runs on the pipeline after the failure.");
    }

    [Fact]
    public async Task A_body_that_throws_has_its_exception_rethrown()
    {
        var thrown = await OnPipelineThread(() =>
        {
            using var dispatcher = new PipelineDispatcher();
            return Assert.Throws<TimeoutException>(() => dispatcher.Run(async ct =>
            {
                await Task.Yield();
                throw new TimeoutException("engine too slow");
            }, CancellationToken.None));
        });
        Assert.Equal("engine too slow", thrown.Message);
    }

    [Fact]
    public async Task Cancelling_from_outside_stops_the_body_at_once()
    {
        var (exception, sawCancellation, elapsed) = await OnPipelineThread(() =>
        {
            using var dispatcher = new PipelineDispatcher();
            using var stopping = new CancellationTokenSource();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Ctrl+C: PowerShell calls StopProcessing on another thread while the body waits on the engine.
            _ = started.Task.ContinueWith(_ => stopping.Cancel(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            var sawCancellation = false;
            var clock = Stopwatch.StartNew();
            var exception = Record.Exception(() => dispatcher.Run(async ct =>
            {
                started.SetResult();
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(5), ct);
                }
                finally
                {
                    sawCancellation = ct.IsCancellationRequested;
                }
            }, stopping.Token));
            return (exception, sawCancellation, clock.Elapsed);
        });

        Assert.IsAssignableFrom<OperationCanceledException>(exception);
        Assert.True(sawCancellation);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"Stopping took {elapsed}.");
    }

    [Fact]
    public async Task InvokeAsync_computes_on_the_pipeline_thread_and_returns_to_the_body()
    {
        var (pipeline, computedOn, result, inline) = await OnPipelineThread(() =>
        {
            using var dispatcher = new PipelineDispatcher();
            var computedOn = 0;
            var result = 0;
            dispatcher.Run(async ct =>
            {
                result = await dispatcher.InvokeAsync(() =>
                {
                    computedOn = Environment.CurrentManagedThreadId;
                    return 42;
                });
            }, CancellationToken.None);
            var inline = dispatcher.InvokeAsync(() => 7);
            return (Environment.CurrentManagedThreadId, computedOn, result, inline);
        });

        Assert.Equal(42, result);
        Assert.Equal(pipeline, computedOn);
        Assert.True(inline.IsCompletedSuccessfully);
        Assert.Equal(7, await inline);
    }

    [Fact]
    public async Task InvokeAsync_that_throws_fails_the_run_with_that_exception()
    {
        var thrown = await OnPipelineThread(() =>
        {
            using var dispatcher = new PipelineDispatcher();
            return Assert.Throws<ArgumentException>(() => dispatcher.Run(async ct =>
            {
                await dispatcher.InvokeAsync<bool>(() => throw new ArgumentException("no"));
            }, CancellationToken.None));
        });
        Assert.Equal("no", thrown.Message);
    }

    [Fact]
    public async Task Posting_after_the_run_ended_is_a_cancellation()
    {
        var exception = await OnPipelineThread(() =>
        {
            using var dispatcher = new PipelineDispatcher();
            dispatcher.Run(_ => Task.CompletedTask, CancellationToken.None);
            return Record.Exception(() => Task.Run(() => dispatcher.Post(() => { })).GetAwaiter().GetResult());
        });
        Assert.IsAssignableFrom<OperationCanceledException>(exception);
    }

    /// <summary>Runs <paramref name="test"/> on a dedicated thread, the "pipeline thread"; a TimeoutException if it hangs.</summary>
    private static Task<T> OnPipelineThread<T>(Func<T> test) =>
        Task.Factory.StartNew(test, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(Timeout);

    private static void SpinFor(TimeSpan time)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < time) Thread.SpinWait(20);
    }
}
