using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker version: the DockerPS client, the engine, and the API version they agreed on.</summary>
[Cmdlet(VerbsCommon.Get, "DockerVersion")]
[OutputType(typeof(DockerVersion))]
public sealed class GetDockerVersionCommand : DockerCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken) =>
        Emit(await Client.System.GetVersionAsync(cancellationToken).ConfigureAwait(false));
}
