using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Matching;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker ps. Without names lists running containers (all with -All); a name, id or id prefix finds that container
/// whatever its state; wildcards select any number.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerContainer", DefaultParameterSetName = ByName)]
[OutputType(typeof(DockerContainer), typeof(DockerContainerDetails))]
public sealed class GetDockerContainerCommand : DockerCmdlet
{
    private const string ByName = "Name";
    private const string ById = "Id";

    private readonly List<string> _names = new();
    private readonly List<string> _ids = new();

    [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Also stopped containers, as docker ps -a.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Only containers in these states (implies -All).</summary>
    [Parameter]
    [ValidateSet("created", "restarting", "running", "removing", "paused", "exited", "dead", IgnoreCase = true)]
    public string[]? Status { get; set; }

    /// <summary>Only containers with these labels: 'key' or 'key=value'.</summary>
    [Parameter]
    public string[]? Label { get; set; }

    /// <summary>Any engine filter, as docker ps --filter: @{ ancestor = 'busybox'; exited = 0 }.</summary>
    [Parameter]
    public Hashtable? Filter { get; set; }

    /// <summary>Only the newest N containers, running or not (docker ps -n).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    /// <summary>Write each container's full description (docker inspect): state, configuration, limits, mounts, networks.</summary>
    [Parameter]
    public SwitchParameter Inspect { get; set; }

    /// <summary>Also compute each container's disk use (slower).</summary>
    [Parameter]
    public SwitchParameter Size { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (Name is not null) _names.AddRange(Name);
        if (Id is not null) _ids.AddRange(Id);
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var options = new ContainerListOptions
        {
            // Naming a container finds it whatever its state, as docker inspect does.
            All = All || Status is not null || _names.Count > 0 || _ids.Count > 0,
            Size = Size,
            Limit = Last,
        };
        foreach (var s in Status ?? System.Array.Empty<string>()) options.Filters.Add("status", s.ToLowerInvariant());
        FilterArguments.AddLabels(options.Filters, Label);
        FilterArguments.AddHashtable(options.Filters, Filter);

        var all = await Client.Containers.ListAsync(options, cancellationToken).ConfigureAwait(false);
        var selection = Selector.Containers(all, _names, _ids);
        var notFound = selection.Unmatched;
        if (Inspect) notFound = await EmitDescriptionsAsync(selection, c => c.Id, Client.Containers.InspectAsync, cancellationToken).ConfigureAwait(false);
        else foreach (var container in selection.Matches) Emit(container);
        foreach (var input in notFound)
            EmitError(new DockerException(string.Format(CultureInfo.CurrentCulture, Strings.ContainerNotFound, input), "ContainerNotFound", DockerErrorCategory.ObjectNotFound, input));
    }
}
