using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker network create.</summary>
[Cmdlet(VerbsCommon.New, "DockerNetwork", SupportsShouldProcess = true)]
[OutputType(typeof(DockerNetwork))]
public sealed class NewDockerNetworkCommand : DockerCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>bridge (the default), macvlan, ipvlan, overlay...</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Driver { get; set; }

    /// <summary>The subnet in CIDR form: 10.10.0.0/24.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Subnet { get; set; }

    /// <summary>The range containers get addresses from, within the subnet.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IPRange { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Gateway { get; set; }

    /// <summary>No route to the outside world.</summary>
    [Parameter]
    public SwitchParameter Internal { get; set; }

    /// <summary>Standalone containers may attach (overlay networks).</summary>
    [Parameter]
    public SwitchParameter Attachable { get; set; }

    [Parameter]
    public SwitchParameter IPv6 { get; set; }

    /// <summary>Labels: @{ app = 'svn' } or 'app=svn'.</summary>
    [Parameter]
    public object? Label { get; set; }

    /// <summary>Driver options: @{ 'com.docker.network.bridge.name' = 'svn0' }.</summary>
    [Parameter]
    public Hashtable? Option { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var labels = Arguments.LabelsOf(Label);
        var options = new NetworkCreateOptions(Name)
        {
            Driver = Driver,
            Subnet = Subnet,
            IPRange = IPRange,
            Gateway = Gateway,
            Internal = Internal,
            Attachable = Attachable,
            EnableIPv6 = IPv6,
            Labels = labels.Entries.Count > 0 ? labels.Entries.ToDictionary(kv => kv.Key, kv => kv.Value) : null,
            Options = Arguments.OptionsOf(Option, "-Option"),
        };
        if (!await ShouldProcessAsync(Name, "Create network").ConfigureAwait(false)) return;
        try
        {
            Emit(await Client.Networks.CreateAsync(options, cancellationToken).ConfigureAwait(false));
        }
        catch (Engine.Errors.DockerApiException ex)
        {
            // One network the engine refuses (a name taken, a subnet in use) does not stop the others piped in.
            EmitError(ex, Name);
        }
    }
}
