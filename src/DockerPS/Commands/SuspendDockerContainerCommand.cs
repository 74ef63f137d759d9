using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker pause: freezes every process of the containers.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "DockerContainer", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(DockerContainer))]
public sealed class SuspendDockerContainerCommand : ContainerPassThruCmdlet
{
    protected override string ActionName => "Pause";

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        await Client.Containers.PauseAsync(container.Id, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
