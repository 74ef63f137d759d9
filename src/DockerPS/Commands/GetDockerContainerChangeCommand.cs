using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker diff: the paths a container added (A), changed (C) or deleted (D) against its image.</summary>
[Cmdlet(VerbsCommon.Get, "DockerContainerChange", DefaultParameterSetName = ByName)]
[OutputType(typeof(DockerContainerChange))]
public sealed class GetDockerContainerChangeCommand : ContainerActionCmdlet
{
    /// <summary>Only changes of these kinds.</summary>
    [Parameter]
    public DockerChangeKind[]? Kind { get; set; }

    protected override string ActionName => "Read changes";

    protected override bool OnlyReads => true;

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        foreach (var change in await Client.Containers.GetChangesAsync(container.Name, cancellationToken).ConfigureAwait(false))
        {
            if (Kind is null || System.Array.IndexOf(Kind, change.Kind) >= 0) Emit(change);
        }
        return null;
    }
}
