using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using DockerPS.Engine.Streams;
using DockerPS.Progress;

namespace DockerPS.Tests.Progress;

/// <summary>
/// The pull/push progress model over real engine streams (recorded from Engine 20.10 and 28.5 against the test
/// registry, shortened), read through the engine's own JsonMessageReader: bars per layer under an overall bar,
/// docker's statuses, phases weighed into the overall percentage, status lines kept apart, bounded output.
/// </summary>
public class TransferProgressTests
{
    // Engine 20.10 pulling a two-layer image: one layer downloaded and extracted, one already there.
    private const string Pull = """
        {"status":"Pulling from dpsreg-explore","id":"deb"}
        {"status":"Pulling fs layer","progressDetail":{},"id":"f4206666a49e"}
        {"status":"Already exists","progressDetail":{},"id":"0659ddf38e68"}
        {"status":"Downloading","progressDetail":{"current":15725566,"total":50658148},"progress":"[===>  ] 15.73MB/50.66MB","id":"f4206666a49e"}
        {"status":"Verifying Checksum","progressDetail":{},"id":"f4206666a49e"}
        {"status":"Download complete","progressDetail":{},"id":"f4206666a49e"}
        {"status":"Extracting","progressDetail":{"current":25329074,"total":50658148},"progress":"[==>  ] 25.33MB/50.66MB","id":"f4206666a49e"}
        {"status":"Pull complete","progressDetail":{},"id":"f4206666a49e"}
        {"status":"Digest: sha256:c9fae6b52e3f5cd85dcddfb97ebd30bb726c088e930d9d4f0d23975240464bd3"}
        {"status":"Status: Downloaded newer image for 127.0.0.1:5000/dpsreg-explore:deb"}
        """;

    // Engine 28.5 pushing one layer.
    private const string Push = """
        {"status":"The push refers to repository [127.0.0.1:5000/dpsreg-explore]"}
        {"status":"Preparing","progressDetail":{},"id":"0659ddf38e68"}
        {"status":"Pushing","progressDetail":{"current":26214400,"total":104857600},"progress":"[====> ] 26.21MB/104.9MB","id":"0659ddf38e68"}
        {"status":"Pushed","progressDetail":{},"id":"0659ddf38e68"}
        {"status":"deb: digest: sha256:c9fae6b52e3f5cd85dcddfb97ebd30bb726c088e930d9d4f0d23975240464bd3 size: 528"}
        {"progressDetail":{},"aux":{"Tag":"deb","Digest":"sha256:c9fae6b52e3f5cd85dcddfb97ebd30bb726c088e930d9d4f0d23975240464bd3","Size":528}}
        """;

    // Engine 28.5 pulling with --all-tags: a second "Pulling from" starts the next tag's layers.
    private const string AllTags = """
        {"status":"Pulling from dpsreg-explore","id":"v1"}
        {"status":"Pulling fs layer","progressDetail":{},"id":"9d44ec6e6fd0"}
        {"status":"Downloading","progressDetail":{"current":1,"total":2},"id":"9d44ec6e6fd0"}
        {"status":"Digest: sha256:24384be84f4bd04b23fec0b26427d95cbe091306d89c10cb4bb7f45fc7e522be"}
        {"status":"Pulling from dpsreg-explore","id":"deb"}
        {"status":"Pulling fs layer","progressDetail":{},"id":"aaaaaaaaaaaa"}
        {"status":"Digest: sha256:c9fae6b52e3f5cd85dcddfb97ebd30bb726c088e930d9d4f0d23975240464bd3"}
        {"status":"Status: Downloaded newer image for 127.0.0.1:5000/dpsreg-explore"}
        """;

    private static List<JsonMessage> Read(string lines)
    {
        var reader = new JsonMessageReader(new MemoryStream(Encoding.UTF8.GetBytes(lines)));
        var list = new List<JsonMessage>();
        while (reader.ReadAsync(CancellationToken.None).GetAwaiter().GetResult() is { } m) list.Add(m);
        return list;
    }

