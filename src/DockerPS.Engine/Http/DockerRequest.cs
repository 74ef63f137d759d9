using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DockerPS.Engine.Http;

/// <summary>One engine call: method, path under the API version, query, headers, body, and what it is about (for errors).</summary>
public sealed class DockerRequest
{
    private readonly StringBuilder _query = new();
    private readonly List<KeyValuePair<string, string>> _headers = new();

    public DockerRequest(string method, string path)
    {
        Method = method;
        Path = path;
    }

    public string Method { get; }

    /// <summary>The path after the version prefix, for example <c>/containers/json</c>.</summary>
    public string Path { get; }

    /// <summary>False for the unversioned paths (<c>/_ping</c>).</summary>
    public bool Versioned { get; set; } = true;

    public RequestBody? Body { get; set; }

    /// <summary>Ask the engine to upgrade the connection to a raw stream (attach, exec start).</summary>
    public bool Upgrade { get; set; }

    /// <summary>True for calls whose body is a stream read as it comes: no overall timeout applies.</summary>
    public bool Streaming { get; set; }

    /// <summary>
    /// A bulk transfer whose caller copies the request or response body with blocking reads and writes on a thread of
    /// its own (image archives to and from files). Where the transport allows it (<see cref="Transport.IBlockingConnector"/>),
    /// the call gets a fresh connection that stays in blocking mode: its request is written and its head read with
    /// blocking calls too: about half the client CPU of asynchronous calls on a docker save (docs/benchmarks.md).
    /// Elsewhere the flag changes nothing.
    /// </summary>
    public bool Blocking { get; set; }

    /// <summary>What the call is about, for error ids: Container, Image, Network, Volume, Exec, Engine.</summary>
    public string ResourceKind { get; set; } = "Engine";

    /// <summary>What the user named, carried into errors.</summary>
    public object? Target { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    public string QueryString => _query.ToString();

    public DockerRequest Query(string name, string? value)
    {
        if (value is null) return this;
        _query.Append(_query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public DockerRequest Query(string name, bool value, bool onlyWhenTrue = true) =>
        value || !onlyWhenTrue ? Query(name, value ? "1" : "0") : this;

    public DockerRequest Query(string name, long? value) =>
        value is null ? this : Query(name, value.Value.ToString(CultureInfo.InvariantCulture));

    public DockerRequest Header(string name, string value)
    {
        _headers.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    public override string ToString() => Method + " " + Path + QueryString;
}
