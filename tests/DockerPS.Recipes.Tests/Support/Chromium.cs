using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>
/// Debian's headless Chromium with a new empty profile, driven through the DevTools protocol over its
/// --remote-debugging-port with .NET's own ClientWebSocket: navigate, evaluate JavaScript, take screenshots.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private readonly int _width;
    private readonly int _height;

    private Chromium(Process process, string profile, int width, int height)
    {
        _process = process;
        _profile = profile;
        _width = width;
        _height = height;
    }

    public static string? SkipReason =>
        File.Exists(Executable) || DockerPS.Engine.Tests.Support.TestEnvironment.IsCi
            ? null
            : $"Chromium is not installed ({Executable}; Debian's chromium, which tests/engine/setup.sh installs).";

    public static async Task<Chromium> StartAsync(int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("dpsrecipe-chromium-").FullName;
        var port = FreePorts.Take(1)[0];
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
                     "--remote-debugging-port=" + port, $"--window-size={width},{height}", "--hide-scrollbars", "about:blank",
                 })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new Chromium(process, profile, width, height);
        try
        {
            await browser.ConnectAsync(port);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    private async Task ConnectAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")))!.AsArray();
                foreach (var t in targets)
                {
                    if ((string?)t!["type"] == "page")
                    {
                        await _socket.ConnectAsync(new Uri((string)t["webSocketDebuggerUrl"]!), CancellationToken.None);
                        await SendAsync("Page.enable");
                        // The page gets exactly the size asked for (the window's own bars would take some of it).
                        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
                        {
                            ["width"] = _width,
                            ["height"] = _height,
                            ["deviceScaleFactor"] = 1,
                            ["mobile"] = false,
                        });
                        return;
                    }
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }
            if (DateTime.UtcNow > deadline || _process.HasExited) throw new InvalidOperationException("Chromium's DevTools endpoint did not come up");
            await Task.Delay(250);
        }
    }

    /// <summary>Sends one DevTools command and returns its result; events in between are skipped.</summary>
    public async Task<JsonNode> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var received = new MemoryStream();
            WebSocketReceiveResult r;
            do
            {
                r = await _socket.ReceiveAsync(buffer, timeout.Token);
                received.Write(buffer, 0, r.Count);
            }
            while (!r.EndOfMessage);
            var reply = JsonNode.Parse(received.ToArray())!;
            if ((int?)reply["id"] != id) continue;
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]!;
        }
    }

    public Task NavigateAsync(string url) => SendAsync("Page.navigate", new JsonObject { ["url"] = url });

    /// <summary>Evaluates an expression in the page (promises awaited) and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
        });
        if (result["exceptionDetails"] is { } ex) throw new InvalidOperationException($"{expression}: {ex.ToJsonString()}");
        return result["result"]?["value"];
    }

    /// <summary>Evaluates the expression until it is true, or fails after the time-out with what the page says.</summary>
    public async Task WaitUntilAsync(string expression, TimeSpan timeout, string what, string diagnostic = "document.body ? document.body.innerText : ''")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            // While the page loads, the expression may fail (no document yet): that counts as not yet.
            var probe = "(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()";
            if (await EvaluateAsync(probe) is JsonValue v && v.GetValueKind() == JsonValueKind.True) return;
            if (DateTime.UtcNow > deadline)
            {
                var text = await EvaluateAsync(diagnostic) ?? "(nothing)";
                throw new TimeoutException($"{what} did not happen in {timeout.TotalSeconds} s; the page says: {text}");
            }
            await Task.Delay(500);
        }
    }

    /// <summary>A PNG of the page as it is shown (the size given at start).</summary>
    public async Task<byte[]> ScreenshotAsync() =>
        Convert.FromBase64String((string)(await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }))["data"]!);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open) await SendAsync("Browser.close");
        }
        catch (Exception e) when (e is WebSocketException or InvalidOperationException or OperationCanceledException)
        {
        }
        _socket.Dispose();
        if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
