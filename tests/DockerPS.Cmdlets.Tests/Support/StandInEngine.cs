using System;
using System.Collections.Generic;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Support;

/// <summary>
/// An engine that answers from a table, for the moments a real engine cannot be held in: an object its list still
/// has and the next call no longer finds. Requests are looked up by method and path, with the API version and query
/// left off and escapes undone (<c>GET /images/sha256:abc/json</c>); <c>/_ping</c> answers as API 1.41, and anything
/// the table lacks is a 500 that says so.
/// </summary>
public sealed class StandInEngine : IDisposable
{
    private readonly FaultServer _server;

    public StandInEngine(IReadOnlyDictionary<string, string> answers)
    {
        _server = new FaultServer(async c =>
        {
            while (await c.ReadRequestAsync() is { } line) await c.WriteAsync(Answer(answers, line));
        });
    }

    /// <summary>The endpoint to give -DockerHost.</summary>
    public string Endpoint => "tcp://127.0.0.1:" + _server.Port;

    /// <summary>A session with the module imported and every DockerPS cmdlet pinned to this engine.</summary>
    public PowerShellSession Open()
    {
        var shell = PowerShellSession.Open(ModuleFolder.Path);
        shell.Run("$PSDefaultParameterValues['*-Docker*:DockerHost'] = $dockerHost", ("dockerHost", Endpoint)).ThrowIfFailed();
        return shell;
    }

    /// <summary>A 200 answer with this JSON body.</summary>
    public static string Ok(string json) => FaultServer.Conn.Json(200, json);

    /// <summary>The engine's 404, with its message.</summary>
    public static string NotFound(string message) => FaultServer.Conn.Json(404, $"{{\"message\":\"{message}\"}}", "Not Found");

    private static string Answer(IReadOnlyDictionary<string, string> answers, string requestLine)
    {
        var parts = requestLine.Split(' ');
        var path = Uri.UnescapeDataString(parts[1].Split('?')[0]);
        if (path == "/_ping") return "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK";
        const string Versioned = "/v1.41";
        if (path.StartsWith(Versioned, StringComparison.Ordinal)) path = path.Substring(Versioned.Length);
        return answers.TryGetValue(parts[0] + " " + path, out var answer)
            ? answer
            : FaultServer.Conn.Json(500, "{\"message\":\"the stand-in engine has no answer for " + parts[0] + " " + path + "\"}", "Internal Server Error");
    }

    public void Dispose() => _server.Dispose();
}
