using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker volume create: makes a volume (or returns the one of that name, as docker does).</summary>
[Cmdlet(VerbsCommon.New, "DockerVolume", SupportsShouldProcess = true)]
[OutputType(typeof(DockerVolume))]
public sealed class NewDockerVolumeCommand : DockerCmdlet
{
    /// <summary>The volume's name; without one the engine chooses a random name.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidatePattern("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    public string? Name { get; set; }

    /// <summary>The volume driver (local by default).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Driver { get; set; }

    /// <summary>Labels: @{ app = 'svn' } or 'app=svn'.</summary>
    [Parameter]
    public object? Label { get; set; }

    /// <summary>Driver options: @{ type = 'tmpfs'; device = 'tmpfs'; o = 'size=100m' }.</summary>
    [Parameter]
    public Hashtable? Option { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var labels = Arguments.LabelsOf(Label);
        var options = Arguments.OptionsOf(Option, "-Option");
        if (!await ShouldProcessAsync(Name ?? "(a new volume)", "Create volume").ConfigureAwait(false)) return;
        try
        {
            Emit(await Client.Volumes.CreateAsync(Name, Driver, labels.Entries.Count > 0 ? labels.Entries.ToDictionary(kv => kv.Key, kv => kv.Value) : null, options, cancellationToken).ConfigureAwait(false));
        }
        catch (Engine.Errors.DockerApiException ex)
        {
            // One volume the engine refuses does not stop the others piped in.
            EmitError(ex, Name);
        }
    }
}
