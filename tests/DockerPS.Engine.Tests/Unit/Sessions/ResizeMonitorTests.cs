using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Sessions;

namespace DockerPS.Engine.Tests.Unit.Sessions;

public class ResizeMonitorTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(20);

    private sealed class Recorder
    {
        private readonly List<(int W, int H)> _calls = new();
        public int FailuresLeft { get; set; }

        public IReadOnlyList<(int W, int H)> Calls
        {
            get
            {
                lock (_calls) return _calls.ToArray();
            }
        }

        public Task Resize(int w, int h, CancellationToken _)
        {
            lock (_calls) _calls.Add((w, h));
            if (FailuresLeft-- > 0) throw new DockerException("not running yet", "ExecConflict", DockerErrorCategory.InvalidOperation);
            return Task.CompletedTask;
        }

        public async Task WaitForCallsAsync(int count)
        {
            var sw = Stopwatch.StartNew();
            while (Calls.Count < count)
            {
                if (sw.Elapsed > TimeSpan.FromSeconds(10)) Assert.Fail($"Only {Calls.Count} resize calls, not {count}.");
                await Task.Delay(5);
            }
        }
    }

    [Fact]
    public async Task Sends_the_size_at_once_then_only_when_it_changes()
    {
        var recorder = new Recorder();
        TerminalSize? size = new TerminalSize(80, 24);
        using var cts = new CancellationTokenSource();
        var monitor = ResizeMonitor.RunAsync(() => size, recorder.Resize, Fast, nudge: false, null, cts.Token);
        await recorder.WaitForCallsAsync(1);
        await Task.Delay(150);
        Assert.Equal(new[] { (80, 24) }, recorder.Calls);

        size = new TerminalSize(120, 40);
        await recorder.WaitForCallsAsync(2);
        await Task.Delay(150);
        Assert.Equal(new[] { (80, 24), (120, 40) }, recorder.Calls);

        var sw = Stopwatch.StartNew();
        cts.Cancel();
        await monitor;
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Retries_the_first_size_while_the_process_starts()
    {
        var recorder = new Recorder { FailuresLeft = 3 };
        var failures = new List<string>();
        using var cts = new CancellationTokenSource();
        var monitor = ResizeMonitor.RunAsync(() => new TerminalSize(100, 30), recorder.Resize, Fast, nudge: false, failures.Add, cts.Token);
        await recorder.WaitForCallsAsync(4);
        await Task.Delay(100);
        cts.Cancel();
        await monitor;
        Assert.Equal(Enumerable.Repeat((100, 30), 4), recorder.Calls);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Gives_up_after_ten_retries_saying_what_docker_says()
    {
        var recorder = new Recorder { FailuresLeft = int.MaxValue };
        var failures = new List<string>();
        using var cts = new CancellationTokenSource();
        var monitor = ResizeMonitor.RunAsync(() => new TerminalSize(100, 30), recorder.Resize, TimeSpan.FromSeconds(30), nudge: false, failures.Add, cts.Token);
        // 10 + 20 + ... + 100 ms of retries.
        var sw = Stopwatch.StartNew();
        while (failures.Count == 0 && sw.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
        cts.Cancel();
        await monitor;
        Assert.Equal(11, recorder.Calls.Count);
        Assert.Equal("failed to resize tty, using default size", Assert.Single(failures));
    }

    [Fact]
    public async Task A_nudge_sends_one_larger_first_so_a_running_program_redraws()
    {
        var recorder = new Recorder();
        using var cts = new CancellationTokenSource();
        var monitor = ResizeMonitor.RunAsync(() => new TerminalSize(80, 24), recorder.Resize, Fast, nudge: true, null, cts.Token);
        await recorder.WaitForCallsAsync(2);
        cts.Cancel();
        await monitor;
        Assert.Equal(new[] { (81, 25), (80, 24) }, recorder.Calls);
    }

    [Fact]
    public async Task An_unknown_size_sends_nothing()
    {
        var recorder = new Recorder();
        using var cts = new CancellationTokenSource();
        var monitor = ResizeMonitor.RunAsync(() => null, recorder.Resize, Fast, nudge: true, null, cts.Token);
        await Task.Delay(150);
        cts.Cancel();
        await monitor;
        Assert.Empty(recorder.Calls);
    }
}
