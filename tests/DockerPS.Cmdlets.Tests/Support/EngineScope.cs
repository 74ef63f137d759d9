using System;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Support;

/// <summary>
/// One test against one engine: a PowerShell session whose DockerPS cmdlets target that engine
/// (<c>$PSDefaultParameterValues['*-Docker*:DockerHost']</c>, as a user pins an engine), a run id, and at the end the
/// removal of everything the test made, whatever it left behind. Everything made is named dpshost-...-&lt;run&gt; and
/// containers carry the label dpshost-run=&lt;run&gt;, so nothing else on the shared engines is ever touched.
/// The session has $run, $label, $busybox and $debian set.
/// </summary>
public sealed class EngineScope : IAsyncDisposable
{
    public const string LabelKey = "dpshost-run";

    public EngineScope(string engine)
    {
        Engine = TestEnvironment.Engine(engine);
        Client = TestEnvironment.Client(engine);
        Run = Guid.NewGuid().ToString("n")[..10];
        Shell = PowerShellSession.Open(ModuleFolder.Path);
        Shell.Set("run", Run);
        Shell.Set("label", Label);
        Shell.Set("busybox", TestEnvironment.BusyboxImage);
        Shell.Set("debian", TestEnvironment.DebianImage);
        Shell.Run("$PSDefaultParameterValues['*-Docker*:DockerHost'] = $dockerHost", ("dockerHost", Engine.Host)).ThrowIfFailed();
        // Start-Sleep is in Microsoft.PowerShell.Utility, which this host lacks; scripts wait for a container's line with this.
        Shell.Run("""
            function Wait-DpsLine([string] $Container, [string] $Text, [int] $Seconds = 30) {
                $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
                while (-not @(Get-DockerContainerLog $Container | Where-Object Text -EQ $Text).Count) {
                    if ([DateTime]::UtcNow -gt $deadline) { throw "$Container did not write '$Text' in $Seconds s." }
                    [System.Threading.Thread]::Sleep(100)
                }
            }
            """).ThrowIfFailed();
    }

    public TestEngine Engine { get; }

    /// <summary>The engine layer's client, to check what the cmdlets did without them.</summary>
    public DockerClient Client { get; }

    public string Run { get; }

    /// <summary>The label every container of this test carries: dpshost-run=&lt;run&gt;.</summary>
    public string Label => LabelKey + "=" + Run;

    public PowerShellSession Shell { get; }

    /// <summary>A name of this test's: dpshost-&lt;stem&gt;-&lt;run&gt;.</summary>
    public string Name(string stem) => $"dpshost-{stem}-{Run}";

    /// <summary>Runs a script in this test's session.</summary>
    public ScriptResult Ps(string script, params (string Name, object? Value)[] variables) => Shell.Run(script, variables);

    /// <summary>This test's containers, as the engine lists them (all states).</summary>
    public async Task<System.Collections.Generic.IReadOnlyList<Engine.Model.DockerContainer>> ContainersAsync()
    {
        var options = new ContainerListOptions { All = true };
        options.Filters.Add("label", Label);
        return await Client.Containers.ListAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        Shell.Dispose();
        var byLabel = new ContainerListOptions { All = true };
        byLabel.Filters.Add("label", Label);
        var byName = new ContainerListOptions { All = true };
        byName.Filters.Add("name", Run);
        var containers = (await Client.Containers.ListAsync(byLabel)).Concat(await Client.Containers.ListAsync(byName)).Select(c => c.Id).Distinct();
        await Task.WhenAll(containers.Select(async id =>
        {
            try
            {
                await Client.Containers.RemoveAsync(id, force: true, volumes: true);
            }
            catch (DockerException)
            {
                // Gone already (-Remove), or being removed.
            }
        }));
        foreach (var volume in (await Client.Volumes.ListAsync()).Where(v => v.Name.StartsWith("dpshost-", StringComparison.Ordinal) && v.Name.EndsWith(Run, StringComparison.Ordinal)))
        {
            try
            {
                await Client.Volumes.RemoveAsync(volume.Name, force: true);
            }
            catch (DockerException)
            {
            }
        }
        foreach (var network in (await Client.Networks.ListAsync()).Where(n => n.Name.StartsWith("dpshost-", StringComparison.Ordinal) && n.Name.EndsWith(Run, StringComparison.Ordinal)))
        {
            try
            {
                await Client.Networks.RemoveAsync(network.Id);
            }
            catch (DockerException)
            {
            }
        }
        Client.Dispose();
    }
}
