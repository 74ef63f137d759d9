using System;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Registry;

/// <summary>
/// A registry refused the credentials, or asked for some and none were stored: at login (RegistryLoginFailed), or
/// during a pull or push, whether the engine said so in its answer or inside the progress stream
/// (RegistryAuthenticationRequired). The message is the engine's, with what to do; never a secret.
/// </summary>
public sealed class RegistryAuthenticationException : DockerException
{
    public RegistryAuthenticationException(string message, string errorId, string registry, string engineMessage, object? target, Exception? innerException = null)
        : base(message, errorId, DockerErrorCategory.AuthenticationError, target, innerException)
    {
        Registry = registry;
        EngineMessage = engineMessage;
    }

    /// <summary>The registry's credential key (host[:port], or Docker Hub's URL).</summary>
    public string Registry { get; }

    /// <summary>What the engine or registry said.</summary>
    public string EngineMessage { get; }
}

/// <summary>Tells a registry's refusal of credentials from other failures, by the engine's status and words.</summary>
internal static class RegistryErrors
{
    // What the engine (and the registry behind it) say when credentials are missing or refused. A 404 is never taken
    // for one: Docker Hub answers "pull access denied ... may require 'docker login'" for repositories that do not
    // exist, and that stays an ObjectNotFound error.
    private static readonly string[] AuthenticationWords =
    {
        "no basic auth credentials",
        "unauthorized",
        "authentication required",
        "401 unauthorized",
        "incorrect username or password",
        "requested access to the resource is denied",
        "insufficient_scope",
    };

    public static bool IsAuthenticationFailure(DockerException ex)
    {
        if (ex is RegistryAuthenticationException) return true;
        if (ex is DockerAuthenticationException) return true;
        if (ex is DockerNotFoundException) return false;
        if (ex is not (DockerApiException or DockerStreamException)) return false;
        var message = ex.Message;
        foreach (var words in AuthenticationWords)
            if (message.IndexOf(words, StringComparison.OrdinalIgnoreCase) >= 0) return true;
        return false;
    }

    /// <summary>
    /// The failure of a pull or push as a <see cref="RegistryAuthenticationException"/> when it is about credentials,
    /// else unchanged. <paramref name="auth"/> says whether credentials were sent (and is masked out of the text).
    /// </summary>
    public static DockerException ForTransfer(DockerException ex, string registryKey, RegistryAuth auth, object? target)
    {
        if (ex is RegistryAuthenticationException || !IsAuthenticationFailure(ex)) return ex;
        var engine = Secret.Redact(ex.Message, auth);
        var host = registryKey == RegistryAddress.DockerHubKey ? "Docker Hub" : registryKey;
        var advice = auth.IsEmpty
            ? $"no credentials are stored for {host}; log in first (Connect-DockerRegistry{LoginArgument(registryKey)}, or docker login)"
            : $"the credentials stored for {host}{(auth.UserName is null ? string.Empty : " (user " + auth.UserName + ")")} were refused; log in again (Connect-DockerRegistry{LoginArgument(registryKey)})";
        return new RegistryAuthenticationException($"{engine}: {advice}.", "RegistryAuthenticationRequired", registryKey, engine, target, ex);
    }

    /// <summary>A refused POST /auth: the engine answers 401, or 500 with the registry's "401 Unauthorized".</summary>
    public static DockerException ForLogin(DockerException ex, string registryKey, RegistryAuth auth)
    {
        if (!IsAuthenticationFailure(ex)) return ex;
        var engine = Secret.Redact(ex.Message, auth);
        var host = registryKey == RegistryAddress.DockerHubKey ? "Docker Hub" : registryKey;
        return new RegistryAuthenticationException($"Login to {host} as {auth.UserName ?? "(no user)"} failed: {engine}. Nothing was stored.",
            "RegistryLoginFailed", registryKey, engine, registryKey, ex);
    }

    private static string LoginArgument(string key) => key == RegistryAddress.DockerHubKey ? string.Empty : " " + key;
}
