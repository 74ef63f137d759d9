using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker start: starts created or stopped containers.</summary>
[Cmdlet(VerbsLifecycle.Start, "DockerContainer", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(DockerContainer))]
public sealed class StartDockerContainerCommand : ContainerPassThruCmdlet
{
    protected override string ActionName => "Start";

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        await Client.Containers.StartAsync(container.Id, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
