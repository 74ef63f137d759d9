using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Streams;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker run: creates and starts a container. With -Detach it writes the container. Otherwise the container's output
/// flows into the pipeline while it runs, stdout as strings, stderr as errors (ErrorId ContainerStandardError, so 2>&amp;1
/// merges them as with native commands); the cmdlet waits for the exit, sets $LASTEXITCODE, and a non-zero exit is an
/// error carrying ExitCode. A run that fails before the container starts leaves no container behind.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DockerRun", SupportsShouldProcess = true)]
[OutputType(typeof(string), typeof(DockerContainer))]
public sealed class InvokeDockerRunCommand : ContainerCreateCmdlet
{
    /// <summary>Start it in the background and write the container (docker run -d).</summary>
    [Parameter]
    [Alias("d")]
    public SwitchParameter Detach { get; set; }

    /// <summary>Remove the container when it exits (docker run --rm).</summary>
    [Parameter]
    [Alias("rm")]
    public SwitchParameter Remove { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (Interactive && !Detach)
            throw new DockerArgumentException("Invoke-DockerRun -Interactive without -Detach needs a console session, which this version does not hand over yet; use -Detach, then Invoke-DockerExec.", "InteractiveNotSupported", Image);
        var options = BuildOptions(Remove);
        if (!await ShouldProcessAsync(Name ?? Image, "Run container from " + Image).ConfigureAwait(false)) return;

        if (Detach)
        {
            var id = await ContainerRunner.RunDetachedAsync(Client, options, EmitWarning, cancellationToken).ConfigureAwait(false);
            try
            {
                Emit(await ContainerLookup.ByIdAsync(Client, id, cancellationToken).ConfigureAwait(false));
            }
            catch (DockerException ex) when (ex.ErrorId == "ContainerGone" && Remove)
            {
                EmitWarning($"The container {id.Substring(0, 12)} ran, exited and was removed (-Remove) before it could be written.");
            }
            return;
        }

        string? label = Name;
        var (runId, code) = await ContainerRunner.RunAttachedAsync(Client, options, EmitWarning, line =>
        {
            if (line.Stream == StreamKind.Stderr)
                EmitError(new ErrorRecord(new DockerException(line.Text, "ContainerStandardError", DockerErrorCategory.NotSpecified, label ?? Image), "ContainerStandardError", ErrorCategory.NotSpecified, label ?? Image));
            else
                Emit(line.Text);
        }, cancellationToken).ConfigureAwait(false);
        SetLastExitCode(code);
        if (code != 0) EmitError(new DockerContainerExitException(label ?? runId.Substring(0, 12), code));
    }
}
