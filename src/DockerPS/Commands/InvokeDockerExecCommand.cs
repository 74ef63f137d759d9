using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Sessions;
using DockerPS.Engine.Streams;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker exec: runs a command in running containers. Output as Invoke-DockerRun's: stdout lines to the pipeline, stderr
/// lines as errors (ContainerStandardError); $LASTEXITCODE is set and a non-zero exit is an error carrying ExitCode.
/// -Interactive sends this process's standard input to the command (in one container); with -Tty as well, the console
/// is handed over as docker exec -it does.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DockerExec", DefaultParameterSetName = ByName)]
[OutputType(typeof(string))]
public sealed class InvokeDockerExecCommand : ContainerActionCmdlet
{
    /// <summary>The command and its arguments: the remaining arguments.</summary>
    [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 1, ValueFromRemainingArguments = true)]
    [Parameter(ParameterSetName = ById, Mandatory = true, Position = 0, ValueFromRemainingArguments = true)]
    [ValidateNotNullOrEmpty]
    public string[] Command { get; set; } = System.Array.Empty<string>();

    /// <summary>Run as this user: name or uid[:gid].</summary>
    [Parameter]
    [Alias("u")]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    [Parameter]
    [Alias("w")]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>Environment variables: @{ A = 1 } or 'A=1'.</summary>
    [Parameter]
    [Alias("e", "Env")]
    public object? Environment { get; set; }

    /// <summary>Give the process extended privileges.</summary>
    [Parameter]
    public SwitchParameter Privileged { get; set; }

    /// <summary>Start the command and return at once (docker exec -d).</summary>
    [Parameter]
    [Alias("d")]
    public SwitchParameter Detach { get; set; }

    /// <summary>Keep standard input open and send this process's input to the command (docker exec -i).</summary>
    [Parameter]
    [Alias("i")]
    public SwitchParameter Interactive { get; set; }

    /// <summary>Give the command a terminal (docker exec -t).</summary>
    [Parameter]
    [Alias("t")]
    public SwitchParameter Tty { get; set; }

    /// <summary>The keys that detach from an interactive session, in docker's syntax (docker exec --detach-keys).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DetachKeysCompleter))]
    public string? DetachKeys { get; set; }

    protected override string ActionName => "Run " + string.Join(" ", Command);

    // A session hands over the one console: one container at a time.
    protected override int MaximumTargets => Interactive && !Detach ? 1 : int.MaxValue;

    private ExecOptions? _options;
    private Engine.Arguments.DetachKeys _keys = Engine.Arguments.DetachKeys.Default;

    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        // Checked once, before anything runs in any container.
        var env = Arguments.EnvironmentOf(Environment);
        _keys = Engine.Arguments.DetachKeys.Resolve(DetachKeys);
        _options = new ExecOptions
        {
            User = User,
            WorkingDirectory = WorkingDirectory,
            Environment = env?.ToEngineList().ToList(),
            Privileged = Privileged,
            Tty = Tty,
        };
        return Task.CompletedTask;
    }

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        var options = _options!;
        var command = string.Join(" ", Command);
        if (Detach)
        {
            await ExecRunner.StartDetachedAsync(Client, container.Id, Command, options, cancellationToken).ConfigureAwait(false);
            return null;
        }
        void OnLine(OutputLine line)
        {
            if (line.Stream == StreamKind.Stderr)
                EmitError(new ErrorRecord(new DockerException(line.Text, "ContainerStandardError", DockerErrorCategory.NotSpecified, container.Name), "ContainerStandardError", ErrorCategory.NotSpecified, container.Name));
            else
                Emit(line.Text);
        }

        long code;
        if (Interactive)
        {
            var session = ConsoleSession(_keys, Tty ? null : OnLine);
            InteractiveSession.CheckTty(session.Terminal, attachInput: true, Tty, container.Name, "Leave out -Tty to pipe the redirected input to the command.");
            var result = await InteractiveSession.ExecAsync(Client, container.Id, Command, options, attachInput: true, session, cancellationToken).ConfigureAwait(false);
            if (EndSession(result, $"'{command}' in the container '{container.Name}'") is not long exit) return null;
            code = exit;
        }
        else
        {
            code = await ExecRunner.RunAsync(Client, container.Id, Command, options, OnLine, cancellationToken).ConfigureAwait(false);
            SetLastExitCode(code);
        }
        if (code != 0) throw new DockerContainerExitException(container.Name, code, command);
        return null;
    }
}
