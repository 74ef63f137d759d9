using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Matching;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker images: one object per repository:tag, as the docker CLI lists them. -All adds the untagged intermediate
/// images of builds; -Dangling shows only untagged leaf images. -Inspect writes each selected image's full description
/// (docker image inspect) once, instead of its rows.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerImage", DefaultParameterSetName = ByReference)]
[OutputType(typeof(DockerImage), typeof(DockerImageDetails))]
public sealed class GetDockerImageCommand : DockerCmdlet
{
    private const string ByReference = "Reference";
    private const string ById = "Id";

    private readonly List<string> _references = new();
    private readonly List<string> _ids = new();

    /// <summary>repository or repository:tag, wildcards allowed; a literal may also be an id prefix. Strings only from
    /// the pipeline: objects bind by ImageId, which images and containers both have.</summary>
    [Parameter(ParameterSetName = ByReference, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageReferenceCompleter))]
    public string[]? Reference { get; set; }

    /// <summary>
    /// Image ids or id prefixes. Named ImageId so that a piped container binds its image's id (not its own Id);
    /// a piped image binds the ImageId alias of its Id (DockerPS.types.ps1xml). -Id works as an alias.
    /// </summary>
    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? ImageId { get; set; }

    /// <summary>Also the untagged intermediate images of builds (docker images -a).</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Only untagged images that no other image builds on.</summary>
    [Parameter]
    public SwitchParameter Dangling { get; set; }

    /// <summary>Only images with these labels: 'key' or 'key=value'.</summary>
    [Parameter]
    public string[]? Label { get; set; }

    /// <summary>Any engine filter, as docker images --filter: @{ before = 'busybox:latest' }.</summary>
    [Parameter]
    public Hashtable? Filter { get; set; }

    /// <summary>Compute the bytes each image shares with others (Engine API 1.42 or newer).</summary>
    [Parameter]
    public SwitchParameter SharedSize { get; set; }

    /// <summary>Write each selected image's full description (docker image inspect), once per image, instead of its rows.</summary>
    [Parameter]
    public SwitchParameter Inspect { get; set; }

    /// <summary>Show the DIGEST column, as docker images --digests (the objects are the same; this picks the view).</summary>
    [Parameter]
    public SwitchParameter Digests { get; set; }

    /// <summary>The type name that selects the table view with the DIGEST column.</summary>
    internal const string DigestsView = "DockerPS.Engine.Model.DockerImage#Digests";

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (Reference is not null) _references.AddRange(Reference);
        if (ImageId is not null) _ids.AddRange(ImageId);
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var options = new ImageListOptions { All = All, SharedSize = SharedSize };
        if (Dangling) options.Filters.Add("dangling", "true");
        FilterArguments.AddLabels(options.Filters, Label);
        FilterArguments.AddHashtable(options.Filters, Filter);

        var all = await Client.Images.ListAsync(options, cancellationToken).ConfigureAwait(false);
        var selection = Selector.Images(all, _references, _ids);
        var notFound = selection.Unmatched;
        if (Inspect) notFound = await EmitDescriptionsAsync(selection, i => i.Id, Client.Images.InspectAsync, cancellationToken).ConfigureAwait(false);
        else foreach (var image in selection.Matches) Emit(Digests ? WithDigests(image) : image);
        foreach (var input in notFound)
            EmitError(new DockerException(string.Format(CultureInfo.CurrentCulture, Strings.ImageNotFound, input), "ImageNotFound", DockerErrorCategory.ObjectNotFound, input));
    }

    /// <summary>The row as the view with the DIGEST column shows it.</summary>
    private static PSObject WithDigests(DockerImage image)
    {
        var shown = PSObject.AsPSObject(image);
        shown.TypeNames.Insert(0, DigestsView);
        return shown;
    }
}
