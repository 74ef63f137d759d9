using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Matching;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker volume rm: removes volumes; one a container uses is refused with the engine's reason unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "DockerVolume", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveDockerVolumeCommand : DockerCmdlet
{
    private readonly List<string> _names = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    /// <summary>Remove even a volume in use (docker volume rm -f).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        _names.AddRange(Name);
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var all = await Client.Volumes.ListAsync(null, cancellationToken).ConfigureAwait(false);
        var selection = Selector.ByName(all, v => v.Name, _names);
        foreach (var missing in selection.Unmatched)
            EmitError(new DockerException(string.Format(CultureInfo.CurrentCulture, Strings.VolumeNotFound, missing), "VolumeNotFound", DockerErrorCategory.ObjectNotFound, missing));
        foreach (var volume in selection.Matches)
        {
            if (!await ShouldProcessAsync(volume.Name, "Remove volume").ConfigureAwait(false)) continue;
            try
            {
                await Client.Volumes.RemoveAsync(volume.Name, Force, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerException ex)
            {
                EmitError(ex, volume.Name);
            }
        }
    }
}
