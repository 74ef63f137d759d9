using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Registry;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker logout: removes a registry's stored credentials from docker's store (the credential helper and
/// config.json, under the registry's key and its legacy http:// and https:// forms). Docker Hub when no registry is given.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "DockerRegistry", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class DisconnectDockerRegistryCommand : DockerCmdlet
{
    /// <summary>Registries: host[:port] or URLs. Login objects piped in bind by their Registry property.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerAddress", "Server")]
    [ValidateNotNullOrEmpty]
    public string[]? Registry { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var store = DockerCredentialStore.FromEnvironment();
        foreach (var registry in Registry ?? new string?[] { null })
        {
            var key = RegistryAddress.KeyOf(registry);
            if (!await ShouldProcessAsync(key, Strings.RegistryLogoutAction).ConfigureAwait(false)) continue;
            try
            {
                EmitVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RegistryLogout, key));
                var erased = await ImageOperations.LogoutAsync(registry, store, cancellationToken).ConfigureAwait(false);
                if (erased.Count == 0) EmitVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RegistryNothingStored, key));
            }
            catch (DockerException ex)
            {
                EmitError(ex, registry ?? key);
            }
        }
    }
}
