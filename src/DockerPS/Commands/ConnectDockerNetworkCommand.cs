using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker network connect: attaches containers to a network, with aliases and a static address.</summary>
[Cmdlet(VerbsCommunications.Connect, "DockerNetwork", SupportsShouldProcess = true)]
[OutputType(typeof(DockerContainer))]
public sealed class ConnectDockerNetworkCommand : DockerCmdlet
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

    /// <summary>Other names the container answers to on this network.</summary>
    [Parameter]
    public string[]? Alias { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IPAddress { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IPv6Address { get; set; }

    /// <summary>Write the containers afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var container in Container)
        {
            if (!await ShouldProcessAsync(container, "Connect to network " + Network).ConfigureAwait(false)) continue;
            try
            {
                await Client.Networks.ConnectAsync(Network, container, Alias, IPAddress, IPv6Address, cancellationToken).ConfigureAwait(false);
                if (PassThru)
                {
                    var details = await Client.Containers.InspectAsync(container, cancellationToken).ConfigureAwait(false);
                    Emit(await ContainerLookup.ByIdAsync(Client, details.Id, cancellationToken).ConfigureAwait(false));
                }
            }
            catch (Engine.Errors.DockerException ex)
            {
                EmitError(ex, container);
            }
        }
    }
}
