using System;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Registry;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker login: the engine checks the credentials against the registry (POST /auth), then they are stored where and
/// how docker stores them (config.json, or the credential helper configured for the registry), so that pulls, pushes,
/// builds and the docker CLI use them. Without credentials given, the stored ones are tried first (as docker), then the
/// host asks for them. Secrets are never written to any stream; verbose output masks them.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "DockerRegistry", DefaultParameterSetName = CredentialSet)]
[OutputType(typeof(DockerRegistryLogin))]
public sealed class ConnectDockerRegistryCommand : DockerCmdlet
{
    private const string CredentialSet = "Credential";
    private const string UserNameSet = "UserName";

    /// <summary>The registry: host[:port] or a URL; Docker Hub when left out.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerAddress", "Server")]
    [ValidateNotNullOrEmpty]
    public string? Registry { get; set; }

    /// <summary>User name and password (or access token) as a PSCredential.</summary>
    [Parameter(ParameterSetName = CredentialSet, Position = 1)]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>The user name; the password comes from -Password, or the host asks for it.</summary>
    [Parameter(ParameterSetName = UserNameSet, Mandatory = true)]
    [Alias("User")]
    [ValidateNotNullOrEmpty]
    public string? UserName { get; set; }

    /// <summary>The password or access token as a SecureString; may come down the pipeline (docker login --password-stdin).</summary>
    [Parameter(ParameterSetName = UserNameSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SecureString? Password { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var key = RegistryAddress.KeyOf(Registry);
        var store = DockerCredentialStore.FromEnvironment();
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DockerCredentialStore.AuthConfigVariable)))
            EmitWarning(string.Format(CultureInfo.CurrentCulture, Strings.RegistryEnvironmentAuthWarning, key));

        string user;
        string password;
        switch (ParameterSetName)
        {
            case UserNameSet:
                user = UserName!;
                password = Password is not null ? Plain(Password) : await AskPasswordAsync(user, key).ConfigureAwait(false);
                break;
            default:
                if (Credential is not null)
                {
                    user = Credential.UserName.TrimStart('\\');
                    password = Plain(Credential.Password);
                    break;
                }
                // docker login without credentials: the stored ones first, then ask.
                var stored = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
                if (stored.UserName is not null && stored.Password is not null)
                {
                    EmitVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RegistryStoredCredentials, stored.UserName));
                    try
                    {
                        await LoginAsync(stored, store, cancellationToken).ConfigureAwait(false);
                        return;
                    }
                    catch (RegistryAuthenticationException ex)
                    {
                        EmitWarning(string.Format(CultureInfo.CurrentCulture, Strings.RegistryStoredCredentialsRefused, key, ex.EngineMessage));
                    }
                }
                var asked = await AskCredentialAsync(stored.UserName, key).ConfigureAwait(false);
                user = asked.UserName.TrimStart('\\');
                password = Plain(asked.Password);
                break;
        }

        if (user.Trim().Length == 0)
            throw new DockerArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.RegistryCredentialsMissing, key), "RegistryUserNameMissing", Registry ?? key);
        if (password.Trim().Length == 0)
            throw new DockerArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.RegistryPasswordEmpty, user, key), "RegistryPasswordMissing", Registry ?? key);
        await LoginAsync(new RegistryAuth(key, user, password), store, cancellationToken).ConfigureAwait(false);
    }

    private async Task LoginAsync(RegistryAuth credentials, DockerCredentialStore store, CancellationToken cancellationToken)
    {
        EmitVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RegistryLoggingIn, credentials.ServerAddress, credentials.UserName, Secret.Mask));
        var login = await Client.Images.LoginAsync(credentials, store, cancellationToken).ConfigureAwait(false);
        EmitVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RegistryLoggedIn, login.Status, login.Storage));
        if (!login.IdentityToken && login.Storage == store.ConfigFile)
            EmitWarning(string.Format(CultureInfo.CurrentCulture, Strings.RegistryUnencryptedWarning, login.Storage));
        Emit(login);
    }

    /// <summary>Asks the host for the password without echoing it (Read-Host -AsSecureString).</summary>
    private Task<string> AskPasswordAsync(string user, string key) => InvokeOnPipelineThreadAsync(() =>
    {
        var ui = Host?.UI ?? throw Missing(key, null);
        try
        {
            ui.Write(string.Format(CultureInfo.CurrentCulture, Strings.RegistryPasswordPrompt, user, key));
            using var secure = ui.ReadLineAsSecureString();
            return Plain(secure);
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or HostException or NotImplementedException or InvalidOperationException)
        {
            throw Missing(key, ex);
        }
    });

    /// <summary>Asks the host for a user name and password (Get-Credential's dialog or console prompt).</summary>
    private Task<PSCredential> AskCredentialAsync(string? defaultUser, string key) => InvokeOnPipelineThreadAsync(() =>
    {
        var ui = Host?.UI ?? throw Missing(key, null);
        PSCredential? credential;
        try
        {
            credential = ui.PromptForCredential(Strings.RegistryCredentialCaption,
                string.Format(CultureInfo.CurrentCulture, Strings.RegistryCredentialMessage, key), defaultUser ?? string.Empty, key);
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or HostException or NotImplementedException or InvalidOperationException)
        {
            throw Missing(key, ex);
        }
        return credential ?? throw Missing(key, null);
    });

    private DockerException Missing(string key, Exception? inner) =>
        new(string.Format(CultureInfo.CurrentCulture, Strings.RegistryCredentialsMissing, key), "RegistryCredentialsMissing", DockerErrorCategory.AuthenticationError, Registry ?? key, inner);

    private static string Plain(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
