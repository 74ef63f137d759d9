using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker create: makes a container from an image without starting it, and writes it.</summary>
[Cmdlet(VerbsCommon.New, "DockerContainer", SupportsShouldProcess = true)]
[OutputType(typeof(DockerContainer))]
public sealed class NewDockerContainerCommand : ContainerCreateCmdlet
{
    /// <summary>Remove the container when it exits (docker --rm).</summary>
    [Parameter]
    public SwitchParameter Remove { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var options = BuildOptions(Remove);
        if (!await ShouldProcessAsync(Name ?? Image, "Create container from " + Image).ConfigureAwait(false)) return;
        await PullImageIfNeededAsync(cancellationToken).ConfigureAwait(false);
        var id = await Client.Containers.CreateAsync(options, EmitWarning, cancellationToken).ConfigureAwait(false);
        Emit(await ContainerLookup.ByIdAsync(Client, id, cancellationToken).ConfigureAwait(false));
    }
}
