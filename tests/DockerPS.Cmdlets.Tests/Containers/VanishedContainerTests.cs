using System;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Containers;

/// <summary>
/// Get-DockerContainer -Inspect reads the list, then describes each container with one more call. On a shared engine a
/// container can be removed in between (a recipe test once failed that way: its port check inspected every container
/// while another run removed its own). A stand-in engine makes that moment last: its list has two containers, and its
/// inspect no longer finds one of them.
/// </summary>
public sealed class VanishedContainerTests
{
    private static readonly string KeptId = new('a', 64);
    private static readonly string GoneId = new('b', 64);

    private static string List() =>
        $"[{{\"Id\":\"{KeptId}\",\"Names\":[\"/dpshost-kept\"],\"Image\":\"busybox\",\"Created\":0,\"State\":\"running\",\"Status\":\"Up\"}}," +
        $"{{\"Id\":\"{GoneId}\",\"Names\":[\"/dpshost-gone\"],\"Image\":\"busybox\",\"Created\":0,\"State\":\"running\",\"Status\":\"Up\"}}]";

    private static string Answer(string requestLine)
    {
        if (requestLine.StartsWith("GET /_ping", StringComparison.Ordinal))
            return "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK";
        if (requestLine.StartsWith("GET /v1.41/containers/json", StringComparison.Ordinal))
            return FaultServer.Conn.Json(200, List());
        if (requestLine.StartsWith($"GET /v1.41/containers/{KeptId}/json", StringComparison.Ordinal))
            return FaultServer.Conn.Json(200, $"{{\"Id\":\"{KeptId}\",\"Name\":\"/dpshost-kept\",\"State\":{{\"Status\":\"running\",\"Running\":true}}}}");
        if (requestLine.StartsWith($"GET /v1.41/containers/{GoneId}/json", StringComparison.Ordinal))
            return FaultServer.Conn.Json(404, $"{{\"message\":\"No such container: {GoneId}\"}}", "Not Found");
        return FaultServer.Conn.Json(500, "{\"message\":\"the stand-in engine has no answer for this\"}", "Internal Server Error");
    }

    [Fact]
    public void A_container_removed_between_the_list_and_its_inspect_is_left_out_and_reported_only_when_named()
    {
        using var server = new FaultServer(async c =>
        {
            while (await c.ReadRequestAsync() is { } line) await c.WriteAsync(Answer(line));
        });
        using var shell = PowerShellSession.Open(ModuleFolder.Path);
        shell.Set("engine", "tcp://127.0.0.1:" + server.Port);
        shell.Set("goneId", GoneId);

        // Listed only (all of them, by filter or by wildcard): the one that went is simply not there, as in a list taken
        // a moment later; no error, and the other container is described.
        foreach (var script in new[] { "Get-DockerContainer -All -Inspect -DockerHost $engine", "Get-DockerContainer dpshost-* -Inspect -DockerHost $engine" })
        {
            var listed = shell.Run(script).ThrowIfFailed();
            Assert.Equal(new[] { "dpshost-kept" }, listed.All<DockerContainerDetails>().Select(d => d.Name));
        }

        // Named: the same ContainerNotFound as a name that finds nothing, with the input as its target, not a
        // terminating error; the other container is still written.
        var named = shell.Run("Get-DockerContainer dpshost-gone, dpshost-kept -Inspect -DockerHost $engine");
        Assert.Null(named.Terminating);
        Assert.Equal(new[] { "dpshost-kept" }, named.All<DockerContainerDetails>().Select(d => d.Name));
        var error = Assert.Single(named.Errors);
        Assert.Equal("ContainerNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("dpshost-gone", error.TargetObject);

        var byId = shell.Run("Get-DockerContainer -Id $goneId.Substring(0, 12) -Inspect -DockerHost $engine");
        Assert.Null(byId.Terminating);
        Assert.Empty(byId.Output);
        Assert.Equal((object)GoneId[..12], Assert.Single(byId.Errors).TargetObject);
    }
}
