using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Model;
using DockerPS.Engine.Registry;
using DockerPS.Engine.Streams;
using DockerPS.Infrastructure;
using DockerPS.Progress;

namespace DockerPS.Commands;

/// <summary>
/// docker push: uploads images to their registry with the credentials docker's store holds for it, showing a
/// progress bar per layer under an overall one, and writes the pushed images with the digest the registry gave.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DockerPush")]
[OutputType(typeof(DockerImage))]
public sealed class InvokeDockerPushCommand : ImageTransferCmdlet
{
    private protected override TransferKind Kind => TransferKind.Push;

    private protected override string ActivityFormat => Strings.PushActivity;

    private protected override Task<IReadOnlyList<DockerImage>> TransferAsync(string reference, string? platform, DockerCredentialStore store, RegistryAuth auth,
        IProgress<JsonMessage>? progress, CancellationToken cancellationToken) =>
        Client.Images.PushAsync(reference, new ImagePushOptions
        {
            AllTags = AllTags,
            Platform = platform,
            Credentials = store,
            Auth = auth,
            Progress = progress,
        }, cancellationToken);
}
