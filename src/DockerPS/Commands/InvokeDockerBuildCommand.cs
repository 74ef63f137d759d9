using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Build;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Formatting;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker build with the engine's classic builder: the context folder (the current location by default) is sent as
/// a tar archive while it is written, with .dockerignore applied as docker applies it; the engine's output goes to
/// the information stream and each step to a progress bar; the built image is written to the pipeline. Everything
/// is checked before anything is sent; a failed step is a terminating error naming the step, its exit code and
/// its last output. The build itself is DockerPS.Engine's.
/// </summary>
// Invoke, not Build: Build is approved only from PowerShell 6, and Windows PowerShell 5.1 warns about an unapproved
// verb on every import. Build-DockerImage, the name this cmdlet had first, stays as an alias (Import-Module does not
// check the verbs of aliases); the manifest exports it in AliasesToExport.
[Cmdlet(VerbsLifecycle.Invoke, "DockerBuild")]
[Alias("Build-DockerImage")]
[OutputType(typeof(DockerImage))]
public sealed class InvokeDockerBuildCommand : DockerCmdlet
{
    private const int ProgressId = 1;
    private const int PullProgressId = 2;

    /// <summary>The build context: a folder (docker build PATH). By default the current location.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The Dockerfile, from the current location (docker build -f); by default PATH/Dockerfile.</summary>
    [Parameter]
    [Alias("Dockerfile")]
    [ValidateNotNullOrEmpty]
    public string? File { get; set; }

    /// <summary>Names for the image, repository[:tag] (docker build -t).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageReferenceCompleter))]
    public string[]? Tag { get; set; }

    /// <summary>ARG values: @{ VERSION = '1.2' } or 'VERSION=1.2' (docker build --build-arg).</summary>
    [Parameter]
    public object? BuildArg { get; set; }

    /// <summary>Labels for the image: @{ key = 'value' } or 'key=value' (docker build --label).</summary>
    [Parameter]
    public object? Label { get; set; }

    /// <summary>The stage of a multi-stage Dockerfile to build (docker build --target).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Target { get; set; }

    /// <summary>Build every step anew (docker build --no-cache).</summary>
    [Parameter]
    public SwitchParameter NoCache { get; set; }

    /// <summary>Pull newer versions of the base images (docker build --pull).</summary>
    [Parameter]
    public SwitchParameter Pull { get; set; }

    /// <summary>os[/arch[/variant]] to build for (docker build --platform; Engine API 1.38).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    /// <summary>The network RUN steps use (docker build --network).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Network { get; set; }

    /// <summary>Remove intermediate containers even after a failed step (docker build --force-rm).</summary>
    [Parameter]
    public SwitchParameter ForceRm { get; set; }

