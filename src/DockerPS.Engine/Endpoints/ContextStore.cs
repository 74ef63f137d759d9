using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Endpoints;

/// <summary>
/// Reads docker contexts as the docker CLI stores them: <c>$DOCKER_CONFIG/contexts/meta/&lt;sha256(name)&gt;/meta.json</c>
/// for the endpoint, and <c>contexts/tls/&lt;sha256(name)&gt;/docker/{ca,cert,key}.pem</c> for its TLS material.
/// </summary>
public sealed class ContextStore
{
    private readonly IDockerEnvironment _env;

    public ContextStore(IDockerEnvironment env) => _env = env;

    /// <summary><c>DOCKER_CONFIG</c>, else <c>~/.docker</c>.</summary>
    public string ConfigDirectory
    {
        get
        {
            var dir = _env.GetVariable("DOCKER_CONFIG");
            return string.IsNullOrEmpty(dir) ? Path.Combine(_env.HomeDirectory, ".docker") : dir!;
        }
    }

    public string ConfigFile => Path.Combine(ConfigDirectory, "config.json");

    public string MetaDirectory => Path.Combine(ConfigDirectory, "contexts", "meta");

    public static string Digest(string name)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(name));
        var sb = new StringBuilder(hash.Length * 2);
        foreach (var b in hash) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>The <c>currentContext</c> of config.json, or null when there is no such file or field.</summary>
    public string? CurrentContextName()
    {
        var config = ReadConfig();
        return string.IsNullOrWhiteSpace(config?.CurrentContext) ? null : config!.CurrentContext;
    }

    /// <summary>The <c>detachKeys</c> of config.json (the docker CLI's default detach sequence), or null.</summary>
    public string? DetachKeysSetting() => ReadConfig()?.DetachKeys;

    private DockerConfigFile? ReadConfig()
    {
        var file = ConfigFile;
        if (!_env.FileExists(file)) return null;
        try
        {
            return JsonSerializer.Deserialize(_env.ReadAllText(file), WireJsonContext.Default.DockerConfigFile);
        }
        catch (JsonException ex)
        {
            throw new DockerException($"The docker configuration file '{file}' is not valid JSON: {ex.Message}", "InvalidDockerConfig", DockerErrorCategory.InvalidData, file, ex);
        }
    }

    /// <summary>The names of all stored contexts, "default" first.</summary>
    public IReadOnlyList<string> ListNames()
    {
        var names = new List<string> { EndpointResolver.DefaultContextName };
        var dir = MetaDirectory;
        if (!Directory.Exists(dir)) return names;
        foreach (var sub in Directory.GetDirectories(dir))
        {
            var meta = Path.Combine(sub, "meta.json");
            if (!_env.FileExists(meta)) continue;
            try
            {
                var m = JsonSerializer.Deserialize(_env.ReadAllText(meta), WireJsonContext.Default.ContextMetadata);
                if (!string.IsNullOrEmpty(m?.Name)) names.Add(m!.Name!);
            }
            catch (JsonException)
            {
                // A broken context file is reported when that context is used, not while listing.
            }
        }
        names.Sort(1, names.Count - 1, StringComparer.Ordinal);
        return names;
    }

    public DockerEndpoint Load(string name, string source)
    {
        var digest = Digest(name);
        var metaFile = Path.Combine(MetaDirectory, digest, "meta.json");
        if (!_env.FileExists(metaFile))
            throw new DockerException($"The docker context '{name}' (from {source}) does not exist: there is no {metaFile}.", "ContextNotFound", DockerErrorCategory.ObjectNotFound, name);

        ContextMetadata? meta;
        try
        {
            meta = JsonSerializer.Deserialize(_env.ReadAllText(metaFile), WireJsonContext.Default.ContextMetadata);
        }
        catch (JsonException ex)
        {
            throw new DockerException($"The docker context '{name}' is damaged: {metaFile} is not valid JSON ({ex.Message}).", "InvalidContext", DockerErrorCategory.InvalidData, name, ex);
        }

        ContextEndpoint? docker = null;
        meta?.Endpoints?.TryGetValue("docker", out docker);
        if (docker is null || string.IsNullOrWhiteSpace(docker.Host))
            throw new DockerException($"The docker context '{name}' has no docker endpoint in {metaFile}.", "InvalidContext", DockerErrorCategory.InvalidData, name);

        var tlsDir = Path.Combine(ConfigDirectory, "contexts", "tls", digest, "docker");
        var ca = Path.Combine(tlsDir, "ca.pem");
        var cert = Path.Combine(tlsDir, "cert.pem");
        var key = Path.Combine(tlsDir, "key.pem");
        var hasCa = _env.FileExists(ca);
        var hasCert = _env.FileExists(cert) && _env.FileExists(key);
        TlsSettings? tls = null;
        if (docker.Host!.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) && (hasCa || hasCert || docker.SkipTlsVerify))
        {
            var verify = !docker.SkipTlsVerify;
            tls = new TlsSettings(verify, verify && hasCa ? ca : null, hasCert ? cert : null, hasCert ? key : null);
        }
        return DockerHostParser.Parse(docker.Host, tls, $"context '{name}'", name);
    }
}
