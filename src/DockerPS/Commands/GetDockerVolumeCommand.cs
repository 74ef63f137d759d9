using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Matching;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker volume ls / inspect: volumes by name (wildcards), label or engine filter.</summary>
[Cmdlet(VerbsCommon.Get, "DockerVolume")]
[OutputType(typeof(DockerVolume))]
public sealed class GetDockerVolumeCommand : DockerCmdlet
{
    private readonly List<string> _names = new();

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Only volumes no container uses.</summary>
    [Parameter]
    public SwitchParameter Dangling { get; set; }

    /// <summary>Only volumes with these labels: 'key' or 'key=value'.</summary>
    [Parameter]
    public string[]? Label { get; set; }

    /// <summary>Any engine filter, as docker volume ls --filter: @{ driver = 'local' }.</summary>
    [Parameter]
    public Hashtable? Filter { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (Name is not null) _names.AddRange(Name);
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var filters = new DockerFilters();
        if (Dangling) filters.Add("dangling", "true");
        FilterArguments.AddLabels(filters, Label);
        FilterArguments.AddHashtable(filters, Filter);
        var all = await Client.Volumes.ListAsync(filters, cancellationToken).ConfigureAwait(false);
        var selection = Selector.ByName(all, v => v.Name, _names);
        foreach (var v in selection.Matches) Emit(v);
        foreach (var missing in selection.Unmatched)
            EmitError(new DockerException(string.Format(CultureInfo.CurrentCulture, Strings.VolumeNotFound, missing), "VolumeNotFound", DockerErrorCategory.ObjectNotFound, missing));
    }
}
