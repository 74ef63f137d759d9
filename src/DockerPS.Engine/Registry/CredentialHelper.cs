using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Registry;

/// <summary>
/// A docker credential helper, <c>docker-credential-&lt;name&gt;</c> on PATH, spoken to as the docker CLI does
/// (docker-credential-helpers' client): the action is the only argument; <c>get</c> and <c>erase</c> read the server
/// URL on stdin, <c>store</c> reads <c>{"ServerURL","Username","Secret"}</c>, <c>list</c> reads nothing useful and
/// writes a URL → user map. A failing helper writes its error on stdout and exits non-zero; "credentials not found
/// in native keychain" from <c>get</c> means none are stored. An identity token is stored with the user name
/// <c>&lt;token&gt;</c>. Secrets never reach an error message: the helper's output is masked before it is quoted.
/// </summary>
internal sealed class CredentialHelper
{
    public const string Prefix = "docker-credential-";
    public const string TokenUserName = "<token>";
    public const string NotFoundMessage = "credentials not found in native keychain";

    private readonly IDockerEnvironment _env;

    public CredentialHelper(string suffix, IDockerEnvironment env)
    {
        Suffix = suffix;
        _env = env;
    }

    /// <summary>The name in config.json (<c>desktop</c>, <c>pass</c>, <c>wincred</c>...).</summary>
    public string Suffix { get; }

    public string Program => Prefix + Suffix;

    /// <summary>The stored credentials, or null when the helper has none for <paramref name="serverUrl"/>.</summary>
    public async Task<RegistryAuth?> GetAsync(string serverUrl, CancellationToken cancellationToken)
    {
        var result = await RunAsync("get", serverUrl, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            if (result.Output.Trim() == NotFoundMessage) return null;
            throw Failure("get", "getting", serverUrl, result, null);
        }
        HelperCredentialsDto? creds;
        try
        {
            creds = JsonSerializer.Deserialize(result.Output, RegistryJsonContext.Default.HelperCredentialsDto);
        }
        catch (JsonException ex)
        {
            // The output holds a secret: say where the JSON broke, never what it said.
            throw new DockerException($"The credential helper {Program} answered 'get' for '{serverUrl}' with something that is not the JSON credentials object (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}).",
                "CredentialHelperFailed", DockerErrorCategory.InvalidResult, serverUrl);
        }
        if (creds is null) return null;
        return creds.Username == TokenUserName
            ? new RegistryAuth(serverUrl, null, null, identityToken: creds.Secret)
            : new RegistryAuth(serverUrl, creds.Username, creds.Secret);
    }

    public async Task StoreAsync(RegistryAuth auth, CancellationToken cancellationToken)
    {
        var dto = auth.IdentityToken is not null
            ? new HelperCredentialsDto { ServerURL = auth.ServerAddress, Username = TokenUserName, Secret = auth.IdentityToken }
            : new HelperCredentialsDto { ServerURL = auth.ServerAddress, Username = auth.UserName, Secret = auth.Password };
        var input = JsonSerializer.Serialize(dto, RegistryJsonContext.Default.HelperCredentialsDto) + "\n";
        var result = await RunAsync("store", input, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0) throw Failure("store", "storing", auth.ServerAddress ?? string.Empty, result, auth);
    }

    public async Task EraseAsync(string serverUrl, CancellationToken cancellationToken)
    {
        var result = await RunAsync("erase", serverUrl, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0) throw Failure("erase", "erasing", serverUrl, result, null);
    }

