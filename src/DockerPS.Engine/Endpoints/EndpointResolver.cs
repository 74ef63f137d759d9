using System;
using System.IO;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Endpoints;

/// <summary>
/// Chooses the engine the way the docker CLI does: an explicit endpoint (<c>-DockerHost</c>) or context
/// (<c>-Context</c>), then <c>DOCKER_HOST</c>, then <c>DOCKER_CONTEXT</c>, then <c>currentContext</c> in
/// <c>$DOCKER_CONFIG/config.json</c>, then the platform default. TLS for tcp endpoints comes from
/// <c>DOCKER_TLS_VERIFY</c>, <c>DOCKER_TLS</c> and <c>DOCKER_CERT_PATH</c> with the docker CLI's meaning:
/// any non-empty <c>DOCKER_TLS_VERIFY</c> turns TLS on and verifies the server; <c>DOCKER_TLS</c> alone turns TLS on
/// without verifying; <c>DOCKER_CERT_PATH</c> alone changes where certificates are read from, not whether TLS is used.
/// </summary>
public sealed class EndpointResolver
{
    public const string DefaultContextName = "default";

    private readonly IDockerEnvironment _env;

    public EndpointResolver(IDockerEnvironment? environment = null)
    {
        _env = environment ?? ProcessDockerEnvironment.Instance;
        Contexts = new ContextStore(_env);
    }

    public ContextStore Contexts { get; }

    public DockerEndpoint Resolve(string? dockerHost = null, string? context = null)
    {
        var hasHost = !string.IsNullOrWhiteSpace(dockerHost);
        var hasContext = !string.IsNullOrWhiteSpace(context);
        if (hasHost && hasContext)
            throw new DockerArgumentException(
                $"Give either -DockerHost ('{dockerHost}') or -Context ('{context}'), not both.", "ConflictingEndpointOptions", dockerHost);
        if (hasHost) return DockerHostParser.Parse(dockerHost!, TlsFromEnvironment(), "-DockerHost");
        if (hasContext) return FromContext(context!.Trim(), "-Context");

        var envHost = _env.GetVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(envHost)) return DockerHostParser.Parse(envHost!, TlsFromEnvironment(), "DOCKER_HOST");

        var envContext = _env.GetVariable("DOCKER_CONTEXT");
        if (!string.IsNullOrWhiteSpace(envContext)) return FromContext(envContext!.Trim(), "DOCKER_CONTEXT");

        var current = Contexts.CurrentContextName();
        if (!string.IsNullOrWhiteSpace(current)) return FromContext(current!, "currentContext in " + Contexts.ConfigFile);

        return DockerHostParser.Default(_env.IsWindows);
    }

    private DockerEndpoint FromContext(string name, string source)
    {
        if (string.Equals(name, DefaultContextName, StringComparison.Ordinal))
        {
            // The default context is whatever DOCKER_HOST and the TLS variables say, else the platform default.
            var envHost = _env.GetVariable("DOCKER_HOST");
            return !string.IsNullOrWhiteSpace(envHost)
                ? DockerHostParser.Parse(envHost!, TlsFromEnvironment(), "DOCKER_HOST", DefaultContextName)
                : DockerHostParser.Default(_env.IsWindows);
        }
        return Contexts.Load(name, source);
    }

    /// <summary>The TLS settings the environment asks for, or null for plain tcp.</summary>
    public TlsSettings? TlsFromEnvironment()
    {
        var verify = !string.IsNullOrEmpty(_env.GetVariable("DOCKER_TLS_VERIFY"));
        var tls = verify || !string.IsNullOrEmpty(_env.GetVariable("DOCKER_TLS"));
        if (!tls) return null;

        var certPath = _env.GetVariable("DOCKER_CERT_PATH");
        if (string.IsNullOrEmpty(certPath)) certPath = Contexts.ConfigDirectory;
        var ca = Path.Combine(certPath, "ca.pem");
        var cert = Path.Combine(certPath, "cert.pem");
        var key = Path.Combine(certPath, "key.pem");
        // As the docker CLI: the client certificate and key are used when present, and silently left out when not.
        return new TlsSettings(
            verify,
            verify ? ca : null,
            _env.FileExists(cert) ? cert : null,
            _env.FileExists(key) ? key : null);
    }
}
