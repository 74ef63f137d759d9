using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Registry;

/// <summary>
/// The docker CLI's configuration file (<c>$DOCKER_CONFIG/config.json</c>) as far as credentials go: <c>auths</c>
/// (base64 <c>user:password</c> in <c>auth</c>, <c>identitytoken</c>, <c>registrytoken</c>), <c>credsStore</c> and
/// <c>credHelpers</c>. The whole document is kept as read, so saving changes only the entry touched and every other
/// field (known to docker or not) survives. Saving is atomic: a temporary file beside it, written, flushed and renamed
/// over it, with the old file's permissions, or 0600 for a new file, set before any secret is written.
/// </summary>
internal sealed class CliConfigFile
{
    private const string AuthsKey = "auths";
    private readonly JsonObject _root;

    private CliConfigFile(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    /// <summary>Reads the file; a missing or empty file is an empty configuration (as docker).</summary>
    public static CliConfigFile Load(string path)
    {
        string text;
        try
        {
            text = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DockerException($"The docker configuration file '{path}' cannot be read: {ex.Message}", "DockerConfigUnreadable", DockerErrorCategory.PermissionDenied, path, ex);
        }
        if (string.IsNullOrWhiteSpace(text)) return new CliConfigFile(path, new JsonObject());
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            // The parser's message gives a position, never the file's text.
            throw new DockerException($"The docker configuration file '{path}' is not valid JSON: {ex.Message}", "InvalidDockerConfig", DockerErrorCategory.InvalidData, path, ex);
        }
        if (node is not JsonObject root)
            throw new DockerException($"The docker configuration file '{path}' does not hold a JSON object.", "InvalidDockerConfig", DockerErrorCategory.InvalidData, path);
        return new CliConfigFile(path, root);
    }

    /// <summary>The default credential helper (<c>credsStore</c>), or null.</summary>
    public string? CredentialsStore => StringField(_root, "credsStore");