    /// <summary>The server URLs the helper holds credentials for, with their user names.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync("list", "unused", cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0) throw Failure("list", "listing", string.Empty, result, null);
        try
        {
            return JsonSerializer.Deserialize(result.Output, RegistryJsonContext.Default.DictionaryStringString)
                ?? new Dictionary<string, string>();
        }
        catch (JsonException ex)
        {
            throw new DockerException($"The credential helper {Program} answered 'list' with something that is not a JSON object: {ex.Message}",
                "CredentialHelperFailed", DockerErrorCategory.InvalidResult, Program);
        }
    }

    private DockerException Failure(string action, string verb, string serverUrl, HelperResult result, RegistryAuth? auth)
    {
        var output = Secret.Redact(result.Output.Trim(), auth);
        if (output.Length > 500) output = output.Substring(0, 500) + "…";
        var about = serverUrl.Length > 0 ? $" for '{serverUrl}'" : string.Empty;
        var category = output == "no credentials server URL" || output == "no credentials username" ? DockerErrorCategory.InvalidArgument : DockerErrorCategory.InvalidOperation;
        return new DockerException($"error {verb} credentials{about} with {Program} ({action}) - exit code {result.ExitCode}, out: `{output}`",
            "CredentialHelperFailed", category, serverUrl.Length > 0 ? serverUrl : Program);
    }

    private sealed class HelperResult
    {
        public HelperResult(int exitCode, string output)
        {
            ExitCode = exitCode;
            Output = output;
        }

        public int ExitCode { get; }

        public string Output { get; }
    }

    private async Task<HelperResult> RunAsync(string action, string input, CancellationToken cancellationToken)
    {
        var path = ExecutableSearch.Find(Program, _env)
            ?? throw new DockerException($"The credential helper {Program} (credsStore or credHelpers '{Suffix}' in the docker configuration file) is not on PATH.",
                "CredentialHelperNotFound", DockerErrorCategory.ObjectNotFound, Program);
        var info = ExecutableSearch.StartInfo(path, action, _env);
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.CreateNoWindow = true;
        info.StandardOutputEncoding = Encoding.UTF8;
        if (_env.GetVariable("PATH") is { } envPath) info.Environment["PATH"] = envPath;

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new DockerException($"The credential helper {path} cannot be started: {ex.Message}", "CredentialHelperNotFound", DockerErrorCategory.ResourceUnavailable, Program, ex);
        }
        using var kill = cancellationToken.Register(static p =>
        {
            try
            {
                ((Process)p!).Kill();
            }
            catch (InvalidOperationException)
            {
                // Already ended.
            }
            catch (Win32Exception)
            {
                // Ending anyway.
            }
        }, process);

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var bytes = new UTF8Encoding(false).GetBytes(input);
            await process.StandardInput.BaseStream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The helper ended without reading its input; its exit code and output say why.
        }
        var output = await stdout.ConfigureAwait(false);
        await stderr.ConfigureAwait(false);
        await Task.Run(() => process.WaitForExit(), CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new HelperResult(process.ExitCode, output);
    }
}

/// <summary>Finds a program on PATH as docker's exec.LookPath does (PATHEXT on Windows).</summary>
internal static class ExecutableSearch
{
    private static readonly char[] ListSeparator = { ';' };

    public static string? Find(string name, IDockerEnvironment env)
    {
        var path = env.GetVariable("PATH") ?? string.Empty;
        var extensions = env.IsWindows
            ? (env.GetVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries)
            : new[] { string.Empty };
        foreach (var dir in path.Split(System.IO.Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            foreach (var ext in extensions)
            {
                var candidate = System.IO.Path.Combine(dir, name + ext.ToLowerInvariant());
                if (File.Exists(candidate)) return candidate;
                if (env.IsWindows)
                {
                    candidate = System.IO.Path.Combine(dir, name + ext);
                    if (File.Exists(candidate)) return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>How to start it: directly, or through cmd.exe for a .bat or .cmd script on Windows.</summary>
    public static ProcessStartInfo StartInfo(string path, string argument, IDockerEnvironment env)
    {
        var ext = System.IO.Path.GetExtension(path);
        if (env.IsWindows && (ext.Equals(".bat", StringComparison.OrdinalIgnoreCase) || ext.Equals(".cmd", StringComparison.OrdinalIgnoreCase)))
            return new ProcessStartInfo(env.GetVariable("ComSpec") ?? "cmd.exe", "/d /c \"\"" + path + "\" " + argument + "\"");
        return new ProcessStartInfo(path, argument);
    }
}
