using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker wait: waits until containers stop (or the -Condition holds) and writes each exit code.</summary>
[Cmdlet(VerbsLifecycle.Wait, "DockerContainer", DefaultParameterSetName = ByName)]
[OutputType(typeof(DockerContainerExit))]
public sealed class WaitDockerContainerCommand : ContainerActionCmdlet
{
    /// <summary>NotRunning (the default), NextExit, or Removed.</summary>
    [Parameter]
    public WaitCondition Condition { get; set; } = WaitCondition.NotRunning;

    protected override string ActionName => "Wait";

    // Every wait must be registered at once: a throttled one could miss the exit it waits for.
    protected override bool Streams => true;

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        var code = await Client.Containers.WaitAsync(container.Id, Condition, cancellationToken).ConfigureAwait(false);
        return new DockerContainerExit(container.Id, container.Name, code);
    }
}
