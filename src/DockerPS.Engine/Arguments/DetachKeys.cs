using System;
using System.Collections.Generic;
using DockerPS.Engine.Endpoints;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// The key sequence that leaves an interactive session without ending it, in docker's <c>--detach-keys</c> syntax:
/// comma-separated keys, each one ASCII character (<c>x</c>), <c>ctrl-a</c> to <c>ctrl-z</c>, <c>ctrl-@</c>,
/// <c>ctrl-[</c>, <c>ctrl-\</c>, <c>ctrl-]</c>, <c>ctrl-^</c>, <c>ctrl-_</c>, or <c>DEL</c>; names are case-sensitive,
/// as docker's are (moby/term <c>ToBytes</c>). The default is ctrl-p,ctrl-q.
/// </summary>
public sealed class DetachKeys
{
    private const string What = "detach key sequence";
    private const string Expected = "keys separated by commas, each one ASCII character, ctrl-a to ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^, ctrl-_ or DEL; for example ctrl-p,ctrl-q or ctrl-x,x";

    private readonly byte[] _bytes;

    private DetachKeys(string text, byte[] bytes, bool isDefault)
    {
        Text = text;
        _bytes = bytes;
        IsDefault = isDefault;
    }

    /// <summary>ctrl-p,ctrl-q: what docker and the engine use when no sequence is given.</summary>
    public static DetachKeys Default { get; } = new("ctrl-p,ctrl-q", new byte[] { 16, 17 }, isDefault: true);

    /// <summary>The sequence as written; what is sent to the engine (nothing is sent for the default).</summary>
    public string Text { get; }

    /// <summary>True for the default sequence when none was given: the engine is told nothing, as docker tells it nothing.</summary>
    public bool IsDefault { get; }

    /// <summary>The bytes the keys send.</summary>
    public IReadOnlyList<byte> Bytes => _bytes;

    public override string ToString() => Text;

    /// <summary>Throws <see cref="Errors.DockerArgumentException"/> (InvalidDetachKeys) naming the key docker would not know.</summary>
    public static DetachKeys Parse(string value) => Parse(value, null);

    private static DetachKeys Parse(string value, string? source)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var what = source is null ? What : $"{What} ({source})";
        if (value.Length == 0) throw ArgumentFailure.Create("InvalidDetachKeys", what, value, "it is empty", Expected);
        var keys = value.Split(',');
        var bytes = new byte[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            if (key.Length == 1 && key[0] < 0x80)
            {
                bytes[i] = (byte)key[0];
            }
            else if (CtrlCode(key) is { } code)
            {
                bytes[i] = code;
            }
            else if (key == "DEL")
            {
                bytes[i] = 127;
            }
            else
            {
                var reason = key.Length == 0 ? "a key between commas is empty"
                    : key.Length == 1 ? $"'{key}' is not an ASCII character"
                    : $"'{key}' is not a key docker knows (names are case-sensitive)";
                throw ArgumentFailure.Create("InvalidDetachKeys", what, value, reason, Expected);
            }
        }
        return new DetachKeys(value, bytes, isDefault: false);
    }

    /// <summary>
    /// The sequence to use, chosen as the docker CLI chooses it: the one given, else <c>detachKeys</c> from the docker
    /// configuration file (<c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>), else ctrl-p,ctrl-q.
    /// A malformed one is refused naming where it came from.
    /// </summary>
    public static DetachKeys Resolve(string? given, IDockerEnvironment? environment = null)
    {
        if (given is not null) return Parse(given);
        var store = new ContextStore(environment ?? ProcessDockerEnvironment.Instance);
        var configured = store.DetachKeysSetting();
        return string.IsNullOrEmpty(configured) ? Default : Parse(configured!, "detachKeys in " + store.ConfigFile);
    }

    // ctrl-@ is 0, ctrl-a to ctrl-z are 1 to 26, then ctrl-[ ctrl-\ ctrl-] ctrl-^ ctrl-_ are 27 to 31.
    private static byte? CtrlCode(string key)
    {
        if (key.Length != 6 || !key.StartsWith("ctrl-", StringComparison.Ordinal)) return null;
        var c = key[5];
        if (c >= 'a' && c <= 'z') return (byte)(c - 'a' + 1);
        var index = "@[\\]^_".IndexOf(c);
        return index switch
        {
            < 0 => null,
            0 => 0,
            _ => (byte)(26 + index),
        };
    }
}
