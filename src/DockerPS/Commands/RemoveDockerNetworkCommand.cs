using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Matching;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker network rm: removes networks; one with attached containers is refused with the engine's reason.</summary>
[Cmdlet(VerbsCommon.Remove, "DockerNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveDockerNetworkCommand : DockerCmdlet
{
    private readonly List<string> _names = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        _names.AddRange(Name);
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var all = await Client.Networks.ListAsync(null, cancellationToken).ConfigureAwait(false);
        var selection = Selector.ByName(all, n => n.Name, _names);
        var targets = selection.Matches.ToList();
        foreach (var missing in selection.Unmatched)
        {
            // A literal that is no name may be an id or id prefix, as docker network rm takes them.
            var byId = all.Where(n => Selector.IsIdPrefix(n.Id, missing)).ToList();
            if (byId.Count == 1) targets.Add(byId[0]);
            else if (byId.Count > 1) EmitError(new DockerException($"'{missing}' matches more than one network: {string.Join(", ", byId.Select(n => n.Name))}.", "AmbiguousNetwork", DockerErrorCategory.InvalidArgument, missing));
            else EmitError(new DockerException(string.Format(CultureInfo.CurrentCulture, Strings.NetworkNotFound, missing), "NetworkNotFound", DockerErrorCategory.ObjectNotFound, missing));
        }
        foreach (var network in targets)
        {
            if (!await ShouldProcessAsync(network.Name, "Remove network").ConfigureAwait(false)) continue;
            try
            {
                await Client.Networks.RemoveAsync(network.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerException ex)
            {
                EmitError(ex, network.Name);
            }
        }
    }
}
