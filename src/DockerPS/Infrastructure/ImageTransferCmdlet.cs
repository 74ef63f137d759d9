using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Registry;
using DockerPS.Progress;

namespace DockerPS.Infrastructure;

/// <summary>
/// What Invoke-DockerPull and Invoke-DockerPush share: references from the pipeline, one transfer after the other,
/// credentials from docker's store for each reference's registry, progress bars (one per layer under an overall
/// one) unless -Quiet, the engine's status lines to the verbose stream, and one non-terminating error per reference
/// that fails. Ctrl+C aborts the stream at once.
/// </summary>
public abstract class ImageTransferCmdlet : DockerCmdlet
{
    /// <summary>Image references: repository[:tag] (and @digest for a pull). Images piped in bind by their Reference.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageReferenceCompleter))]
    public string[]? Reference { get; set; }

    /// <summary>Every tag of the repository (docker --all-tags).</summary>
    [Parameter]
    public SwitchParameter AllTags { get; set; }

    /// <summary>os[/arch[/variant]].</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    /// <summary>No progress bars and no status lines (docker -q); the image objects are still written.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    private protected abstract TransferKind Kind { get; }

    private protected abstract string ActivityFormat { get; }

    /// <summary>The platform to use when -Platform is not given.</summary>
    private protected virtual string? DefaultPlatform => null;

    private protected abstract Task<IReadOnlyList<DockerImage>> TransferAsync(string reference, string? platform, DockerCredentialStore store, RegistryAuth auth,
        IProgress<Engine.Streams.JsonMessage>? progress, CancellationToken cancellationToken);

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var reference in Reference ?? Array.Empty<string>())
        {
            try
            {
                await TransferOneAsync(reference, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerException ex)
            {
                EmitError(ex, reference);
            }
        }
    }

    private async Task TransferOneAsync(string reference, CancellationToken cancellationToken)
    {
        var name = ImageName.Parse(reference);
        if (!AllTags && name.Tag is null && name.Digest is null && !Quiet) EmitVerbose(Strings.UsingDefaultTag);
        var shown = AllTags ? name.ToString() : name.WithDefaultTag().ToString();

        var store = DockerCredentialStore.FromEnvironment();
        var auth = await store.GetForImageAsync(name, cancellationToken).ConfigureAwait(false);
        EmitVerbose(auth.IsEmpty
            ? string.Format(CultureInfo.CurrentCulture, Strings.TransferNoCredentials, shown, name.AuthKey)
            : string.Format(CultureInfo.CurrentCulture, Strings.TransferCredentials, shown, auth.UserName ?? "(identity token)", name.AuthKey, store.StorageFor(name.AuthKey)));

        var platform = Platform ?? DefaultPlatform;
        var renderer = Quiet ? null : NewTransferRenderer(Kind, string.Format(CultureInfo.CurrentCulture, ActivityFormat, shown));
        IReadOnlyList<DockerImage> images;
        try
        {
            images = await TransferAsync(reference, platform, store, auth, renderer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (renderer is not null && !cancellationToken.IsCancellationRequested) renderer.Complete();
        }
        foreach (var image in images) Emit(image);
    }
}
