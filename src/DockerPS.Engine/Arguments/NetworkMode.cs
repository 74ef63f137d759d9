using System;
using System.Text.RegularExpressions;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>What a <c>-Network</c> value connects the container to.</summary>
public enum NetworkModeKind
{
    /// <summary><c>default</c>: the engine's default network (bridge on Linux, nat on Windows).</summary>
    Default,
    Bridge,
    Host,
    None,

    /// <summary><c>container:&lt;name|id&gt;</c>: share another container's network stack.</summary>
    Container,

    /// <summary>A network created with <c>docker network create</c>, by name or id.</summary>
    UserDefined,
}

/// <summary>
/// <c>-Network</c> as <c>docker run --network</c> takes a single name: <c>host</c>, <c>bridge</c>, <c>none</c>,
/// <c>default</c>, <c>container:&lt;name|id&gt;</c>, or the name or id of a network (the engine's only rule for a
/// network name is that it is not blank; names are case-sensitive, so <c>Host</c> is a network named Host).
/// </summary>
public sealed class NetworkMode
{
    private const string What = "network";
    private const string Expected = "host, bridge, none, default, container:<name|id> or the name of a network; for example host or my-net";

    // docker/cli NetworkOpt.Set reads any value holding this as its long name=...,alias=... form.
    private static readonly Regex LongSyntax = new(@"\w+=\w+(,\w+=\w+)*", RegexOptions.CultureInvariant);

    private NetworkMode(string value, NetworkModeKind kind, string? container)
    {
        Value = value;
        Kind = kind;
        Container = container;
    }

    /// <summary>The engine's <c>HostConfig.NetworkMode</c>.</summary>
    public string Value { get; }

    public NetworkModeKind Kind { get; }

    /// <summary>For <see cref="NetworkModeKind.Container"/>, the container's name or id.</summary>
    public string? Container { get; }

    public override string ToString() => Value;

    /// <summary>Returns the value unchanged when valid. Throws <see cref="DockerArgumentException"/> (InvalidNetwork).</summary>
    public static string Validate(string value) => Parse(value).Value;

    /// <summary>Throws <see cref="DockerArgumentException"/> (InvalidNetwork).</summary>
    public static NetworkMode Parse(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        DockerArgumentException Fail(string reason) => ArgumentFailure.Create("InvalidNetwork", What, value, reason, Expected);

        if (value.Trim().Length == 0) throw Fail("it is empty");
        if (value.Trim() != value) throw Fail("it has spaces around it");
        if (LongSyntax.IsMatch(value)) throw Fail("the long name=...,alias=... form is not taken here; give the network's name");

        switch (value)
        {
            case "default": return new NetworkMode(value, NetworkModeKind.Default, null);
            case "bridge": return new NetworkMode(value, NetworkModeKind.Bridge, null);
            case "host": return new NetworkMode(value, NetworkModeKind.Host, null);
            case "none": return new NetworkMode(value, NetworkModeKind.None, null);
        }
        if (value.StartsWith("container:", StringComparison.Ordinal))
        {
            var container = value.Substring("container:".Length);
            if (container.Length == 0) throw Fail("the container's name or id after 'container:' is missing");
            foreach (var c in container)
                if (char.IsWhiteSpace(c)) throw Fail($"'{container}' is not a container name or id");
            return new NetworkMode(value, NetworkModeKind.Container, container);
        }
        return new NetworkMode(value, NetworkModeKind.UserDefined, null);
    }
}
