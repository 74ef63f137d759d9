using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;
using DockerPS.Formatting;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker cp, both directions: -FromContainer/-ToContainer name the container (as Copy-Item's -FromSession and
/// -ToSession), or docker's CONTAINER:PATH form names it in -Path or -Destination. Host paths are taken from
/// PowerShell's current location. The copy itself (docker cp's rules, the tar streams, all-or-nothing extraction)
/// is DockerPS.Engine's.
/// </summary>
[Cmdlet(VerbsCommon.Copy, "DockerContainerItem", DefaultParameterSetName = DockerSyntax, SupportsShouldProcess = true)]
[OutputType(typeof(FileSystemInfo), ParameterSetName = new[] { FromContainerSet, DockerSyntax })]
[OutputType(typeof(DockerContainerItem), ParameterSetName = new[] { ToContainerSet, DockerSyntax })]
public sealed class CopyDockerContainerItemCommand : DockerCmdlet
{
    private const string DockerSyntax = "DockerSyntax";
    private const string FromContainerSet = "FromContainer";
    private const string ToContainerSet = "ToContainer";
    private const int ProgressId = 1;

    // Host paths are resolved while parameters are bound, on the pipeline thread, where the session state may be used.
    private readonly Dictionary<string, HostPath> _hostPaths = new(StringComparer.Ordinal);
    private string[]? _path;
    private string? _destination;

    /// <summary>What to copy: host paths with -ToContainer, container paths with -FromContainer, or either as CONTAINER:PATH.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path
    {
        get => _path;
        set
        {
            _path = value;
            foreach (var p in value ?? Array.Empty<string>()) Resolve(p);
        }
    }

    /// <summary>Where to copy to: a host path with -FromContainer, a container path with -ToContainer, or CONTAINER:PATH.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Destination
    {
        get => _destination;
        set
        {
            _destination = value;
            Resolve(value);
        }
    }

    /// <summary>The container to copy out of: -Path is inside it, -Destination on the host.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FromContainerSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string? FromContainer { get; set; }

    /// <summary>The container to copy into: -Path is on the host, -Destination inside it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ToContainerSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string? ToContainer { get; set; }

    /// <summary>Copy what a symbolic link source points to, not the link (docker cp -L).</summary>
    [Parameter]
    public SwitchParameter FollowLink { get; set; }

    /// <summary>Into a container: owner and group become the container's user (docker cp -a).</summary>
    [Parameter(ParameterSetName = ToContainerSet)]
    [Parameter(ParameterSetName = DockerSyntax)]
    [Alias("Archive")]
    public SwitchParameter CopyOwnership { get; set; }

    /// <summary>Write what the copy made: a FileSystemInfo on the host, a DockerContainerItem in a container.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var path in Path ?? Array.Empty<string>())
        {
            try
            {
                await CopyAsync(path, Destination!, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerException ex)
            {
                EmitProgress(new ProgressRecord(ProgressId, "Copy-DockerContainerItem", ex.ErrorId) { RecordType = ProgressRecordType.Completed });
                EmitError(ex, path);
            }
        }
    }

    private async Task CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        DockerCopyDirection direction;
        string container, containerPath, hostText;
        switch (ParameterSetName)
        {
            case FromContainerSet:
                (direction, container, containerPath, hostText) = (DockerCopyDirection.FromContainer, FromContainer!, source, destination);
                break;
            case ToContainerSet:
                (direction, container, containerPath, hostText) = (DockerCopyDirection.ToContainer, ToContainer!, destination, source);
                break;
            default:
                direction = CopyPaths.ParseCopyArguments(source, destination, IsDrivePath, out container, out containerPath, out hostText);
                break;
        }
        var hostPath = HostPathOf(hostText);
        var options = new DockerCopyOptions
        {
            FollowLink = FollowLink,
            CopyOwnership = CopyOwnership && direction == DockerCopyDirection.ToContainer,
            Progress = new ProgressWriter(this),
        };

        var from = direction == DockerCopyDirection.FromContainer ? container + ":" + containerPath : hostPath;
        var to = direction == DockerCopyDirection.FromContainer ? hostPath : container + ":" + containerPath;
        if (!await ShouldProcessAsync("Item: " + from + " Destination: " + to, "Copy").ConfigureAwait(false)) return;

        var result = direction == DockerCopyDirection.FromContainer
            ? await Client.Archive.CopyFromContainerAsync(container, containerPath, hostPath, options, cancellationToken).ConfigureAwait(false)
            : await Client.Archive.CopyToContainerAsync(hostPath, container, containerPath, options, cancellationToken).ConfigureAwait(false);

        foreach (var warning in result.Warnings) EmitWarning(warning);
        EmitVerbose(string.Format(CultureInfo.CurrentCulture, "{0} -> {1}: {2} items, {3} in {4:0.0} s", from, result.Destination, result.Entries,
            Display.Size(result.Bytes), result.Elapsed.TotalSeconds));
        if (!PassThru) return;
        if (direction == DockerCopyDirection.FromContainer)
        {
            Emit(result.DestinationType == DockerItemType.Directory ? new DirectoryInfo(result.Destination) : new FileInfo(result.Destination));
        }
        else
        {
            Emit(await Client.Archive.StatAsync(container, result.Destination, cancellationToken).ConfigureAwait(false));
        }
    }

    private sealed class HostPath
    {
        public HostPath(string? resolved, bool onDrive, Exception? error)
        {
            Resolved = resolved;
            OnDrive = onDrive;
            Error = error;
        }

        public string? Resolved { get; }

        /// <summary>True when the text starts with the name of a PowerShell file system drive ("Temp:/x").</summary>
        public bool OnDrive { get; }

        public Exception? Error { get; }
    }

    /// <summary>
    /// Resolves a value as a host path against the current PowerShell location (as Copy-Item does), keeping a
    /// trailing '/' or '/.'. Values that turn out to be container paths are simply not used.
    /// </summary>
    private void Resolve(string? text)
    {
        if (string.IsNullOrEmpty(text) || _hostPaths.ContainsKey(text!)) return;
        try
        {
            var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(text, out var provider, out var drive);
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                _hostPaths[text!] = new HostPath(null, false, new DockerArgumentException(
                    string.Format(CultureInfo.CurrentCulture, "'{0}' is a path of the {1} provider; copies go to and from the file system.", text, provider.Name), "NotAFileSystemPath", text));
                return;
            }
            var colon = text!.IndexOf(':');
            var onDrive = colon > 0 && drive is not null && string.Equals(drive.Name, text.Substring(0, colon), StringComparison.OrdinalIgnoreCase);
            _hostPaths[text] = new HostPath(CopyPaths.PreserveTrailingDotOrSeparatorHost(resolved, text), onDrive, null);
        }
        catch (Exception ex) when (ex is RuntimeException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            // Most often CONTAINER:PATH, which is no PowerShell path; reported only if it is used as a host path.
            _hostPaths[text!] = new HostPath(null, false, ex);
        }
    }

    private bool IsDrivePath(string text) => _hostPaths.TryGetValue(text, out var host) && host.OnDrive;

    private string HostPathOf(string text)
    {
        if (_hostPaths.TryGetValue(text, out var host))
        {
            if (host.Resolved is not null) return host.Resolved;
            if (host.Error is DockerException docker) throw docker;
            if (host.Error is not null) throw new DockerArgumentException(host.Error.Message, "InvalidHostPath", text);
        }
        return CopyPaths.PreserveTrailingDotOrSeparatorHost(System.IO.Path.GetFullPath(text), text);
    }

    /// <summary>Shows the bytes copied so far (and the percentage when the total is known) with Write-Progress.</summary>
    private sealed class ProgressWriter : IProgress<DockerCopyProgress>
    {
        private readonly CopyDockerContainerItemCommand _cmdlet;

        public ProgressWriter(CopyDockerContainerItemCommand cmdlet) => _cmdlet = cmdlet;

        public void Report(DockerCopyProgress value)
        {
            var activity = string.Format(CultureInfo.CurrentCulture, "Copying {0} to {1}", value.Source, value.Destination);
            var status = value.TotalBytes is long total && total > 0
                ? string.Format(CultureInfo.CurrentCulture, "{0} of {1}, {2} items", Display.Size(value.BytesCopied), Display.Size(total), value.Entries)
                : string.Format(CultureInfo.CurrentCulture, "{0}, {1} items", Display.Size(value.BytesCopied), value.Entries);
            var record = new ProgressRecord(ProgressId, activity, status)
            {
                CurrentOperation = value.CurrentItem,
                PercentComplete = value.TotalBytes is long t && t > 0 ? (int)Math.Min(100, value.BytesCopied * 100 / t) : -1,
                RecordType = value.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            _cmdlet.EmitProgress(record);
        }
    }
}
