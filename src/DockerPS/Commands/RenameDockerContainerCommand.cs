using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker rename: gives one container a new name.</summary>
[Cmdlet(VerbsCommon.Rename, "DockerContainer", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(DockerContainer))]
public sealed class RenameDockerContainerCommand : ContainerPassThruCmdlet
{
    /// <summary>The container's new name.</summary>
    [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 1)]
    [Parameter(ParameterSetName = ById, Mandatory = true, Position = 0)]
    [ValidatePattern("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    public string NewName { get; set; } = string.Empty;

    protected override string ActionName => "Rename to " + NewName;

    protected override int MaximumTargets => 1;

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        await Client.Containers.RenameAsync(container.Id, NewName.TrimStart('/'), cancellationToken).ConfigureAwait(false);
        return null;
    }
}