    /// <summary>Applies each message and takes the changes after each, as a renderer with no rate limit would.</summary>
    private static (List<ProgressBar> Bars, List<string> Lines) Run(TransferKind kind, string stream)
    {
        var model = new TransferProgress(kind, "Pulling x", 1);
        var bars = new List<ProgressBar>();
        var lines = new List<string>();
        foreach (var m in Read(stream))
        {
            if (model.Apply(m) is { } line) lines.Add(line);
            bars.AddRange(model.TakeChanges());
        }
        bars.AddRange(model.Finish());
        return (bars, lines);
    }

    [Fact]
    public void A_pull_shows_a_bar_per_layer_under_the_overall_bar_with_dockers_statuses()
    {
        var (bars, _) = Run(TransferKind.Pull, Pull);
        var layer = bars.Where(b => b.Activity == "Layer f4206666a49e").ToList();
        Assert.All(layer, b => Assert.Equal(1, b.ParentActivityId));
        Assert.Equal(
            new[] { "Pulling fs layer", "Downloading 15.7MB / 50.7MB", "Verifying Checksum", "Download complete", "Extracting 25.3MB / 50.7MB", "Pull complete" },
            layer.Select(b => b.StatusDescription));
        Assert.Equal(new[] { -1, 31, -1, -1, 50, 100 }, layer.Select(b => b.PercentComplete));
        Assert.True(layer.Last().Completed);
        Assert.Single(layer, b => b.Completed);
        // The layer that already existed never gets a bar.
        Assert.DoesNotContain(bars, b => b.Activity == "Layer 0659ddf38e68");
    }

    [Fact]
    public void The_overall_bar_weighs_download_and_extraction_and_counts_layers_and_bytes()
    {
        var (bars, _) = Run(TransferKind.Pull, Pull);
        var overall = bars.Where(b => b.ActivityId == 1).ToList();
        Assert.All(overall, b => Assert.Equal(-1, b.ParentActivityId));
        Assert.All(overall, b => Assert.Equal("Pulling x", b.Activity));
        // Two layers, one already there (1.0): downloading 31% of the other is 15% of its whole, so (1 + 0.155) / 2.
        Assert.Equal(new[] { -1, 0, 50, 57, 75, 75, 87, 100, 100 }, overall.Select(b => b.PercentComplete));
        Assert.Equal("deb: Resolving", overall[0].StatusDescription);
        Assert.Equal("deb: 1 of 2 layers complete, 15.7MB of 50.7MB downloaded", overall[3].StatusDescription);
        Assert.Equal("deb: 1 of 2 layers complete, 50.7MB of 50.7MB downloaded", overall[5].StatusDescription);
        Assert.Equal("deb: 2 of 2 layers complete, 50.7MB of 50.7MB downloaded", overall[7].StatusDescription);
        Assert.True(overall[^1].Completed);
        Assert.Single(overall, b => b.Completed);
    }

    [Fact]
    public void Lines_that_are_not_about_a_layer_are_returned_for_the_verbose_stream()
    {
        var (_, lines) = Run(TransferKind.Pull, Pull);
        Assert.Equal(new[]
        {
            "deb: Pulling from dpsreg-explore",
            "Digest: sha256:c9fae6b52e3f5cd85dcddfb97ebd30bb726c088e930d9d4f0d23975240464bd3",
            "Status: Downloaded newer image for 127.0.0.1:5000/dpsreg-explore:deb",
        }, lines);
    }

    [Fact]
    public void A_push_counts_pushing_bytes_and_closes_at_pushed_and_keeps_the_digest_line()
    {
        var (bars, lines) = Run(TransferKind.Push, Push);
        var layer = bars.Where(b => b.Activity == "Layer 0659ddf38e68").ToList();
        Assert.Equal(new[] { "Preparing", "Pushing 26.2MB / 105MB", "Pushed" }, layer.Select(b => b.StatusDescription));
        Assert.Equal(new[] { -1, 25, 100 }, layer.Select(b => b.PercentComplete));
        var overall = bars.Where(b => b.ActivityId == 1).ToList();
        Assert.Equal(new[] { 0, 25, 100, 100 }, overall.Select(b => b.PercentComplete));
        Assert.Equal("0 of 1 layers complete, 26.2MB of 105MB pushed", overall[1].StatusDescription);
        Assert.Contains("deb: digest: sha256:c9fae6b52e3f5cd85dcddfb97ebd30bb726c088e930d9d4f0d23975240464bd3 size: 528", lines);
        Assert.Equal("The push refers to repository [127.0.0.1:5000/dpsreg-explore]", lines[0]);
    }

