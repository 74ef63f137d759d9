using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker restart: stops (waiting up to -Timeout seconds) and starts again; starts an exited container.</summary>
[Cmdlet(VerbsLifecycle.Restart, "DockerContainer", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(DockerContainer))]
public sealed class RestartDockerContainerCommand : ContainerPassThruCmdlet
{
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Timeout { get; set; }

    protected override string ActionName => "Restart";

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        await Client.Containers.RestartAsync(container.Id, Timeout, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
