using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker top: the processes running in containers, one object per process.</summary>
[Cmdlet(VerbsCommon.Get, "DockerContainerProcess", DefaultParameterSetName = ByName)]
[OutputType(typeof(DockerContainerProcess))]
public sealed class GetDockerContainerProcessCommand : ContainerActionCmdlet
{
    /// <summary>ps options, as docker top takes them: 'aux', '-o pid,comm'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PsArguments { get; set; }

    protected override string ActionName => "List processes";

    protected override bool OnlyReads => true;

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        foreach (var p in await Client.Containers.GetProcessesAsync(container.Name, PsArguments, cancellationToken).ConfigureAwait(false)) Emit(p);
        return null;
    }
}
