namespace DockerPS.Engine.Registry;

/// <summary>The outcome of a login (docker login's "Login Succeeded"): which registry, as whom, and where the credentials went.</summary>
public sealed class DockerRegistryLogin
{
    public DockerRegistryLogin(string registry, string? userName, string status, bool identityToken, string storage)
    {
        Registry = registry;
        UserName = userName;
        Status = status;
        IdentityToken = identityToken;
        Storage = storage;
    }

    /// <summary>The registry's credential key: host[:port], or <c>https://index.docker.io/v1/</c> for Docker Hub.</summary>
    public string Registry { get; }

    public string? UserName { get; }

    /// <summary>The engine's status, "Login Succeeded".</summary>
    public string Status { get; }

    /// <summary>True when the registry gave an identity token, which was stored instead of the password.</summary>
    public bool IdentityToken { get; }

    /// <summary>Where the credentials are kept: the credential helper program, or the configuration file's path.</summary>
    public string Storage { get; }

    public override string ToString() => Status + " (" + Registry + ")";
}
