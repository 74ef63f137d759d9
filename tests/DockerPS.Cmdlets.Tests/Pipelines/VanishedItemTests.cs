using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;

namespace DockerPS.Cmdlets.Tests.Pipelines;

/// <summary>
/// Cmdlets that read a list, then ask the engine again about each item they picked. On a shared engine an item can be
/// removed in between (a recipe test once failed that way: its port check inspected every container while another run
/// removed its own). The rule: an item that was only listed (no names, or a wildcard) is left out, as a list taken a
/// moment later would leave it out; one named without wildcards is the same non-terminating not-found error as a name
/// that finds nothing, with the input as its target; the other items are still written. A stand-in engine makes that
/// moment last: its list has an item its next call no longer finds.
/// </summary>
public sealed class VanishedItemTests
{
    [Fact]
    public void Get_DockerContainer_Inspect_leaves_out_a_container_removed_after_the_list_and_reports_it_only_when_named()
    {
        var keptId = new string('a', 64);
        var goneId = new string('b', 64);
        using var engine = new StandInEngine(new Dictionary<string, string>
        {
            ["GET /containers/json"] = StandInEngine.Ok(
                $"[{{\"Id\":\"{keptId}\",\"Names\":[\"/dpshost-kept\"],\"Image\":\"busybox\",\"Created\":0,\"State\":\"running\",\"Status\":\"Up\"}}," +
                $"{{\"Id\":\"{goneId}\",\"Names\":[\"/dpshost-gone\"],\"Image\":\"busybox\",\"Created\":0,\"State\":\"running\",\"Status\":\"Up\"}}]"),
            [$"GET /containers/{keptId}/json"] = StandInEngine.Ok($"{{\"Id\":\"{keptId}\",\"Name\":\"/dpshost-kept\",\"State\":{{\"Status\":\"running\",\"Running\":true}}}}"),
            [$"GET /containers/{goneId}/json"] = StandInEngine.NotFound("No such container: " + goneId),
        });
        using var shell = engine.Open();
        shell.Set("goneId", goneId);
        shell.Set("keptId", keptId);
        var kept = new[] { "dpshost-kept" };

        AreLeftOut<DockerContainerDetails>(shell, d => d.Name, kept, "Get-DockerContainer -All -Inspect", "Get-DockerContainer dpshost-* -Inspect");
        AreReported<DockerContainerDetails>(shell, d => d.Name, kept, "ContainerNotFound",
            ("Get-DockerContainer dpshost-gone, dpshost-kept -Inspect", "dpshost-gone"),
            ("Get-DockerContainer -Id $goneId.Substring(0, 12), $keptId -Inspect", goneId[..12]));
    }

    [Fact]
    public void Get_DockerNetwork_Inspect_leaves_out_a_network_removed_after_the_list_and_reports_it_only_when_named()
    {
        // Another script's cleanup on the same engine; before, this ended the command with a terminating error.
        var keptId = new string('c', 64);
        var goneId = new string('d', 64);
        static string Network(string id, string name) => $"{{\"Id\":\"{id}\",\"Name\":\"{name}\",\"Driver\":\"bridge\",\"Scope\":\"local\",\"Containers\":{{}}}}";
        using var engine = new StandInEngine(new Dictionary<string, string>
        {
            ["GET /networks"] = StandInEngine.Ok($"[{Network(keptId, "dpshost-kept")},{Network(goneId, "dpshost-gone")}]"),
            [$"GET /networks/{keptId}"] = StandInEngine.Ok(Network(keptId, "dpshost-kept")),
            [$"GET /networks/{goneId}"] = StandInEngine.NotFound($"network {goneId} not found"),
        });
        using var shell = engine.Open();
        shell.Set("goneId", goneId);
        var kept = new[] { "dpshost-kept" };

        AreLeftOut<DockerNetwork>(shell, n => n.Name, kept, "Get-DockerNetwork -Inspect", "Get-DockerNetwork dpshost-* -Inspect");
        AreReported<DockerNetwork>(shell, n => n.Name, kept, "NetworkNotFound",
            ("Get-DockerNetwork dpshost-gone, dpshost-kept -Inspect", "dpshost-gone"),
            ("Get-DockerNetwork $goneId.Substring(0, 12), dpshost-kept -Inspect", goneId[..12]));
    }

