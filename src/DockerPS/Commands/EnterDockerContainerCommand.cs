using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Sessions;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// An interactive shell in a running container on this console: docker exec -it CONTAINER /bin/sh, or with -Attach the
/// container's main process, as docker attach. The console is raw while inside (every key, Ctrl+C included, goes to
/// the container), the container's TTY follows the console's size, and the detach keys (Ctrl+P Ctrl+Q) leave it
/// running. $LASTEXITCODE is set when the shell (or the container) exits, and a non-zero exit is an error carrying
/// ExitCode, as with Invoke-DockerExec.
/// </summary>
[Cmdlet(VerbsCommon.Enter, "DockerContainer", DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class EnterDockerContainerCommand : ContainerActionCmdlet
{
    /// <summary>The shell (and its arguments) to run: /bin/sh unless given (docker exec -it CONTAINER SHELL).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Shell { get; set; } = { "/bin/sh" };

    /// <summary>Run the shell as this user: name or uid[:gid].</summary>
    [Parameter]
    [Alias("u")]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>The directory the shell starts in.</summary>
    [Parameter]
    [Alias("w")]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>Environment variables for the shell: @{ A = 1 } or 'A=1'.</summary>
    [Parameter]
    [Alias("e", "Env")]
    public object? Environment { get; set; }

    /// <summary>Give the shell extended privileges.</summary>
    [Parameter]
    public SwitchParameter Privileged { get; set; }

    /// <summary>Join the container's main process instead of starting a shell (docker attach).</summary>
    [Parameter]
    public SwitchParameter Attach { get; set; }

    /// <summary>With -Attach, only watch: the keyboard is not sent to the container (docker attach --no-stdin).</summary>
    [Parameter]
    public SwitchParameter NoStdin { get; set; }

    /// <summary>The keys that detach, in docker's syntax (--detach-keys).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DetachKeysCompleter))]
    public string? DetachKeys { get; set; }

    protected override string ActionName => Attach ? "Attach" : "Enter";

    protected override int MaximumTargets => 1;

    private ExecOptions? _exec;
    private Engine.Arguments.DetachKeys _keys = Engine.Arguments.DetachKeys.Default;

    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        var bound = MyInvocation.BoundParameters;
        var shellOnly = new[] { nameof(Shell), nameof(User), nameof(WorkingDirectory), nameof(Environment), nameof(Privileged) }.Where(bound.ContainsKey).ToList();
        if (Attach && shellOnly.Count > 0)
        {
            throw new DockerArgumentException(
                $"-Attach joins the container's main process, so {string.Join(", ", shellOnly.Select(p => "-" + p))} (which start a new shell) cannot be given with it.",
                "AttachWithShellOptions", string.Join(", ", shellOnly));
        }
        if (NoStdin && !Attach)
            throw new DockerArgumentException("-NoStdin applies to -Attach: a shell started by Enter-DockerContainer always reads the keyboard.", "NoStdinWithoutAttach", nameof(NoStdin));

        _keys = Engine.Arguments.DetachKeys.Resolve(DetachKeys);
        var env = Arguments.EnvironmentOf(Environment);
        _exec = new ExecOptions
        {
            User = User,
            WorkingDirectory = WorkingDirectory,
            Environment = env?.ToEngineList().ToList(),
            Privileged = Privileged,
            Tty = true,
        };
        return Task.CompletedTask;
    }

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        var session = ConsoleSession(_keys);
        if (Attach)
        {
            var attached = await InteractiveSession.AttachAsync(Client, container.Id, NoStdin, session, cancellationToken).ConfigureAwait(false);
            if (EndSession(attached, $"the container '{container.Name}'") is long code && code != 0)
                throw new DockerContainerExitException(container.Name, code);
            return null;
        }

        InteractiveSession.CheckTty(session.Terminal, attachInput: true, tty: true, container.Name, "Enter-DockerContainer needs a console; use Invoke-DockerExec -Interactive to pipe input to a command.");
        var shell = string.Join(" ", Shell);
        var result = await InteractiveSession.ExecAsync(Client, container.Id, Shell, _exec!, attachInput: true, session, cancellationToken).ConfigureAwait(false);
        if (EndSession(result, $"'{shell}' in the container '{container.Name}'") is long exit && exit != 0)
            throw new DockerContainerExitException(container.Name, exit, shell);
        return null;
    }
}
