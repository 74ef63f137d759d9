using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker history: the steps that made an image, newest first, as typed rows. The objects always hold the whole
/// instruction and id; the table cuts them as docker history does, and -NoTrunc picks the view that does not.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerImageHistory", DefaultParameterSetName = ByReference)]
[OutputType(typeof(DockerImageHistory))]
public sealed class GetDockerImageHistoryCommand : DockerCmdlet
{
    private const string ByReference = "Reference";
    private const string ById = "Id";

    /// <summary>The type name that selects the table view without truncation.</summary>
    internal const string NoTruncView = "DockerPS.Engine.Model.DockerImageHistory#NoTrunc";

    /// <summary>Images by repository[:tag], id or id prefix.</summary>
    [Parameter(ParameterSetName = ByReference, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageReferenceCompleter))]
    public string[]? Reference { get; set; }

    /// <summary>Image ids: what a piped image or container binds (its ImageId).</summary>
    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[]? ImageId { get; set; }

    /// <summary>Show whole ids and instructions in the table (docker history --no-trunc).</summary>
    [Parameter]
    public SwitchParameter NoTrunc { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var name in (IEnumerable<string>?)Reference ?? ImageId ?? System.Array.Empty<string>())
        {
            IReadOnlyList<DockerImageHistory> steps;
            try
            {
                steps = await Client.Images.GetHistoryAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerException ex) when (ex is not DockerUnreachableException)
            {
                EmitError(ex, name);
                continue;
            }
            foreach (var step in steps)
            {
                if (!NoTrunc)
                {
                    Emit(step);
                    continue;
                }
                var shown = PSObject.AsPSObject(step);
                shown.TypeNames.Insert(0, NoTruncView);
                Emit(shown);
            }
        }
    }
}
