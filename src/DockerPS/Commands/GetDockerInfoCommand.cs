using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker info: the engine's configuration, resources and counts.</summary>
[Cmdlet(VerbsCommon.Get, "DockerInfo")]
[OutputType(typeof(DockerInfo))]
public sealed class GetDockerInfoCommand : DockerCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken) =>
        Emit(await Client.System.GetInfoAsync(cancellationToken).ConfigureAwait(false));
}
