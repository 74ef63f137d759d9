using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Streams;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker exec: runs a command in running containers. Output as Invoke-DockerRun's: stdout lines to the pipeline, stderr
/// lines as errors (ContainerStandardError); $LASTEXITCODE is set and a non-zero exit is an error carrying ExitCode.
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

    protected override string ActionName => "Run " + string.Join(" ", Command);

    private ExecOptions? _options;

    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        // Checked once, before anything runs in any container.
        var env = Arguments.EnvironmentOf(Environment);
        _options = new ExecOptions
        {
            User = User,
            WorkingDirectory = WorkingDirectory,
            Environment = env?.ToEngineList().ToList(),
            Privileged = Privileged,
        };
        return Task.CompletedTask;
    }

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        var options = _options!;
        if (Detach)
        {
            await ExecRunner.StartDetachedAsync(Client, container.Id, Command, options, cancellationToken).ConfigureAwait(false);
            return null;
        }
        var code = await ExecRunner.RunAsync(Client, container.Id, Command, options, line =>
        {
            if (line.Stream == StreamKind.Stderr)
                EmitError(new ErrorRecord(new DockerException(line.Text, "ContainerStandardError", DockerErrorCategory.NotSpecified, container.Name), "ContainerStandardError", ErrorCategory.NotSpecified, container.Name));
            else
                Emit(line.Text);
        }, cancellationToken).ConfigureAwait(false);
        SetLastExitCode(code);
        if (code != 0) throw new DockerContainerExitException(container.Name, code, string.Join(" ", Command));
        return null;
    }
}
