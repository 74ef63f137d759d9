using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using DockerPS.Engine.Registry;

namespace DockerPS.Engine.Tests.Support;

/// <summary>
/// A temporary docker configuration folder (DOCKER_CONFIG) for one test, never the real one, with a PATH that
/// finds the test's credential helpers first. Removed when disposed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DockerConfigScope : IDisposable
{
    private readonly TempDirectory _dir = new();

    public DockerConfigScope(Dictionary<string, string?>? extraVariables = null)
    {
        ConfigDirectory = Path.Combine(_dir.Path, "docker-config");
        BinDirectory = Path.Combine(_dir.Path, "bin");
        Directory.CreateDirectory(BinDirectory);
        var vars = new Dictionary<string, string?>
        {
            ["DOCKER_CONFIG"] = ConfigDirectory,
            ["PATH"] = BinDirectory + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
        };
        if (extraVariables is not null)
            foreach (var pair in extraVariables) vars[pair.Key] = pair.Value;
        Environment = new FakeEnvironment(vars);
        Store = new DockerCredentialStore(Environment);
    }

    public string ConfigDirectory { get; }

    public string ConfigPath => Path.Combine(ConfigDirectory, "config.json");

    public string BinDirectory { get; }

    /// <summary>Where the test helper keeps its credentials and its log of calls.</summary>
    public string HelperData => Path.Combine(BinDirectory, "helper-data");

    public FakeEnvironment Environment { get; }

    public DockerCredentialStore Store { get; }

    public void WriteConfig(string json)
    {
        Directory.CreateDirectory(ConfigDirectory);
        File.WriteAllText(ConfigPath, json);
    }

    public JsonObject ReadConfig() => (JsonObject)JsonNode.Parse(File.ReadAllText(ConfigPath))!;

    public JsonObject? ReadConfigOrNull() => File.Exists(ConfigPath) ? ReadConfig() : null;

    public string ConfigText => File.Exists(ConfigPath) ? File.ReadAllText(ConfigPath) : string.Empty;

    /// <summary>Installs docker-credential-&lt;name&gt; (the protocol-speaking test helper, unless another script is given).</summary>
    public string InstallHelper(string name, string? script = null)
    {
        var path = Path.Combine(BinDirectory, "docker-credential-" + name);
        File.WriteAllText(path, script ?? TestCredentialHelper.Script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>The actions the test helper was asked to do, one "action serverURL" line each (never a secret).</summary>
    public IReadOnlyList<string> HelperCalls =>
        File.Exists(Path.Combine(HelperData, "calls.log")) ? File.ReadAllLines(Path.Combine(HelperData, "calls.log")) : Array.Empty<string>();

    /// <summary>What the test helper holds for a server URL (its stored JSON), or null.</summary>
    public JsonObject? HelperEntry(string serverUrl)
    {
        var file = Path.Combine(HelperData, "store", TestCredentialHelper.FileName(serverUrl));
        return File.Exists(file) ? (JsonObject)JsonNode.Parse(File.ReadAllText(file))! : null;
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// A credential helper for tests, speaking docker-credential-helpers' protocol exactly (get/store/erase/list on the
/// first argument, input on stdin, errors on stdout with a non-zero exit, "credentials not found in native
/// keychain"). It keeps one JSON file per server URL beside itself and logs each call's action and URL.
/// </summary>
public static class TestCredentialHelper
{
    public const string Script = """
        #!/usr/bin/env bash
        # docker-credential-<test>: a docker credential helper for DockerPS's tests (docker-credential-helpers' protocol).
        set -u
        here=$(cd "$(dirname "$0")" && pwd)
        data="$here/helper-data"
        mkdir -p "$data/store"
        key() { printf '%s' "$1" | sha256sum | cut -c1-32; }
        input=$(cat)
        case "${1:-}" in
          store)
            url=$(printf '%s' "$input" | jq -r '.ServerURL // empty')
            user=$(printf '%s' "$input" | jq -r '.Username // empty')
            if [ -z "$url" ]; then echo "no credentials server URL"; exit 1; fi
            if [ -z "$user" ]; then echo "no credentials username"; exit 1; fi
            echo "store $url" >>"$data/calls.log"
            printf '%s' "$input" >"$data/store/$(key "$url")"
            ;;
          get)
            echo "get $input" >>"$data/calls.log"
            f="$data/store/$(key "$input")"
            if [ ! -f "$f" ]; then echo "credentials not found in native keychain"; exit 1; fi
            jq -c '{ServerURL: .ServerURL, Username: .Username, Secret: .Secret}' "$f"
            ;;
          erase)
            echo "erase $input" >>"$data/calls.log"
            rm -f "$data/store/$(key "$input")"
            ;;
          list)
            echo "list" >>"$data/calls.log"
            if ls "$data/store/"* >/dev/null 2>&1; then
              jq -s -c 'map({(.ServerURL): .Username}) | add' "$data/store/"*
            else
              echo '{}'
            fi
            ;;
          *)
            echo "unknown action: ${1:-}"; exit 1
            ;;
        esac
        """;

    /// <summary>A helper that fails every call and echoes what it was given (as a careless helper might).</summary>
    public const string EchoingFailure = """
        #!/usr/bin/env bash
        input=$(cat)
        echo "cannot $1: $input"
        exit 3
        """;

    public static string FileName(string serverUrl) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(serverUrl))).ToLowerInvariant()[..32];
}
