using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Formatting;

namespace DockerPS.Bench;

/// <summary>
/// What Get-DockerVersion, Get-DockerContainer -All and Get-DockerImage show, through the same engine layer and display
/// helpers the module uses; build.sh runs it where PowerShell is not installed.
/// </summary>
internal static class Demo
{
    public static async Task RunAsync()
    {
        using var client = DockerClient.FromEnvironment();
        var v = await client.System.GetVersionAsync().ConfigureAwait(false);
        Console.WriteLine($"Engine      : {v.Engine}");
        Console.WriteLine($"Client      : DockerPS {v.ClientVersion} (API {v.ClientApiVersion})");
        Console.WriteLine($"Server      : {v.Version} (API {v.EngineApiVersion}, minimum {v.MinApiVersion}) {v.Os}/{v.Arch}");
        Console.WriteLine($"ApiVersion  : {v.ApiVersion}");
        Console.WriteLine();

        var containers = await client.Containers.ListAsync(new ContainerListOptions { All = true }).ConfigureAwait(false);
        Table(new[] { "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES" },
            containers.Select(c => new[] { c.ShortId, c.Image, Display.Command(c.Command), Display.Ago(c.Created), c.Status, Display.Ports(c.Ports), c.Name }).ToArray());
        Console.WriteLine();

        var images = await client.Images.ListAsync().ConfigureAwait(false);
        Table(new[] { "REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE" },
            images.Select(i => new[] { i.Repository, i.Tag, i.ShortId, Display.Ago(i.Created), Display.Size(i.Size) }).ToArray());
    }

    private static void Table(string[] headers, string[][] rows)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Length == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine(string.Join("   ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var r in rows) Console.WriteLine(string.Join("   ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
    }
}
