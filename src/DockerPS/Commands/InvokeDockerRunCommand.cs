using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Sessions;
using DockerPS.Engine.Streams;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker run: creates and starts a container. With -Detach it writes the container. Otherwise the container's output
/// flows into the pipeline while it runs, stdout as strings, stderr as errors (ErrorId ContainerStandardError, so 2>&amp;1
/// merges them as with native commands); the cmdlet waits for the exit, sets $LASTEXITCODE, and a non-zero exit is an
/// error carrying ExitCode. A run that fails before the container starts leaves no container behind. -Interactive
/// sends this process's standard input to the container; with -Tty as well, the console is handed over as docker
/// run -it does, until the container exits or the detach keys are typed.
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

    /// <summary>The keys that detach from an interactive session, in docker's syntax (docker run --detach-keys).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DetachKeysCompleter))]
    public string? DetachKeys { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var options = BuildOptions(Remove);
        var keys = Engine.Arguments.DetachKeys.Resolve(DetachKeys);
        if (!await ShouldProcessAsync(Name ?? Image, "Run container from " + Image).ConfigureAwait(false)) return;

        string? label = Name;
        void OnLine(OutputLine line)
        {
            if (line.Stream == StreamKind.Stderr)
                EmitError(new ErrorRecord(new DockerException(line.Text, "ContainerStandardError", DockerErrorCategory.NotSpecified, label ?? Image), "ContainerStandardError", ErrorCategory.NotSpecified, label ?? Image));
            else
                Emit(line.Text);
        }

        // An interactive session needs a terminal: refused before any pull or create.
        SessionOptions? session = null;
        if (Interactive && !Detach)
        {
            // With a TTY the console is the container's; without, its input is ours and its output lines are written
            // as for any run.
            session = ConsoleSession(keys, Tty ? null : OnLine);
            InteractiveSession.CheckTty(session.Terminal, attachInput: true, Tty, Name ?? Image, "Leave out -Tty to pipe the redirected input to the container.");
        }

        await PullImageIfNeededAsync(cancellationToken).ConfigureAwait(false);

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

        if (session is not null)
        {
            var result = await InteractiveSession.RunAsync(Client, options, session, cancellationToken).ConfigureAwait(false);
            var container = label ?? result.ContainerId.Substring(0, 12);
            if (EndSession(result, $"the container '{container}'") is long exit && exit != 0) EmitError(new DockerContainerExitException(container, exit));
            return;
        }

        var (runId, code) = await ContainerRunner.RunAttachedAsync(Client, options, EmitWarning, OnLine, cancellationToken).ConfigureAwait(false);
        SetLastExitCode(code);
        if (code != 0) EmitError(new DockerContainerExitException(label ?? runId.Substring(0, 12), code));
    }
}
