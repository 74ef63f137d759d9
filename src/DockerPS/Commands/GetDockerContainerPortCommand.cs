using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker port: the published ports of containers, one object per host binding.</summary>
[Cmdlet(VerbsCommon.Get, "DockerContainerPort", DefaultParameterSetName = ByName)]
[OutputType(typeof(DockerPort))]
public sealed class GetDockerContainerPortCommand : ContainerActionCmdlet
{
    /// <summary>Only this container port: 80 or '80/udp'.</summary>
    [Parameter(ParameterSetName = ByName, Position = 1)]
    [Parameter(ParameterSetName = ById, Position = 0)]
    [ValidatePattern("^[0-9]{1,5}(/(tcp|udp|sctp))?$")]
    public string? PrivatePort { get; set; }

    protected override string ActionName => "List ports";

    protected override bool OnlyReads => true;

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        var details = await Client.Containers.InspectAsync(container.Id, cancellationToken).ConfigureAwait(false);
        foreach (var port in details.Ports)
        {
            if (!port.IsPublished) continue;
            if (PrivatePort is not null)
            {
                var slash = PrivatePort.IndexOf('/');
                var number = slash >= 0 ? PrivatePort.Substring(0, slash) : PrivatePort;
                var protocol = slash >= 0 ? PrivatePort.Substring(slash + 1) : "tcp";
                if (port.PrivatePort.ToString(System.Globalization.CultureInfo.InvariantCulture) != number || port.Protocol != protocol) continue;
            }
            Emit(port);
        }
        return null;
    }
}
