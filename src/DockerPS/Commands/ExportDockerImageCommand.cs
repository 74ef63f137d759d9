using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Formatting;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker save -o: every image given or piped in goes into one tar archive, with its tags, streamed to a temporary file
/// beside -Path and renamed over it only when complete, so a failed or stopped save leaves no partial file.
/// </summary>
[Cmdlet(VerbsData.Export, "DockerImage", DefaultParameterSetName = ByReference, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportDockerImageCommand : DockerCmdlet
{
    private const string ByReference = "Reference";
    private const string ById = "Id";
    private const string ByObject = "InputObject";
    private const int ProgressId = 1;

    private readonly ImageInputs _inputs = new();

    /// <summary>Images by repository[:tag], id or id prefix; wildcards select rows of docker images.</summary>
    [Parameter(ParameterSetName = ByReference, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageReferenceCompleter))]
    public string[]? Reference { get; set; }

    /// <summary>Image ids: what a piped container binds (its ImageId). An image saved by id is saved without tags.</summary>
    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[]? ImageId { get; set; }

    /// <summary>Images from Get-DockerImage: each row is saved under its repository:tag (by id when untagged).</summary>
    [Parameter(ParameterSetName = ByObject, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public DockerImage[]? InputObject { get; set; }

    /// <summary>The archive file to write, relative to the current location. An existing file is replaced.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Keep an existing file: refuse instead of replacing it.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Write the archive's FileInfo.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        _inputs.Add(Reference, ImageId, InputObject);
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var path = await InvokeOnPipelineThreadAsync(() => Arguments.ResolveHostPath(this, Path)).ConfigureAwait(false);
        var targets = await _inputs.ResolveAsync(Client, cancellationToken).ConfigureAwait(false);
        if (targets.Count == 0)
        {
            throw new DockerException(string.Format(CultureInfo.CurrentCulture, Strings.NoImageToExport, string.Join(", ", _inputs.Named)),
                "NoImageToExport", DockerErrorCategory.ObjectNotFound, Path);
        }
        var names = targets.Select(t => t.Name).ToList();
        var shown = string.Join(", ", targets.Select(t => t.Label));
        if (!await ShouldProcessAsync(path, "Save " + shown + " to").ConfigureAwait(false)) return;

        var activity = "Saving " + string.Join(", ", names) + " to " + Path;
        var progress = new Progress(this, activity);
        try
        {
            await Client.Images.SaveToFileAsync(names, path, NoClobber, new ImageTransferOptions { Progress = progress }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            EmitProgress(new ProgressRecord(ProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        if (PassThru) Emit(new FileInfo(path));
    }

    private sealed class Progress : IProgress<ImageTransferProgress>
    {
        private readonly ExportDockerImageCommand _cmdlet;
        private readonly string _activity;

        public Progress(ExportDockerImageCommand cmdlet, string activity)
        {
            _cmdlet = cmdlet;
            _activity = activity;
        }

        public void Report(ImageTransferProgress value)
        {
            if (value.Completed) return;
            _cmdlet.EmitProgress(new ProgressRecord(ProgressId, _activity, Display.Size(value.Bytes) + " written"));
        }
    }
}