    /// <summary>Keep the intermediate containers of a successful build (docker build --rm=false).</summary>
    [Parameter]
    public SwitchParameter KeepIntermediateContainers { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Everything the user typed is checked before the context is read or anything is sent.
        var options = new DockerBuildOptions
        {
            Target = Target,
            NoCache = NoCache,
            Pull = Pull,
            Platform = Platform,
            Network = Network,
            ForceRemoveIntermediateContainers = ForceRm,
            RemoveIntermediateContainers = !KeepIntermediateContainers,
        };
        foreach (var tag in Tag ?? Array.Empty<string>()) options.Tags.Add(tag);
        foreach (var arg in Arguments.BuildArgumentsOf(BuildArg).Entries) options.BuildArgs[arg.Key] = arg.Value;
        foreach (var label in Arguments.LabelsOf(Label).Entries) options.Labels[label.Key] = label.Value;
        Engine.Api.ImageOperations.CheckBuildOptions(options);

        var (contextPath, dockerfilePath) = await ResolvePathsAsync().ConfigureAwait(false);
        var context = BuildContext.Prepare(contextPath, dockerfilePath, cancellationToken);
        EmitVerbose(string.Format(CultureInfo.CurrentCulture, Strings.BuildPrepared, context.Directory, context.Entries, Display.Size(context.TotalBytes),
            context.DockerfilePath, context.DockerfileOutside ? string.Format(CultureInfo.CurrentCulture, Strings.BuildDockerfileOutside, context.DockerfileName) : string.Empty));

        var progress = new ProgressWriter(this, options.Tags.Count > 0 ? string.Join(", ", options.Tags) : context.Directory);
        options.Progress = progress;
        DockerBuildResult result;
        try
        {
            result = await Client.Images.BuildAsync(context, options, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerException) when (!cancellationToken.IsCancellationRequested)
        {
            // A stopped pipeline takes its progress bars away; a failed build closes its own.
            progress.Complete();
            throw;
        }
        progress.Complete();

        var cached = 0;
        foreach (var step in result.Steps)
        {
            if (step.UsedCache) cached++;
        }
        EmitVerbose(string.Format(CultureInfo.CurrentCulture, Strings.BuildCompleted, result.ImageId, result.Elapsed.TotalSeconds, result.Steps.Count, cached,
            result.UploadTime.TotalSeconds));

        // The image as Get-DockerImage shows it: the row of the first tag, else the image by id.
        var reference = options.Tags.Count > 0 ? ImageName.Parse(options.Tags[0]).WithDefaultTag().ToString() : result.ImageId;
        Emit(await Client.Images.GetAsync(reference, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>-Path and -File as provider paths of the file system, from the current location (on the pipeline thread).</summary>
    private async Task<(string Context, string? Dockerfile)> ResolvePathsAsync()
    {
        var (context, dockerfile, error) = await InvokeOnPipelineThreadAsync(() =>
        {
            try
            {
                var contextPath = Path is null ? SessionState.Path.CurrentFileSystemLocation.ProviderPath : FileSystemPath(Path, "the build context");
                var dockerfilePath = File is null ? null : FileSystemPath(File, "the Dockerfile");
                return (contextPath, dockerfilePath, (DockerException?)null);
            }
            catch (DockerException ex)
            {
                return (string.Empty, (string?)null, ex);
            }
            catch (Exception ex) when (ex is RuntimeException or NotSupportedException or ArgumentException or InvalidOperationException)
            {
                return (string.Empty, (string?)null, new DockerArgumentException(ex.Message, "InvalidHostPath", Path ?? File));
            }
        }).ConfigureAwait(false);
        if (error is not null) throw error;
        return (context, dockerfile);
    }

    private string FileSystemPath(string text, string what)
    {
        var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(text, out var provider, out _);
        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            throw new DockerArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.BuildNotAFileSystemPath, text, provider.Name, what), "NotAFileSystemPath", text);
        return resolved;
    }

    /// <summary>
    /// The build's reports as PowerShell streams: each output line to the information stream (tagged Build, and
    /// Step, Output or Error), a progress bar for the upload and then for each step, a child bar for pulls.
    /// </summary>
    private sealed class ProgressWriter : IProgress<DockerBuildProgress>
    {
        private readonly InvokeDockerBuildCommand _cmdlet;
        private readonly string _activity;
        private DockerBuildStep? _step;
        private bool _pulling;

        public ProgressWriter(InvokeDockerBuildCommand cmdlet, string target)
        {
            _cmdlet = cmdlet;
            _activity = string.Format(CultureInfo.CurrentCulture, Strings.BuildActivity, target);
        }

        public void Report(DockerBuildProgress value)
        {
            switch (value.Kind)
            {
                case DockerBuildProgressKind.SendingContext:
                    var total = value.ContextTotalBytes is long t && t > 0 ? t : (long?)null;
                    _cmdlet.EmitProgress(new ProgressRecord(ProgressId, _activity, value.ContextSent
                        ? Strings.BuildWaiting
                        : string.Format(CultureInfo.CurrentCulture, Strings.BuildSendingContext, Display.Size(value.ContextBytesSent), total is null ? "?" : Display.Size(total.Value)))
                    {
                        CurrentOperation = value.ContextItem,
                        PercentComplete = total is long all ? (int)Math.Min(100, value.ContextBytesSent * 100 / all) : -1,
                    });
                    break;
                case DockerBuildProgressKind.Step:
                    EndPull();
                    _step = value.Step!;
                    ShowStep(null);
                    break;
                case DockerBuildProgressKind.Output:
                    var line = value.Line!;
                    var kind = value.IsErrorOutput ? "Error" : line == value.Step?.ToString() ? "Step" : "Output";
                    _cmdlet.EmitInformation(line, "Build", kind);
                    if (_step is not null && kind != "Step") ShowStep(line);
                    break;
                case DockerBuildProgressKind.Status:
                    var message = value.Message!;
                    _pulling = true;
                    _cmdlet.EmitProgress(new ProgressRecord(PullProgressId, message.Id ?? message.Status ?? "Pull", (message.Status ?? " ") + (message.Progress is null ? string.Empty : " " + message.Progress))
                    {
                        ParentActivityId = ProgressId,
                        PercentComplete = message.Total is long size && size > 0 && message.Current is long done ? (int)Math.Min(100, done * 100 / size) : -1,
                    });
                    if (message.Progress is null && message.Status is not null)
                        _cmdlet.EmitInformation((message.Id is null ? string.Empty : message.Id + ": ") + message.Status, "Build", "Status");
                    break;
            }
        }

        private void ShowStep(string? currentLine)
        {
            var step = _step!;
            _cmdlet.EmitProgress(new ProgressRecord(ProgressId, _activity,
                string.Format(CultureInfo.CurrentCulture, step.UsedCache ? Strings.BuildStepCached : Strings.BuildStep, step))
            {
                CurrentOperation = currentLine is null || currentLine.Length <= 200 ? currentLine : currentLine.Substring(0, 200),
                PercentComplete = step.Count > 0 ? (int)Math.Min(100, (step.Number - 1) * 100L / step.Count) : -1,
            });
        }

        private void EndPull()
        {
            if (!_pulling) return;
            _pulling = false;
            _cmdlet.EmitProgress(new ProgressRecord(PullProgressId, "Pull", " ") { ParentActivityId = ProgressId, RecordType = ProgressRecordType.Completed });
        }

        public void Complete()
        {
            EndPull();
            _cmdlet.EmitProgress(new ProgressRecord(ProgressId, _activity, " ") { RecordType = ProgressRecordType.Completed });
        }
    }
}
