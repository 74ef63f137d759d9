using System;
using System.Collections.Generic;
using System.Text;

namespace DockerPS.Engine.Registry;

/// <summary>
/// Credentials for one registry, as docker keeps them: a user name with a password, or an identity token the
/// registry gave at login (then the password is empty). <see cref="ToString"/> and every message about it name the
/// registry and the user, never a secret.
/// </summary>
public sealed class RegistryAuth
{
    /// <summary>No credentials (what docker sends when none are stored: <c>{}</c>).</summary>
    public static readonly RegistryAuth None = new(null, null, null, null, null);

    public RegistryAuth(string? serverAddress, string? userName, string? password, string? identityToken = null, string? registryToken = null)
    {
        ServerAddress = Blank(serverAddress);
        UserName = Blank(userName);
        Password = Blank(password);
        IdentityToken = Blank(identityToken);
        RegistryToken = Blank(registryToken);
    }

    /// <summary>The key the credentials are stored under: <c>https://index.docker.io/v1/</c> for Docker Hub, else host[:port].</summary>
    public string? ServerAddress { get; }

    public string? UserName { get; }

    /// <summary>The password or access token (a secret).</summary>
    public string? Password { get; }

    /// <summary>A token the registry gave at login, used instead of the password (a secret).</summary>
    public string? IdentityToken { get; }

    /// <summary>A bearer token for the registry (a secret).</summary>
    public string? RegistryToken { get; }

    /// <summary>True when nothing would be sent.</summary>
    public bool IsEmpty => UserName is null && Password is null && IdentityToken is null && RegistryToken is null;

    /// <summary>True when a password is held (what docker warns about when it stores one unencrypted).</summary>
    public bool HasPassword => Password is not null;

    /// <summary>The same credentials under another key.</summary>
    public RegistryAuth WithServerAddress(string? serverAddress) => new(serverAddress, UserName, Password, IdentityToken, RegistryToken);

    /// <summary>The secrets held, for masking them out of any text.</summary>
    internal IEnumerable<string> Secrets
    {
        get
        {
            if (Password is not null) yield return Password;
            if (IdentityToken is not null) yield return IdentityToken;
            if (RegistryToken is not null) yield return RegistryToken;
            if (UserName is not null || Password is not null) yield return EncodeBasic(UserName, Password);
        }
    }

    internal AuthConfigDto ToDto() => new()
    {
        Username = UserName,
        Password = Password,
        ServerAddress = ServerAddress,
        IdentityToken = IdentityToken,
        RegistryToken = RegistryToken,
    };

    /// <summary>docker's <c>auth</c> field: base64 of <c>user:password</c>.</summary>
    internal static string EncodeBasic(string? userName, string? password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes((userName ?? string.Empty) + ":" + (password ?? string.Empty)));

    /// <summary>Names the registry and user and says which kind of secret is held, never the secret.</summary>
    public override string ToString()
    {
        var what = IdentityToken is not null ? "identity token" : Password is not null ? "password" : RegistryToken is not null ? "registry token" : "no secret";
        return (ServerAddress ?? "(no registry)") + " as " + (UserName ?? "(no user)") + " (" + what + ": " + (IsEmpty ? "none" : Secret.Mask) + ")";
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>Keeps secrets out of text that is shown, logged or put into errors.</summary>
public static class Secret
{
    /// <summary>What a secret is shown as.</summary>
    public const string Mask = "********";

    /// <summary><paramref name="text"/> with every occurrence of each secret replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text, IEnumerable<string?> secrets)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (secrets is null) return text;
        // Longest first, so that a secret containing another is masked whole.
        var list = new List<string>();
        foreach (var s in secrets)
            if (!string.IsNullOrEmpty(s)) list.Add(s!);
        list.Sort((a, b) => b.Length.CompareTo(a.Length));
        foreach (var s in list)
        {
            if (text.IndexOf(s, StringComparison.Ordinal) >= 0) text = text.Replace(s, Mask);
        }
        return text;
    }

    internal static string Redact(string text, RegistryAuth? auth) => auth is null ? text : Redact(text, auth.Secrets);
}
