using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker stop, and docker kill with -Kill or -Signal.</summary>
[Cmdlet(VerbsLifecycle.Stop, "DockerContainer", DefaultParameterSetName = ByName, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(DockerContainer))]
public sealed class StopDockerContainerCommand : ContainerPassThruCmdlet
{
    /// <summary>Seconds to wait for the container to stop before it is killed (docker stop -t).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Timeout { get; set; }

    /// <summary>Kill at once (SIGKILL), as docker kill.</summary>
    [Parameter]
    public SwitchParameter Kill { get; set; }

    /// <summary>Send this signal instead of stopping (docker kill -s): KILL, TERM, HUP, USR1, 9, ...</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Signal { get; set; }

    protected override string ActionName => Kill || Signal is not null ? "Kill" : "Stop";

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        if (Kill || Signal is not null) await Client.Containers.KillAsync(container.Id, Signal ?? "KILL", cancellationToken).ConfigureAwait(false);
        else await Client.Containers.StopAsync(container.Id, Timeout, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
