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
    private static readonly string KeptContainer = new('a', 64);
    private static readonly string GoneContainer = new('b', 64);

    /// <summary>Two containers in the list; the inspect finds only the kept one (with a published port).</summary>
    private static Dictionary<string, string> Containers() => new()
    {
        ["GET /containers/json"] = StandInEngine.Ok(
            $"[{{\"Id\":\"{KeptContainer}\",\"Names\":[\"/dpshost-kept\"],\"Image\":\"busybox\",\"Created\":0,\"State\":\"running\",\"Status\":\"Up\"}}," +
            $"{{\"Id\":\"{GoneContainer}\",\"Names\":[\"/dpshost-gone\"],\"Image\":\"busybox\",\"Created\":0,\"State\":\"running\",\"Status\":\"Up\"}}]"),
        [$"GET /containers/{KeptContainer}/json"] = StandInEngine.Ok(
            $"{{\"Id\":\"{KeptContainer}\",\"Name\":\"/dpshost-kept\",\"State\":{{\"Status\":\"running\",\"Running\":true}}," +
            "\"NetworkSettings\":{\"Ports\":{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8080\"}]}}}"),
        [$"GET /containers/{GoneContainer}/json"] = StandInEngine.NotFound("No such container: " + GoneContainer),
    };

    [Fact]
    public void Get_DockerContainer_Inspect_leaves_out_a_container_removed_after_the_list_and_reports_it_only_when_named()
    {
        using var engine = new StandInEngine(Containers());
        using var shell = engine.Open();
        shell.Set("goneId", GoneContainer);
        shell.Set("keptId", KeptContainer);
        var kept = new[] { "dpshost-kept" };

        AreLeftOut<DockerContainerDetails>(shell, d => d.Name, kept, "Get-DockerContainer -All -Inspect", "Get-DockerContainer dpshost-* -Inspect");
        AreReported<DockerContainerDetails>(shell, d => d.Name, kept, "ContainerNotFound",
            ("Get-DockerContainer dpshost-gone, dpshost-kept -Inspect", "dpshost-gone"),
            ("Get-DockerContainer -Id $goneId.Substring(0, 12), $keptId -Inspect", GoneContainer[..12]));
    }

    [Theory]
    [InlineData("Get-DockerContainerLog", nameof(DockerLogLine))]
    [InlineData("Get-DockerContainerStats", nameof(DockerContainerStats))]
    [InlineData("Get-DockerContainerProcess", nameof(DockerContainerProcess))]
    [InlineData("Get-DockerContainerPort", nameof(DockerPort))]
    [InlineData("Get-DockerContainerChange", nameof(DockerContainerChange))]
    public void A_container_read_leaves_out_a_container_removed_after_the_list_and_reports_it_only_when_named(string cmdlet, string writes)
    {
        // Each call reads one thing of the kept container; every call about the removed one is the engine's 404.
        var answers = Containers();
        answers[$"GET /containers/{KeptContainer}/logs"] = StandInEngine.Ok("\u0001\0\0\0\0\0\0\u0006hello\n");
        answers[$"GET /containers/{KeptContainer}/stats"] = StandInEngine.Ok($"{{\"id\":\"{KeptContainer}\",\"name\":\"/dpshost-kept\",\"read\":\"2026-01-01T00:00:00Z\"}}");
        answers["GET /containers/dpshost-kept/top"] = StandInEngine.Ok("{\"Titles\":[\"PID\",\"CMD\"],\"Processes\":[[\"1\",\"sh\"]]}");
        answers["GET /containers/dpshost-kept/changes"] = StandInEngine.Ok("[{\"Path\":\"/tmp\",\"Kind\":1}]");
        foreach (var read in new[] { $"{GoneContainer}/stats", "dpshost-gone/top", "dpshost-gone/changes" })
            answers["GET /containers/" + read] = StandInEngine.NotFound("No such container: " + read.Split('/')[0]);
        using var engine = new StandInEngine(answers);
        using var shell = engine.Open();
        var kept = new[] { writes };

        AreLeftOut<object>(shell, o => o.GetType().Name, kept, cmdlet + " dpshost-*");
        AreReported<object>(shell, o => o.GetType().Name, kept, "ContainerNotFound", (cmdlet + " dpshost-gone, dpshost-kept", "dpshost-gone"));
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