    [Fact]
    public void Get_DockerImage_Inspect_leaves_out_an_image_removed_after_the_list_and_reports_it_only_when_named()
    {
        // The removed image has two tags: named by its repository, it is still one input and one error. Before, every
        // removed image was an error, named or not, with its id as the target.
        var keptId = "sha256:" + new string('e', 64);
        var goneId = "sha256:" + new string('f', 64);
        static string Row(string id, params string[] tags) =>
            $"{{\"Id\":\"{id}\",\"RepoTags\":[{string.Join(",", tags.Select(t => $"\"{t}\""))}],\"Created\":0,\"Size\":1,\"SharedSize\":-1,\"Containers\":-1}}";
        using var engine = new StandInEngine(new Dictionary<string, string>
        {
            ["GET /images/json"] = StandInEngine.Ok($"[{Row(keptId, "dpshost-kept:1")},{Row(goneId, "dpshost-gone:1", "dpshost-gone:2")}]"),
            [$"GET /images/{keptId}/json"] = StandInEngine.Ok($"{{\"Id\":\"{keptId}\",\"RepoTags\":[\"dpshost-kept:1\"]}}"),
            [$"GET /images/{goneId}/json"] = StandInEngine.NotFound("No such image: " + goneId),
        });
        using var shell = engine.Open();
        shell.Set("goneId", goneId);
        shell.Set("keptId", keptId);
        var kept = new[] { keptId };

        AreLeftOut<DockerImageDetails>(shell, d => d.Id, kept,
            "Get-DockerImage -Inspect", "Get-DockerImage dpshost-* -Inspect", "Get-DockerImage -ImageId sha256:* -Inspect");
        AreReported<DockerImageDetails>(shell, d => d.Id, kept, "ImageNotFound",
            ("Get-DockerImage dpshost-gone:2, dpshost-kept:1 -Inspect", "dpshost-gone:2"),
            ("Get-DockerImage dpshost-gone, dpshost-kept -Inspect", "dpshost-gone"),
            ("Get-DockerImage -ImageId $goneId.Substring(0, 19), $keptId -Inspect", goneId[..19]));
    }

    /// <summary>Each script only lists: it must write no error, and exactly the items still there.</summary>
    private static void AreLeftOut<T>(PowerShellSession shell, Func<T, string> key, IReadOnlyList<string> written, params string[] scripts)
    {
        foreach (var script in scripts)
        {
            var result = shell.Run(script).ThrowIfFailed();
            Check(result, written.SequenceEqual(result.All<T>().Select(key)), "wrote " + string.Join(", ", result.All<T>().Select(key)));
        }
    }

    /// <summary>Each script names the removed item by its input: one non-terminating error for it, the others written.</summary>
    private static void AreReported<T>(PowerShellSession shell, Func<T, string> key, IReadOnlyList<string> written, string errorId, params (string Script, string Input)[] cases)
    {
        foreach (var (script, input) in cases)
        {
            var result = shell.Run(script);
            Check(result, result.Terminating is null && result.ErrorIds.SequenceEqual(new[] { errorId }) && Equals(result.Errors[0].TargetObject, input),
                $"should write one {errorId} for '{input}'");
            Check(result, written.SequenceEqual(result.All<T>().Select(key)), "wrote " + string.Join(", ", result.All<T>().Select(key)));
        }
    }

    private static void Check(ScriptResult result, bool holds, string what)
    {
        if (!holds) throw new Xunit.Sdk.XunitException($"The script {what}:\n{result.Describe()}");
    }
}
