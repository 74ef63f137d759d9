using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Tests.Support;
using DockerPS.Recipes.Tests.Support;

namespace DockerPS.Recipes.Tests.Desktop;

/// <summary>
/// SEEDS.md section 5 end to end: examples/Deploy-RemoteDesktop.ps1 against a real engine; the noVNC page answers,
/// headless Chromium logs in through noVNC and the screen it shows is the XFCE desktop at the size asked for; the RDP
/// port confirms an RDP connection request; wrong passwords are refused; the home folder outlives the container.
/// </summary>
public class RemoteDesktopRecipeTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public RemoteDesktopRecipeTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    private const string Script = "Deploy-RemoteDesktop.ps1";
    private const string Remove = "Remove-RemoteDesktop.ps1";
    private const string Password = "dpsrecipe-Desk1!";
    private const int Width = 1280;
    private const int Height = 800;

    public static IEnumerable<object[]> EngineNames => TestEnvironment.EngineNames;

    private static Dictionary<string, object?> Parameters(RecipeScope scope, string name, int rdp, int novnc, string image, string password = Password) => new()
    {
        ["Credential"] = RecipeScope.Credential("toor", password),
        ["Name"] = name,
        ["HomeVolume"] = name,
        ["RdpPort"] = rdp,
        ["NoVncPort"] = novnc,
        ["HostAddress"] = "127.0.0.1",
        ["Geometry"] = $"{Width}x{Height}",
        ["TimeZone"] = "Asia/Seoul",
        ["Image"] = image,
        ["DockerHost"] = scope.Host,
    };

    [RecipeTheory(Needs = "chromium")]
    [MemberData(nameof(EngineNames))]
    public async Task The_desktop_is_reached_through_noVNC_and_RDP_and_keeps_its_home(string engine)
    {
        var image = RecipeImages.Ensure(engine, "desktop");
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        var name = scope.Name("desktop");
        var ports = FreePorts.Take(2);
        var (rdp, novnc) = (ports[0], ports[1]);
        var parameters = Parameters(scope, name, rdp, novnc, image);

        var desktop = ps.RunExample(Script, parameters).ThrowIfFailed("Deploy-RemoteDesktop").Result();
        Assert.Equal("DockerPS.Recipes.RemoteDesktop", desktop.TypeNames[0]);
        Assert.Equal("Created", desktop.Get<string>("Status"));
        Assert.Equal($"http://127.0.0.1:{novnc}/vnc.html?autoconnect=true", desktop.Get<string>("NoVncUrl"));
        Assert.Equal($"127.0.0.1:{rdp}", desktop.Get<string>("RdpAddress"));

        // The password is in neither the container's configuration nor its file system; the time zone is set.
        var details = await scope.Client.Containers.InspectAsync(name);
        Assert.DoesNotContain(details.Config.Environment, e => e.Contains(Password, StringComparison.Ordinal));
        Assert.Equal(0, (await scope.ExecAsync(name, "sh", "-c", "! grep -rqsF -- \"$1\" /run/desktop-secret /etc/desktop", "sh", Password)).Code);
        Assert.Equal("KST", (await scope.ExecAsync(name, "date", "+%Z")).Output);
        Assert.Equal(name.Replace('.', '-'), details.Config.Hostname);

        // The noVNC page answers on the published port.
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) })
        {
            var page = await http.GetStringAsync(new Uri($"http://127.0.0.1:{novnc}/vnc.html"));
            Assert.Contains("<title>noVNC</title>", page, StringComparison.Ordinal);
        }

        // RDP: an X.224 Connection Request is confirmed, with an RDP negotiation response choosing TLS.
        var reply = await RdpProbe.ConnectAsync("127.0.0.1", rdp);
        Assert.Equal(0xD0, reply.TpduCode);
        Assert.Equal(2, reply.NegotiationType);
        Assert.Equal(1u, reply.Protocol);

        // Chromium logs in through noVNC and sees the XFCE desktop.
        await using (var browser = await Chromium.StartAsync(Width, Height))
        {
            var canvas = await ConnectAndCaptureAsync(browser, novnc, Password);
            File.WriteAllBytes(Path.Combine(RepositoryPaths.Artifacts, $"desktop-screen-{engine}.png"), canvas);
            File.WriteAllBytes(Path.Combine(RepositoryPaths.Artifacts, $"desktop-novnc-{engine}.png"), await browser.ScreenshotAsync());
            var screen = Png.Decode(canvas);
            Assert.Equal(Width, screen.Width);
            Assert.Equal(Height, screen.Height);
            AssertShowsADesktop(screen);

            // A wrong password is refused.
            await browser.NavigateAsync($"http://127.0.0.1:{novnc}/vnc.html?autoconnect=true&password=wrong-password");
            // noVNC: "New connection has been rejected with reason: Authentication failure", shown as an error.
            await browser.WaitUntilAsync(
                "document.getElementById('noVNC_status').classList.contains('noVNC_status_error') && " +
                "document.getElementById('noVNC_status').textContent.includes('rejected')",
                TimeSpan.FromSeconds(60), "the refusal of a wrong password", "document.getElementById('noVNC_status').textContent");
            Assert.False((bool)(await browser.EvaluateAsync("document.documentElement.classList.contains('noVNC_connected')"))!);
        }

        // Run again: found and reused, the password checked; a wrong one is an error of the script.
        Assert.Equal("Reused", ps.RunExample(Script, parameters).ThrowIfFailed("Deploy-RemoteDesktop again").Result().Get<string>("Status"));
        var wrong = ps.RunExample(Script, Parameters(scope, name, rdp, novnc, image, "not-the-password"));
        Assert.Equal("WrongPassword", wrong.TerminatingId);

        // The home folder is in the volume: a file written there is found by the next container.
        var write = await ExecRunner.RunAsync(scope.Client, name, new[] { "touch", "/home/toor/written-by-the-test" }, new ExecOptions { User = "toor" }, _ => { }, CancellationToken.None);
        Assert.Equal(0, write);
        ps.RunExample(Remove, new Dictionary<string, object?> { ["Name"] = name, ["KeepHome"] = true, ["Confirm"] = false, ["DockerHost"] = scope.Host })
            .ThrowIfFailed("Remove-RemoteDesktop -KeepHome");
        Assert.False(await scope.ContainerExistsAsync(name));
        Assert.True(await scope.VolumeExistsAsync(name));
        Assert.Equal("Created", ps.RunExample(Script, parameters).ThrowIfFailed("Deploy-RemoteDesktop after removal").Result().Get<string>("Status"));
        Assert.Equal("toor", (await scope.ExecAsync(name, "stat", "-c", "%U", "/home/toor/written-by-the-test")).Output);
        Assert.Equal(0xD0, (await RdpProbe.ConnectAsync("127.0.0.1", rdp)).TpduCode);

        var removed = ps.RunExample(Remove, new Dictionary<string, object?> { ["Name"] = name, ["Confirm"] = false, ["DockerHost"] = scope.Host })
            .ThrowIfFailed("Remove-RemoteDesktop");
        Assert.Equal(new[] { "Container", "Volume" }, removed.Output.Select(o => o.Get<string>("Kind")));
        Assert.False(await scope.ContainerExistsAsync(name));
        Assert.False(await scope.VolumeExistsAsync(name));
    }

    /// <summary>Opens noVNC with the password, waits for the connection and a drawn desktop, returns the remote screen (the canvas) as PNG.</summary>
    private async Task<byte[]> ConnectAndCaptureAsync(Chromium browser, int port, string password)
    {
        var url = $"http://127.0.0.1:{port}/vnc.html?autoconnect=true&password={Uri.EscapeDataString(password)}";
        const string connected = "document.documentElement.classList.contains('noVNC_connected')";
        const string state = "document.readyState + ' | ' + document.documentElement.className + ' | ' + " +
            "(document.getElementById('noVNC_status') ? document.getElementById('noVNC_status').textContent : 'no status element')";
        await browser.NavigateAsync(url);
        try
        {
            await browser.WaitUntilAsync(connected, TimeSpan.FromSeconds(90), "the noVNC connection", state);
        }
        catch (TimeoutException e)
        {
            _output.WriteLine("reloading noVNC: " + e.Message);
            // On a machine this loaded, the page's modules have been seen to stall once; a second load settles it.
            await browser.NavigateAsync(url);
            await browser.WaitUntilAsync(connected, TimeSpan.FromSeconds(90), "the noVNC connection (after reloading the page)", state);
        }
        // The desktop is drawn in pieces after connecting: wait until the screen has many colours and stops changing.
        const string colours = """
            (() => {
              const c = document.querySelector('#noVNC_container canvas');
              if (!c || c.width === 0) return 0;
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              const s = new Set();
              for (let i = 0; i < d.length; i += 4 * 7) s.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
              return s.size;
            })()
            """;
        var previous = -1;
        for (var i = 0; i < 60; i++)
        {
            var now = (int)(await browser.EvaluateAsync(colours))!;
            if (now > 50 && now == previous) break;
            previous = now;
            await Task.Delay(1000);
        }
        var dataUrl = (string)(await browser.EvaluateAsync("document.querySelector('#noVNC_container canvas').toDataURL('image/png')"))!;
        return Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',', StringComparison.Ordinal) + 1)..]);
    }

    /// <summary>Not blank, not one colour, a panel along the top that is not the desktop's background.</summary>
    private static void AssertShowsADesktop(Png screen)
    {
        var counts = new Dictionary<int, int>();
        for (var y = 0; y < screen.Height; y++)
        for (var x = 0; x < screen.Width; x++)
        {
            var c = screen.Rgb(x, y);
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }
        var total = screen.Width * screen.Height;
        Assert.True(counts.Count >= 100, $"only {counts.Count} colours on the screen");
        var (dominant, most) = counts.MaxBy(kv => kv.Value);
        Assert.True(most < total * 0.9, $"#{dominant:x6} covers {100.0 * most / total:F1}% of the screen");
        Assert.NotEqual(0x000000, dominant);

        // XFCE's default panel runs along the top edge: its middle row is one colour across most of the width, and
        // differs from the colour in the middle of the screen.
        var panelRow = Enumerable.Range(0, screen.Width).Select(x => screen.Rgb(x, 10)).GroupBy(c => c).MaxBy(g => g.Count())!;
        Assert.True(panelRow.Count() > screen.Width / 2, "no panel along the top");
        Assert.NotEqual(panelRow.Key, screen.Rgb(screen.Width / 2, screen.Height / 2));
    }
}
