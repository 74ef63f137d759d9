using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Matching;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker network ls / inspect: networks by name (wildcards) or id prefix; -Inspect adds attached containers.</summary>
[Cmdlet(VerbsCommon.Get, "DockerNetwork")]
[OutputType(typeof(DockerNetwork))]
public sealed class GetDockerNetworkCommand : DockerCmdlet
{
    private readonly List<string> _names = new();

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Only networks with these labels: 'key' or 'key=value'.</summary>
    [Parameter]
    public string[]? Label { get; set; }

    /// <summary>Any engine filter, as docker network ls --filter: @{ driver = 'bridge' }.</summary>
    [Parameter]
    public Hashtable? Filter { get; set; }

    /// <summary>Inspect each network, filling Containers (one more call per network).</summary>
    [Parameter]
    public SwitchParameter Inspect { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (Name is not null) _names.AddRange(Name);
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var filters = new DockerFilters();
        FilterArguments.AddLabels(filters, Label);
        FilterArguments.AddHashtable(filters, Filter);
        var all = await Client.Networks.ListAsync(filters, cancellationToken).ConfigureAwait(false);
        // A literal that is no name may be an id prefix, as docker resolves networks.
        var selection = Selector.ByName(all, n => n.Name, _names, n => n.Id);
        var notFound = selection.Unmatched;
        if (Inspect) notFound = await EmitDescriptionsAsync(selection, n => n.Id, Client.Networks.InspectAsync, cancellationToken).ConfigureAwait(false);
        else foreach (var network in selection.Matches) Emit(network);
        foreach (var input in notFound)
            EmitError(new DockerException(string.Format(CultureInfo.CurrentCulture, Strings.NetworkNotFound, input), "NetworkNotFound", DockerErrorCategory.ObjectNotFound, input));
    }
}
