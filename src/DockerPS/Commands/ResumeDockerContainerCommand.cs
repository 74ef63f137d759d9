using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker unpause: lets paused containers run again.</summary>
[Cmdlet(VerbsLifecycle.Resume, "DockerContainer", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(DockerContainer))]
public sealed class ResumeDockerContainerCommand : ContainerPassThruCmdlet
{
    protected override string ActionName => "Unpause";

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        await Client.Containers.UnpauseAsync(container.Id, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
