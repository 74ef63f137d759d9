using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker tag: gives an image one more name. The source is a reference, an id or id prefix, or a piped image (bound by
/// its ImageId); each target is checked as docker checks references, before anything is sent. A target without a tag
/// gets latest. A tag already on another image moves to this one, as with docker tag.
/// </summary>
[Cmdlet(VerbsCommon.Add, "DockerImageTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(DockerImage))]
public sealed class AddDockerImageTagCommand : DockerCmdlet
{
    /// <summary>The image to tag: repository[:tag], id or id prefix. A piped image or container binds its ImageId.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ImageId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageReferenceCompleter))]
    public string Source { get; set; } = string.Empty;

    /// <summary>The new names: repository[:tag], several at once.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[] Target { get; set; } = System.Array.Empty<string>();

    /// <summary>Write the image under each new name.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Every name is checked before the first tag is made.
        var targets = new List<ImageName>();
        foreach (var target in Target)
        {
            var name = ImageName.Parse(target);
            if (name.Digest is not null)
            {
                throw new DockerArgumentException($"The tag '{target}' holds a digest; a tag is repository[:tag], and digests come from registries.", "InvalidImageTag", target);
            }
            targets.Add(name.WithDefaultTag());
        }

        foreach (var target in targets)
        {
            var shown = target.ToString();
            if (!await ShouldProcessAsync(shown, "Tag image " + Source + " as").ConfigureAwait(false)) continue;
            try
            {
                await Client.Images.TagAsync(Source, target, cancellationToken).ConfigureAwait(false);
                if (PassThru) Emit(await Client.Images.GetAsync(shown, cancellationToken).ConfigureAwait(false));
            }
            catch (DockerNotFoundException ex)
            {
                // The source is missing: every other target would fail the same way.
                EmitError(ex, Source);
                return;
            }
            catch (DockerException ex)
            {
                EmitError(ex, shown);
            }
        }
    }
}