    /// <summary>Per-registry credential helpers (<c>credHelpers</c>).</summary>
    public IReadOnlyDictionary<string, string> CredentialHelpers
    {
        get
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (_root["credHelpers"] is JsonObject helpers)
            {
                foreach (var pair in helpers)
                    if (pair.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0) map[pair.Key] = s;
            }
            return map;
        }
    }

    /// <summary>The keys of <c>auths</c>, in the file's order.</summary>
    public IReadOnlyList<string> AuthKeys
    {
        get
        {
            var keys = new List<string>();
            if (_root[AuthsKey] is JsonObject auths)
                foreach (var pair in auths) keys.Add(pair.Key);
            return keys;
        }
    }

    public bool HasAuth(string key) => _root[AuthsKey] is JsonObject auths && auths.ContainsKey(key);

    /// <summary>
    /// The credentials stored under <paramref name="key"/>, else under a legacy key with the same host (docker's
    /// fileStore.Get: <c>https://reg:5000</c> for <c>reg:5000</c>); null when there are none.
    /// </summary>
    public RegistryAuth? FindAuth(string key)
    {
        if (_root[AuthsKey] is not JsonObject auths) return null;
        if (auths[key] is JsonObject exact) return Decode(key, exact);
        foreach (var pair in auths)
        {
            if (pair.Value is JsonObject entry && RegistryAddress.ConvertToHostname(pair.Key) == key) return Decode(pair.Key, entry);
        }
        return null;
    }

    /// <summary>Every entry of <c>auths</c>, decoded, keyed as in the file.</summary>
    public IReadOnlyList<KeyValuePair<string, RegistryAuth>> AllAuths()
    {
        var list = new List<KeyValuePair<string, RegistryAuth>>();
        if (_root[AuthsKey] is JsonObject auths)
        {
            foreach (var pair in auths)
                if (pair.Value is JsonObject entry) list.Add(new KeyValuePair<string, RegistryAuth>(pair.Key, Decode(pair.Key, entry)));
        }
        return list;
    }

    /// <summary>
    /// Sets the entry of <paramref name="key"/> as docker writes it: <c>auth</c> = base64(user:password) when either is
    /// set, <c>identitytoken</c>, <c>registrytoken</c>; plain username/password/serveraddress fields are not kept. Other
    /// fields of the entry (an old <c>email</c>) stay. Returns false when the entry already said exactly this.
    /// </summary>
    public bool SetAuth(string key, RegistryAuth auth)
    {
        var auths = _root[AuthsKey] as JsonObject;
        if (auths is null)
        {
            auths = new JsonObject();
            _root[AuthsKey] = auths;
        }
        var entry = auths[key] as JsonObject;
        var before = entry?.ToJsonString();
        if (entry is null)
        {
            entry = new JsonObject();
            auths[key] = entry;
        }
        foreach (var field in new[] { "username", "password", "serveraddress" }) entry.Remove(field);
        SetOrRemove(entry, "auth", auth.UserName is null && auth.Password is null ? null : RegistryAuth.EncodeBasic(auth.UserName, auth.Password));
        SetOrRemove(entry, "identitytoken", auth.IdentityToken);
        SetOrRemove(entry, "registrytoken", auth.RegistryToken);
        return before != entry.ToJsonString();
    }

    /// <summary>Removes the entry of <paramref name="key"/>; false when there was none.</summary>
    public bool RemoveAuth(string key) => _root[AuthsKey] is JsonObject auths && auths.Remove(key);

    /// <summary>Writes the document back, atomically, keeping the old file's permissions (0600 for a new one).</summary>
    public void Save()
    {
        var target = ResolveLinks(Path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target)) ?? ".";
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            HostFileSystem.SetMode(directory, 0x1C0); // 0700, as docker creates it
        }
        var existing = HostFileSystem.Lstat(target);
        var mode = existing is { IsDirectory: false, IsSymbolicLink: false } ? existing.Mode : 0x180; // 0600
        var temp = System.IO.Path.Combine(directory, System.IO.Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                // Restrict the file before a secret is in it; the old file's mode is applied after.
                HostFileSystem.SetMode(temp, 0x180);
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    _root.WriteTo(writer);
                }
                stream.Write(NewLine, 0, NewLine.Length);
                stream.Flush(flushToDisk: true);
            }
            HostFileSystem.SetMode(temp, mode);
            if (HostFileSystem.IsWindows && existing is not null) File.Replace(temp, target, null);
            else HostFileSystem.Replace(temp, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            HostFileSystem.DeleteQuietly(temp);
            throw new DockerException($"The docker configuration file '{target}' cannot be written: {ex.Message}", "DockerConfigUnwritable", DockerErrorCategory.PermissionDenied, target, ex);
        }
        catch
        {
            HostFileSystem.DeleteQuietly(temp);
            throw;
        }
    }

    private static readonly byte[] NewLine = Encoding.ASCII.GetBytes("\n");

    /// <summary>The file a symbolic link (or chain of them) leads to, dangling or not, as docker writes through it.</summary>
    private static string ResolveLinks(string path)
    {
        var current = path;
        for (var hops = 0; hops < 40; hops++)
        {
            var item = HostFileSystem.Lstat(current);
            if (item is null || !item.IsSymbolicLink || item.LinkTarget is null) return current;
            current = HostFileSystem.ResolveLink(current, item.LinkTarget);
        }
        return current;
    }

    private static RegistryAuth Decode(string key, JsonObject entry)
    {
        var user = StringField(entry, "username");
        var password = StringField(entry, "password");
        var encoded = StringField(entry, "auth");
        if (!string.IsNullOrEmpty(encoded))
        {
            // docker's decodeAuth: base64 of user:password, the password's NULs trimmed; a user is required.
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded!));
            }
            catch (FormatException ex)
            {
                throw new DockerException($"The credentials stored for '{key}' in the docker configuration file are damaged: their auth value is not base64.", "InvalidDockerConfig", DockerErrorCategory.InvalidData, key, ex);
            }
            var colon = decoded.IndexOf(':');
            if (colon <= 0)
                throw new DockerException($"The credentials stored for '{key}' in the docker configuration file are damaged: their auth value is not user:password.", "InvalidDockerConfig", DockerErrorCategory.InvalidData, key);
            user = decoded.Substring(0, colon);
            password = decoded.Substring(colon + 1).Trim('\0');
        }
        return new RegistryAuth(key, user, password, StringField(entry, "identitytoken"), StringField(entry, "registrytoken"));
    }

    private static string? StringField(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static void SetOrRemove(JsonObject obj, string name, string? value)
    {
        if (value is null) obj.Remove(name);
        else obj[name] = value;
    }
}
