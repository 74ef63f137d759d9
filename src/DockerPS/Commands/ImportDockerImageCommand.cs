using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Streams;
using DockerPS.Formatting;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker load -i (-Path): the images of an archive that docker save or Export-DockerImage wrote, with their ids and
/// tags. docker import (-RootFileSystem): a new image whose only layer is a root file system tarball, with -Change
/// instructions, -Message and -Platform. The file is streamed to the engine as it is read, with a progress bar; the
/// loaded or imported images are written. A missing file, a bad reference or -Change is refused before anything is sent.
/// </summary>
[Cmdlet(VerbsData.Import, "DockerImage", DefaultParameterSetName = FromArchive, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(DockerImage))]
public sealed class ImportDockerImageCommand : DockerCmdlet
{
    private const string FromArchive = "Path";
    private const string FromRootFileSystem = "RootFileSystem";
    private const int ProgressId = 1;
    private const int EngineProgressId = 2;

    /// <summary>An image archive (docker save's tar), relative to the current location. Piped files bind their FullName.</summary>
    [Parameter(ParameterSetName = FromArchive, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>A root file system tarball (docker export's tar, or any tar of a file system) to make an image of.</summary>
    [Parameter(ParameterSetName = FromRootFileSystem, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string RootFileSystem { get; set; } = string.Empty;

    /// <summary>repository[:tag] of the imported image; without it the image is untagged.</summary>
    [Parameter(ParameterSetName = FromRootFileSystem)]
    [ValidateNotNullOrEmpty]
    public string? Reference { get; set; }

    /// <summary>Dockerfile instructions applied to the image's configuration: 'CMD ["sh"]', 'ENV A=1', 'EXPOSE 80'.</summary>
    [Parameter(ParameterSetName = FromRootFileSystem)]
    [ValidateNotNullOrEmpty]
    public string[]? Change { get; set; }

    /// <summary>The message recorded in the image's history.</summary>
    [Parameter(ParameterSetName = FromRootFileSystem)]
    public string? Message { get; set; }

    /// <summary>The image's platform, os[/architecture[/variant]]: linux/amd64.</summary>
    [Parameter(ParameterSetName = FromRootFileSystem)]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (ParameterSetName == FromRootFileSystem) await ImportAsync(cancellationToken).ConfigureAwait(false);
        else await LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var path = await InvokeOnPipelineThreadAsync(() => Arguments.ResolveHostPath(this, Path)).ConfigureAwait(false);
        Refuse(path, Path);
        if (!await ShouldProcessAsync(path, "Load images from").ConfigureAwait(false)) return;

        var activity = "Loading images from " + Path;
        DockerImageLoadResult loaded;
        try
        {
            loaded = await Client.Images.LoadFromFileAsync(path, Options(activity), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Complete(activity);
        }

        var all = await Client.Images.ListAsync(new ImageListOptions { All = true }, cancellationToken).ConfigureAwait(false);
        foreach (var reference in loaded.References)
        {
            var row = all.FirstOrDefault(i => i.Reference == reference) ?? all.FirstOrDefault(i => i.RepoTags.Contains(reference));
            if (row is not null) Emit(row);
            else EmitWarning($"The engine loaded {reference}, but it is not listed now.");
        }
        foreach (var id in loaded.Ids)
        {
            var row = all.FirstOrDefault(i => i.Id == id);
            if (row is not null) Emit(row);
            else EmitWarning($"The engine loaded {id}, but it is not listed now.");
        }
    }

    private async Task ImportAsync(CancellationToken cancellationToken)
    {
        // Everything is checked before the file is opened or anything is sent.
        var options = new ImageImportOptions
        {
            Reference = Reference is null ? null : ImageName.Parse(Reference),
            Message = Message,
            Platform = Platform is null ? null : ImagePlatform.Validate(Platform),
        };
        foreach (var change in DockerfileChange.ParseAll(Change)) options.Changes.Add(change);
        var path = await InvokeOnPipelineThreadAsync(() => Arguments.ResolveHostPath(this, RootFileSystem)).ConfigureAwait(false);
        Refuse(path, RootFileSystem);
        var shown = options.Reference?.WithDefaultTag().ToString();
        if (!await ShouldProcessAsync(path, "Import as image " + (shown ?? "(untagged)") + " the root file system").ConfigureAwait(false)) return;

        var activity = "Importing " + RootFileSystem;
        string id;
        try
        {
            id = await Client.Images.ImportFromFileAsync(path, options, Options(activity), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Complete(activity);
        }
        Emit(await Client.Images.GetAsync(shown ?? id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A missing file or a folder, refused before anything is sent, naming the path as given.</summary>
    private static void Refuse(string resolved, string given)
    {
        if (Directory.Exists(resolved))
            throw new DockerException($"'{given}' is a folder, not an archive file ({resolved}).", "ArchivePathIsFolder", DockerErrorCategory.InvalidArgument, given);
        if (!File.Exists(resolved))
            throw new DockerException($"The archive file '{given}' does not exist ({resolved}).", "ArchiveNotFound", DockerErrorCategory.ObjectNotFound, given);
    }

    private ImageTransferOptions Options(string activity) => new()
    {
        Progress = new UploadProgress(this, activity),
        OnMessage = message => EngineMessage(activity, message),
    };

    /// <summary>The engine's own progress lines (Loading layer ...) as a second bar under the upload's.</summary>
    private void EngineMessage(string activity, JsonMessage message)
    {
        if (message.Stream is { } text)
        {
            foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)) EmitVerbose(line);
            return;
        }
        if (message.Status is null) return;
        var status = message.Id is null ? message.Status : message.Id + ": " + message.Status;
        var record = new ProgressRecord(EngineProgressId, activity, status) { ParentActivityId = ProgressId };
        if (message.Current is long current && message.Total is long total && total > 0)
        {
            record.PercentComplete = (int)Math.Min(100, current * 100 / total);
            record.StatusDescription = status + " " + Display.Size(current) + " / " + Display.Size(total);
        }
        EmitProgress(record);
    }

    private void Complete(string activity)
    {
        EmitProgress(new ProgressRecord(EngineProgressId, activity, "Done") { ParentActivityId = ProgressId, RecordType = ProgressRecordType.Completed });
        EmitProgress(new ProgressRecord(ProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    private sealed class UploadProgress : IProgress<ImageTransferProgress>
    {
        private readonly ImportDockerImageCommand _cmdlet;
        private readonly string _activity;

        public UploadProgress(ImportDockerImageCommand cmdlet, string activity)
        {
            _cmdlet = cmdlet;
            _activity = activity;
        }

        public void Report(ImageTransferProgress value)
        {
            var record = new ProgressRecord(ProgressId, _activity, value.Completed ? "Sent; the engine is reading the archive" : Display.Size(value.Bytes) + " sent");
            if (value.TotalBytes is long total && total > 0)
            {
                record.PercentComplete = (int)Math.Min(100, value.Bytes * 100 / total);
                if (!value.Completed) record.StatusDescription = Display.Size(value.Bytes) + " of " + Display.Size(total) + " sent";
            }
            _cmdlet.EmitProgress(record);
        }
    }
}
