using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Pty.Tests.Support;

/// <summary>
/// One PowerShell script run by DockerPS.PtyHost: on a pseudo-terminal of the given size (util-linux
/// <c>script -qfec</c>), or with its standard input a pipe. What the test types goes to the terminal; everything the
/// terminal shows is kept and searched.
/// </summary>
public sealed partial class PtySession : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _screen = new();
    private readonly Task _reader;

    private PtySession(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Why pty tests cannot run here, or null.</summary>
    public static string? SkipReason =>
        !OperatingSystem.IsLinux() ? "The pseudo-terminal tests drive util-linux script; they run on Linux."
        : !File.Exists("/usr/bin/script") ? "util-linux script (/usr/bin/script) is not installed."
        : null;

    /// <summary>Starts <paramref name="script"/> on a terminal of <paramref name="columns"/> x <paramref name="rows"/>.</summary>
    public static PtySession OnTerminal(string script, int columns = 101, int rows = 31)
    {
        var info = new ProcessStartInfo("script")
        {
            ArgumentList = { "-qfec", $"stty cols {columns} rows {rows}; exec dotnet '{Layout.HostAssembly}'", "/dev/null" },
        };
        return Start(info, script);
    }

    /// <summary>Starts <paramref name="script"/> with standard input a pipe (redirected), no terminal at all.</summary>
    public static PtySession Redirected(string script) => Start(new ProcessStartInfo("dotnet") { ArgumentList = { Layout.HostAssembly } }, script);

    private static PtySession Start(ProcessStartInfo info, string script)
    {
        info.UseShellExecute = false;
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment["DPSPTY_MODULE"] = Layout.ModuleManifest;
        info.Environment["DPSPTY_SCRIPT"] = script;
        info.Environment["TERM"] = "xterm";
        foreach (var name in new[] { "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG" }) info.Environment.Remove(name);
        return new PtySession(Process.Start(info)!);
    }

    /// <summary>Everything the terminal has shown so far, as text.</summary>
    public string Screen
    {
        get
        {
            lock (_screen) return _screen.ToString();
        }
    }

    private async Task ReadAsync()
    {
        var decoder = new UTF8Encoding(false).GetDecoder();
        var bytes = new byte[4096];
        var chars = new char[4096 * 2];
        var stdout = _process.StandardOutput.BaseStream;
        int n;
        while ((n = await stdout.ReadAsync(bytes)) > 0)
        {
            var c = decoder.GetChars(bytes, 0, n, chars, 0);
            lock (_screen) _screen.Append(chars, 0, c);
        }
        var rest = await _process.StandardError.ReadToEndAsync();
        lock (_screen) _screen.Append(rest);
    }

    public void Type(string text) => Type(Encoding.UTF8.GetBytes(text));

    public void Type(params byte[] bytes)
    {
        var input = _process.StandardInput.BaseStream;
        input.Write(bytes);
        input.Flush();
    }

    /// <summary>Ends the input (a closed pipe; under script, the end of what it forwards).</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits until the screen shows <paramref name="text"/> after position <paramref name="from"/>; returns where it ends.</summary>
    public async Task<int> WaitForAsync(string text, int from = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var screen = Screen;
            var at = screen.IndexOf(text, Math.Min(from, screen.Length), StringComparison.Ordinal);
            if (at >= 0) return at + text.Length;
            if (DateTime.UtcNow > deadline || (_process.HasExited && _reader.IsCompleted && Screen.Length == screen.Length))
                Assert.Fail($"The terminal did not show '{text}' (after position {from}). It showed:\n{Printable(screen)}");
            await Task.Delay(25);
        }
    }

    /// <summary>The pseudo-terminal the host reads, once it has said it is ready.</summary>
    public async Task<string> TerminalAsync()
    {
        await WaitForAsync("PTYHOST-READY");
        var match = ReadyLine().Match(Screen);
        Assert.True(match.Success && match.Groups[1].Value.StartsWith("/dev/pts/", StringComparison.Ordinal), $"No pty named in:\n{Printable(Screen)}");
        return match.Groups[1].Value;
    }

    /// <summary>Resizes the terminal from outside, as a terminal window does: the kernel signals the host (SIGWINCH).</summary>
    public async Task ResizeAsync(int columns, int rows)
    {
        var tty = await TerminalAsync();
        using var stty = Process.Start(new ProcessStartInfo("stty") { ArgumentList = { "-F", tty, "cols", columns.ToString(System.Globalization.CultureInfo.InvariantCulture), "rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture) }, RedirectStandardError = true })!;
        await stty.WaitForExitAsync();
        Assert.True(stty.ExitCode == 0, "stty failed: " + await stty.StandardError.ReadToEndAsync());
    }

    /// <summary>Waits for the host's last line: $LASTEXITCODE ("none" when unset) and whether the terminal was restored.</summary>
    public async Task<(string LastExitCode, bool TerminalRestored)> EndAsync(TimeSpan? timeout = null)
    {
        await WaitForAsync("PTYHOST-END", 0, timeout);
        var match = EndLine().Match(Screen);
        Assert.True(match.Success, $"Malformed end line in:\n{Printable(Screen)}");
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (match.Groups[1].Value, match.Groups[2].Value == "yes");
    }

    /// <summary>The host's marked lines of one kind (OUT, ERR, WARN), without the mark.</summary>
    public string[] Lines(string kind) => Screen.Split('\n')
        .Select(l => l.TrimEnd('\r'))
        .Where(l => l.StartsWith(kind + ": ", StringComparison.Ordinal))
        .Select(l => l.Substring(kind.Length + 2))
        .ToArray();

    /// <summary>The screen with control characters made visible, for failure messages.</summary>
    public static string Printable(string text) =>
        string.Concat(text.Select(c => c == '\n' ? "\n" : c < ' ' ? "^" + (char)(c + 64) : c.ToString()));

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"PTYHOST-READY tty=(\S+)")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"PTYHOST-END lastexitcode=(\S+) terminal-restored=(yes|no)")]
    private static partial Regex EndLine();
}
