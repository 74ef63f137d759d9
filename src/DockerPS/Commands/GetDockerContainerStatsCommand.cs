using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker stats: CPU %, memory, network and block I/O of containers; one sample, or one a second with -Stream.</summary>
[Cmdlet(VerbsCommon.Get, "DockerContainerStats", DefaultParameterSetName = ByName)]
[OutputType(typeof(DockerContainerStats))]
public sealed class GetDockerContainerStatsCommand : ContainerActionCmdlet
{
    /// <summary>A sample every second until Ctrl+C or the container stops (docker stats without --no-stream).</summary>
    [Parameter]
    public SwitchParameter Stream { get; set; }

    protected override string ActionName => "Read stats";

    protected override bool OnlyReads => true;

    protected override bool Streams => Stream;

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        await Client.Containers.ReadStatsAsync(container.Id, Stream, Emit, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
