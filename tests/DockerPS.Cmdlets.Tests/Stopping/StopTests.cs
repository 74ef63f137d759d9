using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Stopping;

/// <summary>
/// Ctrl+C: PowerShell.Stop (what the console host calls on Ctrl+C) ends a cmdlet that would otherwise wait for ever.
/// The bound is generous: it catches a hang, it does not measure speed.
/// </summary>
public sealed class StopTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Stop_ends_Get_DockerContainerLog_Follow_at_once(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Ps("$null = Invoke-DockerRun -Detach -Name $name -Label $label $busybox -- sh -c 'while :; do echo tick; sleep 1; done'", ("name", t.Name("follow"))).ThrowIfFailed();
        var (lines, elapsed, state) = await StopAfterFirstOutputAsync(t.Shell, "Get-DockerContainerLog $name -Follow", useBeginStop: false);
        Assert.True(lines > 0);
        Assert.True(elapsed < Prompt, $"Stop took {elapsed}.");
        Assert.Equal(PSInvocationState.Stopped, state);
        // The session is usable afterwards, and the container was not touched.
        Assert.Equal("running", t.Ps("Get-DockerContainer $name").One<DockerContainer>().State);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task BeginStop_ends_Wait_DockerContainer_at_once(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Ps("$null = Invoke-DockerRun -Detach -Name $name -Label $label $busybox sleep 300", ("name", t.Name("wait"))).ThrowIfFailed();
        var (_, elapsed, state) = await StopAfterAsync(t.Shell, "Wait-DockerContainer $name", TimeSpan.FromSeconds(1), useBeginStop: true);
        Assert.True(elapsed < Prompt, $"Stop took {elapsed}.");
        Assert.Equal(PSInvocationState.Stopped, state);
        Assert.Equal("running", t.Ps("Get-DockerContainer $name").One<DockerContainer>().State);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Stop_ends_stats_streams_attached_runs_and_execs_at_once(string engine)
    {
        await using var t = new EngineScope(engine);
        t.Ps("$null = Invoke-DockerRun -Detach -Name $name -Label $label $busybox sleep 300", ("name", t.Name("streams"))).ThrowIfFailed();
        foreach (var script in new[]
        {
            "Get-DockerContainerStats $name -Stream",
            "Invoke-DockerRun -Label $label $busybox -- sh -c 'echo started; sleep 300'",
            "Invoke-DockerExec $name -- sh -c 'echo started; sleep 300'",
        })
        {
            var (lines, elapsed, state) = await StopAfterFirstOutputAsync(t.Shell, script, useBeginStop: false);
            Assert.True(lines > 0, script);
            Assert.True(elapsed < Prompt, $"{script}: Stop took {elapsed}.");
            Assert.Equal(PSInvocationState.Stopped, state);
        }
    }

    /// <summary>Starts the script, stops it when it has written its first object, and times the stop.</summary>
    private static async Task<(int Lines, TimeSpan Elapsed, PSInvocationState State)> StopAfterFirstOutputAsync(PowerShellSession shell, string script, bool useBeginStop)
    {
        using var ps = shell.Pipeline(script);
        using var output = new PSDataCollection<PSObject>();
        using var first = new SemaphoreSlim(0);
        output.DataAdded += (_, _) => first.Release();
        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        if (!await first.WaitAsync(TimeSpan.FromSeconds(60)))
        {
            ps.Stop();
            throw new Xunit.Sdk.XunitException($"{script} wrote nothing in 60 s: {string.Join("; ", ps.Streams.Error)}");
        }
        var elapsed = await StopAsync(ps, invocation, useBeginStop);
        return (output.Count, elapsed, ps.InvocationStateInfo.State);
    }

    /// <summary>Starts the script, stops it after a delay, and times the stop.</summary>
    private static async Task<(int Lines, TimeSpan Elapsed, PSInvocationState State)> StopAfterAsync(PowerShellSession shell, string script, TimeSpan delay, bool useBeginStop)
    {
        using var ps = shell.Pipeline(script);
        using var output = new PSDataCollection<PSObject>();
        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        await Task.Delay(delay);
        // (The streams are read only once the pipeline has ended: enumerating an open PSDataCollection can block.)
        if (invocation.IsCompleted) throw new Xunit.Sdk.XunitException($"{script} ended by itself: {string.Join("; ", ps.Streams.Error)}");
        var elapsed = await StopAsync(ps, invocation, useBeginStop);
        return (output.Count, elapsed, ps.InvocationStateInfo.State);
    }

    private static async Task<TimeSpan> StopAsync(PowerShell ps, IAsyncResult invocation, bool useBeginStop)
    {
        var clock = Stopwatch.StartNew();
        var stopping = useBeginStop
            ? Task.Factory.FromAsync(ps.BeginStop(null, null), ps.EndStop)
            : Task.Run(ps.Stop);
        var ended = Task.Run(() =>
        {
            try
            {
                ps.EndInvoke(invocation);
            }
            catch (PipelineStoppedException)
            {
            }
        });
        // Give a hang room to show itself without making the test wait for ever.
        await Task.WhenAny(Task.WhenAll(stopping, ended), Task.Delay(TimeSpan.FromSeconds(30)));
        var elapsed = clock.Elapsed;
        if (!ended.IsCompleted || !stopping.IsCompleted)
            throw new Xunit.Sdk.XunitException($"{elapsed} after Stop: the pipeline {(ended.IsCompleted ? "ended" : "was still running")}, Stop {(stopping.IsCompleted ? "returned" : "had not returned")}; state {ps.InvocationStateInfo.State}.");
        await stopping;
        await ended;
        return elapsed;
    }
}