    [Fact]
    public void All_tags_start_a_new_count_per_tag_and_close_the_last_tags_bars()
    {
        var (bars, lines) = Run(TransferKind.Pull, AllTags);
        var first = bars.Where(b => b.Activity == "Layer 9d44ec6e6fd0").ToList();
        Assert.True(first[^1].Completed);
        var overall = bars.Where(b => b.ActivityId == 1 && !b.Completed).Select(b => b.StatusDescription).ToList();
        Assert.Contains("v1: 0 of 1 layers complete, 1B of 2B downloaded", overall);
        Assert.Contains("deb: 0 of 1 layers complete", overall);
        Assert.Equal(2, lines.Count(l => l.Contains("Pulling from", StringComparison.Ordinal)));
        // Every bar that was opened is closed exactly once, and activity ids are never reused for another layer.
        foreach (var group in bars.Where(b => b.ActivityId != 1).GroupBy(b => b.ActivityId))
        {
            Assert.Single(group.Select(b => b.Activity).Distinct());
            Assert.Single(group, b => b.Completed);
        }
    }

    [Fact]
    public void Many_messages_about_one_layer_become_one_bar_per_take()
    {
        var model = new TransferProgress(TransferKind.Pull, "Pulling x");
        for (var i = 1; i <= 1000; i++)
            model.Apply(Read($$"""{"status":"Downloading","progressDetail":{"current":{{i}},"total":1000},"id":"aaaaaaaaaaaa"}""").Single());
        var bars = model.TakeChanges();
        Assert.Equal(2, bars.Count);
        Assert.Equal(100, bars[0].PercentComplete);
        Assert.Empty(model.TakeChanges());
        Assert.False(model.HasChanges);
    }

    [Fact]
    public void Finish_closes_open_bars_after_a_failure_and_nothing_when_none_were_shown()
    {
        var model = new TransferProgress(TransferKind.Pull, "Pulling x");
        Assert.Empty(model.Finish());
        model.Apply(Read("""{"status":"Downloading","progressDetail":{"current":1,"total":4},"id":"aaaaaaaaaaaa"}""").Single());
        model.TakeChanges();
        var closing = model.Finish();
        Assert.Equal(new[] { (2, true), (1, true) }, closing.Select(b => (b.ActivityId, b.Completed)));
        Assert.Empty(model.Finish());
    }

    [Fact]
    public void The_renderer_hands_on_bars_at_a_bounded_rate_and_lines_at_once_and_closes_the_bars()
    {
        var now = TimeSpan.Zero;
        var bars = new List<ProgressBar>();
        var lines = new List<string>();
        var renderer = new TransferProgressRenderer(TransferKind.Pull, "Pulling x", bars.Add, lines.Add, activityId: 5, clock: () => now);
        var messages = Read(Pull);

        renderer.Report(messages[0]);
        Assert.Single(bars);                       // the overall bar, at once
        for (var i = 0; i < 200; i++)
        {
            now += TimeSpan.FromMilliseconds(1);
            renderer.Report(messages[3]);
        }
        Assert.Equal(3, bars.Count);               // 200 messages in 200 ms: one more batch (layer + overall) at 200 ms
        foreach (var m in messages.Skip(4)) renderer.Report(m);
        Assert.Equal(3, bars.Count);
        now += TimeSpan.FromSeconds(1);
        renderer.Complete();

        Assert.All(bars.Where(b => b.Activity.StartsWith("Layer", StringComparison.Ordinal)), b => Assert.Equal(5, b.ParentActivityId));
        Assert.Equal((5, true), (bars[^1].ActivityId, bars[^1].Completed));
        Assert.Single(bars, b => b.Activity == "Layer f4206666a49e" && b.Completed);
        Assert.Equal(3, lines.Count);
    }
}
