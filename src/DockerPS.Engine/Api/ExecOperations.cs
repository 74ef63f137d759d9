using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Api;

/// <summary>Exec calls: run a process inside a running container.</summary>
public sealed class ExecOperations
{
    private readonly DockerClient _client;

    internal ExecOperations(DockerClient client) => _client = client;

    /// <summary>POST /containers/{id}/exec; returns the exec id.</summary>
    public async Task<string> CreateAsync(string container, IReadOnlyList<string> command, bool attachStdin, bool tty, CancellationToken cancellationToken = default) =>
        await CreateAsync(container, command, attachStdin, tty, null, cancellationToken).ConfigureAwait(false);

    /// <summary>POST /containers/{id}/exec with user, working directory, environment and privileges; returns the exec id.</summary>
    public async Task<string> CreateAsync(string container, IReadOnlyList<string> command, bool attachStdin, bool tty, ExecOptions? options, CancellationToken cancellationToken = default)
    {
        if (command is null || command.Count == 0)
            throw new DockerArgumentException("docker exec needs a command to run.", "InvalidExecCommand", container);
        var body = new ExecCreateDto
        {
            Cmd = command.ToList(),
            AttachStdin = attachStdin,
            AttachStdout = true,
            AttachStderr = true,
            Tty = tty,
            User = options?.User,
            WorkingDir = options?.WorkingDirectory,
            Env = options?.Environment?.ToList(),
            Privileged = options?.Privileged ?? false,
            DetachKeys = options?.DetachKeys,
            ConsoleSize = await ConsoleSizeAsync(options?.ConsoleSize, cancellationToken).ConfigureAwait(false),
        };
        var request = new DockerRequest("POST", "/containers/" + Uri.EscapeDataString(container) + "/exec")
        {
            ResourceKind = "Container",
            Target = container,
            Body = DockerClient.Json(body, WireJsonContext.Default.ExecCreateDto),
        };
        var created = await _client.GetJsonAsync(request, WireJsonContext.Default.IdResponseDto, cancellationToken).ConfigureAwait(false);
        return created.Id ?? throw new DockerProtocolException("The engine created an exec but did not say its id.");
    }

    /// <summary>
    /// POST /exec/{id}/start with a connection upgrade: returns the raw two-way stream (multiplexed unless
    /// <paramref name="tty"/>). Engines that answer 200 instead of 101 switch to the raw stream all the same.
    /// </summary>
    public Task<HijackedStream> StartAttachedAsync(string execId, bool tty, CancellationToken cancellationToken = default) =>
        StartAttachedAsync(execId, tty, null, cancellationToken);

    /// <summary>As <see cref="StartAttachedAsync(string, bool, CancellationToken)"/>, with the TTY's initial size (API 1.42 and newer).</summary>
    public async Task<HijackedStream> StartAttachedAsync(string execId, bool tty, Sessions.TerminalSize? consoleSize, CancellationToken cancellationToken = default)
    {
        var body = new ExecStartDto { Detach = false, Tty = tty, ConsoleSize = await ConsoleSizeAsync(consoleSize, cancellationToken).ConfigureAwait(false) };
        var request = new DockerRequest("POST", "/exec/" + Uri.EscapeDataString(execId) + "/start")
        {
            ResourceKind = "Exec",
            Target = execId,
            Upgrade = true,
            Body = DockerClient.Json(body, WireJsonContext.Default.ExecStartDto),
        };
        var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            return response.Hijack();
        }
    }

    /// <summary>POST /exec/{id}/start detached: the process runs on without anyone reading its output.</summary>
    public Task StartDetachedAsync(string execId, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(new DockerRequest("POST", "/exec/" + Uri.EscapeDataString(execId) + "/start")
        {
            ResourceKind = "Exec",
            Target = execId,
            Body = DockerClient.Json(new ExecStartDto { Detach = true }, WireJsonContext.Default.ExecStartDto),
        }, cancellationToken);

    /// <summary>POST /exec/{id}/resize: the size of the exec's TTY, in columns and rows.</summary>
    public Task ResizeAsync(string execId, int width, int height, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(new DockerRequest("POST", "/exec/" + Uri.EscapeDataString(execId) + "/resize") { ResourceKind = "Exec", Target = execId }
            .Query("h", (long)height).Query("w", (long)width), cancellationToken);

    /// <summary>[height, width] for engines that take it (API 1.42+), else null, as the docker client leaves it out.</summary>
    private async Task<List<int>?> ConsoleSizeAsync(Sessions.TerminalSize? size, CancellationToken cancellationToken) =>
        size is { } s && await _client.GetApiVersionAsync(cancellationToken).ConfigureAwait(false) >= ContainerOperations.ConsoleSizeApi
            ? new List<int> { s.Height, s.Width }
            : null;

    /// <summary>GET /exec/{id}/json: the exit code once the process has ended, null while it runs.</summary>
    public async Task<long?> GetExitCodeAsync(string execId, CancellationToken cancellationToken = default)
    {
        var dto = await _client.GetJsonAsync(new DockerRequest("GET", "/exec/" + Uri.EscapeDataString(execId) + "/json") { ResourceKind = "Exec", Target = execId },
            WireJsonContext.Default.ExecInspectDto, cancellationToken).ConfigureAwait(false);
        return dto.Running ? null : dto.ExitCode;
    }
}
