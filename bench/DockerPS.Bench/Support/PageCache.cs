using System.Diagnostics;

namespace DockerPS.Bench.Support;

/// <summary>The kernel's dirty pages, written back before each timed operation so that it does not pay for the last one's writes.</summary>
internal static class PageCache
{
    public static async Task FlushAsync()
    {
        using var p = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false });
        if (p is not null) await p.WaitForExitAsync().ConfigureAwait(false);
    }
}
