using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker rm: removes containers; -Force removes running ones too, -Volumes their anonymous volumes.</summary>
[Cmdlet(VerbsCommon.Remove, "DockerContainer", DefaultParameterSetName = ByName, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveDockerContainerCommand : ContainerActionCmdlet
{
    /// <summary>Remove running containers too (killing them), as docker rm -f.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Also remove the anonymous volumes of the containers (docker rm -v).</summary>
    [Parameter]
    public SwitchParameter Volumes { get; set; }

    protected override string ActionName => "Remove";

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        await Client.Containers.RemoveAsync(container.Id, Force, Volumes, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
