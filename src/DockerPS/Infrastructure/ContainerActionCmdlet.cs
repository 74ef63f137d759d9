using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Matching;
using DockerPS.Engine.Model;

namespace DockerPS.Infrastructure;

/// <summary>
/// The base of cmdlets that act on containers (start, stop, remove, ...). Strings come in by value as -Name (names,
/// ids, id prefixes, wildcards); objects bind their Id by property name. Targets are resolved against one list call,
/// asked about (ShouldProcess) one by one, then acted on concurrently (-ThrottleLimit), each failure reported on its
/// own without stopping the others, with the input that named the container as its TargetObject (the container's
/// name when a wildcard selected it). -PassThru writes the containers as they are afterwards.
/// </summary>
public abstract class ContainerActionCmdlet : DockerCmdlet
{
    protected const string ByName = "Name";
    protected const string ById = "Id";

    private readonly List<string> _inputs = new();

    /// <summary>Names, ids or id prefixes of containers; wildcards select any number.</summary>
    [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Container ids: what a piped container object binds.</summary>
    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>How many containers are acted on at once.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>True while the action runs until stopped (-Follow, -Stream): each container needs its own reader, so the
    /// throttle does not apply (a container past the limit would otherwise never be read).</summary>
    protected virtual bool Streams => false;

    /// <summary>How many containers one call may act on; more is an error before anything is done.</summary>
    protected virtual int MaximumTargets => int.MaxValue;

    /// <summary>Whether -PassThru applies to this cmdlet; false hides the behaviour for cmdlets that always write.</summary>
    protected virtual bool PassesThrough => false;

    /// <summary>
    /// True for cmdlets that only read from each container (logs, stats, processes, ports, changes). Then a container
    /// that only a wildcard selected and that is removed after the list (by another session on a shared engine) is
    /// left out, as a list read a moment later would leave it out; one named without wildcards is still reported.
    /// Cmdlets that change containers report every container they could not change.
    /// </summary>
    protected virtual bool OnlyReads => false;

    /// <summary>The ShouldProcess action text, for example "Stop".</summary>
    protected abstract string ActionName { get; }

    /// <summary>Acts on one container; returns an object to write, or null.</summary>
    protected abstract Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken);

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        _inputs.AddRange(ParameterSetName == ById ? Id! : Name!);
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (_inputs.Count == 0) return;
        var all = await Client.Containers.ListAsync(new ContainerListOptions { All = true }, cancellationToken).ConfigureAwait(false);
        // Each container with the input that named it (a name, id or id prefix, or a piped object's Id), or null when a
        // wildcard selected it: a failure's TargetObject is that input, or the container's name.
        var targets = new List<(DockerContainer Container, string? Named)>();
        var seen = new HashSet<string>();
        foreach (var input in _inputs)
        {
            IReadOnlyList<DockerContainer> found;
            try
            {
                found = Selector.ResolveContainers(all, input);
            }
            catch (DockerException ex)
            {
                EmitError(ex);
                continue;
            }
            var named = Wildcard.HasWildcard(input) ? null : input;
            foreach (var c in found)
            {
                if (!seen.Add(c.Id)) continue;
                if (await ShouldProcessAsync($"{c.Name} ({c.ShortId})", ActionName).ConfigureAwait(false)) targets.Add((c, named));
            }
        }

        if (targets.Count > MaximumTargets)
        {
            throw new DockerArgumentException(
                $"{MyInvocation.MyCommand.Name} acts on {MaximumTargets} container(s); the input names {targets.Count}: {string.Join(", ", targets.Select(t => t.Container.Name))}.",
                "TooManyContainers", string.Join(", ", _inputs));
        }

        var passThrough = new List<string>();
        using var gate = new SemaphoreSlim(Streams ? int.MaxValue - 1 : ThrottleLimit);
        var work = targets.Select(async target =>
        {
            var c = target.Container;
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await ActAsync(c, cancellationToken).ConfigureAwait(false);
                if (result is not null) Emit(result);
                if (PassesThrough) lock (passThrough) passThrough.Add(c.Id);
            }
            catch (DockerNotFoundException ex) when (OnlyReads && target.Named is null && ex.ErrorId == "ContainerNotFound")
            {
                // Removed since the list, and only a wildcard picked it: not there to read.
            }
            catch (DockerException ex)
            {
                EmitError(ex, target.Named ?? c.Name);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(work).ConfigureAwait(false);

        if (passThrough.Count > 0)
        {
            var after = await Client.Containers.ListAsync(new ContainerListOptions { All = true }, cancellationToken).ConfigureAwait(false);
            foreach (var c in after.Where(c => passThrough.Contains(c.Id))) Emit(c);
        }
    }
}

/// <summary>A container cmdlet that writes the containers afterwards with -PassThru.</summary>
public abstract class ContainerPassThruCmdlet : ContainerActionCmdlet
{
    /// <summary>Write the containers, as they are afterwards, to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool PassesThrough => PassThru;
}
