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
/// docker pull: downloads images from their registry with the credentials docker's store holds for it, showing a
/// progress bar per layer under an overall one, and writes the pulled images. An error inside the engine's progress
/// stream is an error here too.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DockerPull")]
[OutputType(typeof(DockerImage))]
public sealed class InvokeDockerPullCommand : ImageTransferCmdlet
{
    private protected override TransferKind Kind => TransferKind.Pull;

    private protected override string ActivityFormat => Strings.PullActivity;

    /// <summary>docker pull's --platform default.</summary>
    private protected override string? DefaultPlatform =>
        Environment.GetEnvironmentVariable("DOCKER_DEFAULT_PLATFORM") is { Length: > 0 } platform ? platform : null;

    private protected override Task<IReadOnlyList<DockerImage>> TransferAsync(string reference, string? platform, DockerCredentialStore store, RegistryAuth auth,
        IProgress<JsonMessage>? progress, CancellationToken cancellationToken) =>
        Client.Images.PullAsync(reference, new ImagePullOptions
        {
            AllTags = AllTags,
            Platform = platform,
            Credentials = store,
            Auth = auth,
            Progress = progress,
        }, cancellationToken);
}
