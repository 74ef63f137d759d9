using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker commit: a new image from a container's file system changes and configuration. The container is paused while
/// it is committed, as docker does, unless -NoPause. -Change applies Dockerfile instructions to the new image's
/// configuration; each is checked before anything is sent. Writes the new image, so it can be piped on to
/// Invoke-DockerRun.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DockerCommit", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(DockerImage))]
public sealed class InvokeDockerCommitCommand : DockerCmdlet
{
    /// <summary>The container: name, id or id prefix. A piped container binds its Id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "ContainerId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string Container { get; set; } = string.Empty;

    /// <summary>The new image's repository, or repository:tag in one ('ubuntu:git').</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Repository { get; set; }

    /// <summary>With -Repository, the tag; alone, the whole repository[:tag] as docker build -t takes it ('web:snap').</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Tag { get; set; }

    /// <summary>The commit message (docker commit -m).</summary>
    [Parameter]
    [Alias("m")]
    public string? Message { get; set; }

    /// <summary>The author (docker commit -a): "Name &lt;mail&gt;".</summary>
    [Parameter]
    [Alias("a")]
    public string? Author { get; set; }

    /// <summary>Dockerfile instructions for the new image's configuration: 'CMD ["apache2ctl", "-DFOREGROUND"]', 'EXPOSE 80'.</summary>
    [Parameter]
    [Alias("c")]
    [ValidateNotNullOrEmpty]
    public string[]? Change { get; set; }

    /// <summary>Do not pause the container while it is committed (docker commit --no-pause).</summary>
    [Parameter]
    public SwitchParameter NoPause { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Everything is checked before anything is sent.
        var options = new ImageCommitOptions
        {
            Reference = NewImageReference.Parse(Repository, Tag),
            Message = Message,
            Author = Author,
            Pause = !NoPause,
        };
        foreach (var change in DockerfileChange.ParseAll(Change)) options.Changes.Add(change);

        var shown = options.Reference?.WithDefaultTag().ToString();
        if (!await ShouldProcessAsync(Container, "Commit to image " + (shown ?? "(untagged)")).ConfigureAwait(false)) return;
        var id = await Client.Images.CommitAsync(Container, options, cancellationToken).ConfigureAwait(false);
        Emit(await Client.Images.GetAsync(shown ?? id, cancellationToken).ConfigureAwait(false));
    }
}
