using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker network disconnect: detaches containers from a network.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "DockerNetwork", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class DisconnectDockerNetworkCommand : DockerCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Network { get; set; } = string.Empty;

    /// <summary>Containers by name or id; piped container objects bind their Id.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[] Container { get; set; } = System.Array.Empty<string>();

    /// <summary>Disconnect even if the container's endpoint is in a bad state (docker network disconnect -f).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var container in Container)
        {
            if (!await ShouldProcessAsync(container, "Disconnect from network " + Network).ConfigureAwait(false)) continue;
            try
            {
                await Client.Networks.DisconnectAsync(Network, container, Force, cancellationToken).ConfigureAwait(false);
            }
            catch (Engine.Errors.DockerException ex)
            {
                EmitError(ex, container);
            }
        }
    }
}
