using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>
/// Image management against both real engines: commit (the seed's story), tag, history, inspect, rmi, save and load,
/// import, prune. Every image made here is dpsimg-* and labelled dpsimg.test=&lt;run&gt;; prunes are scoped by that label.
/// </summary>
public class ImageTests
{
    /// <summary>docker run, attached; returns once the engine reports the container not running.</summary>
    private static async Task<(long Code, List<string> Output)> RunAsync(ImageScope scope, string stem, string image, params string[] command)
    {
        var lines = new List<string>();
        var options = new ContainerCreateOptions(image)
        {
            Name = scope.Containers.NewName(stem),
            Command = command.Length == 0 ? null : command,
            Labels = new Dictionary<string, string> { [ContainerScope.LabelKey] = scope.Run, [ImageScope.LabelKey] = scope.Run },
        };
        var (id, code) = await ContainerRunner.RunAttachedAsync(scope.Client, options, l => lines.Add(l.Text), CancellationToken.None);
        scope.Containers.Track(id);
        await scope.Client.Containers.WaitAsync(id);
        return (code, lines);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task The_seed_commit_story_installs_a_package_commits_runs_and_refuses_removal_while_a_container_uses_it(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ImageScope(client);

        // docker run debian, apt-get install inside; the change is in that container only.
        var (installCode, installOutput) = await RunAsync(scope, "install", TestEnvironment.DebianImage,
            "sh", "-c", "apt-get update -qq && apt-get install -y -qq --no-install-recommends tree >/dev/null && tree --version");
        Assert.True(installCode == 0, "apt-get failed: " + string.Join("\n", installOutput.TakeLast(20)));
        var installer = (await client.Containers.ListAsync(new ContainerListOptions { All = true }))
            .Single(c => c.Name == scope.Containers.NewName("install"));

        // docker commit -m -a -c CMD ... CONTAINER repo:tag
        var reference = scope.Repository("git") + ":tree";
        var options = new ImageCommitOptions
        {
            Reference = ImageName.Parse(reference),
            Message = "tree installed",
            Author = "DockerPS tests <dpsimg@example.invalid>",
        };
        options.Changes.Add(DockerfileChange.Parse("CMD [\"tree\", \"--version\"]"));
        options.Changes.Add(scope.LabelChange);
        var id = await client.Images.CommitAsync(installer.Id, options);
        scope.Track(reference);
        scope.Track(id);
        Assert.StartsWith("sha256:", id, StringComparison.Ordinal);

        var details = await client.Images.InspectAsync(reference);
        Assert.Equal(id, details.Id);
        Assert.Contains(reference, details.RepoTags);
        Assert.Equal(new[] { "tree", "--version" }, details.Config.Command);
        Assert.Equal("tree installed", details.Comment);
        Assert.Equal("DockerPS tests <dpsimg@example.invalid>", details.Author);
        Assert.Equal(scope.Run, details.Config.Labels[ImageScope.LabelKey]);
        var debian = await client.Images.InspectAsync(TestEnvironment.DebianImage);
        Assert.Equal(debian.Layers, details.Layers.Take(debian.Layers.Count));
        Assert.Equal(debian.Layers.Count + 1, details.Layers.Count);

        // docker run the new image: the package is there (its CMD runs tree).
        var (code, output) = await RunAsync(scope, "use", reference);
        Assert.Equal(0, code);
        Assert.Contains(output, l => l.StartsWith("tree v", StringComparison.Ordinal));

        // docker rmi while the exited container uses it: refused with the engine's reason and the container named.
        var user = (await client.Containers.ListAsync(new ContainerListOptions { All = true })).Single(c => c.Name == scope.Containers.NewName("use"));
        Assert.Equal("exited", user.State);
        var refused = await Assert.ThrowsAsync<DockerImageInUseException>(() => client.Images.RemoveAsync(reference));
        Assert.Equal("ImageInUse", refused.ErrorId);
        Assert.Equal(DockerErrorCategory.ResourceBusy, refused.Category);
        Assert.Equal(reference, refused.Target);
        Assert.Contains("conflict", refused.Reason, StringComparison.Ordinal);
        Assert.Contains(refused.Reason, refused.Message, StringComparison.Ordinal);
        Assert.Contains(user.Name, refused.Message, StringComparison.Ordinal);
        Assert.Contains(user.Id, refused.Containers.Select(c => c.Id));
        Assert.NotNull(await client.Images.InspectAsync(reference));

        // docker rm the container, then docker rmi: untagged and deleted, as docker rmi reports.
        await client.Containers.RemoveAsync(user.Id);
        var removed = await client.Images.RemoveAsync(reference);
        Assert.Contains(removed, d => d.Kind == DockerImageDeletionKind.Untagged && d.Value == reference && d.ToString() == "Untagged: " + reference);
        Assert.Contains(removed, d => d.Kind == DockerImageDeletionKind.Deleted && d.Value == id);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Images.InspectAsync(id));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Commit_of_a_running_container_applies_changes_and_pauses_only_meanwhile(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ImageScope(client);
        var container = await scope.Containers.StartedAsync("running", new[] { "sh", "-c", "echo snap > /snap.txt; sleep 300" });
        await Task.Delay(300);

        foreach (var pause in new[] { true, false })
        {
            var options = new ImageCommitOptions { Pause = pause };
            options.Changes.Add(DockerfileChange.Parse("CMD [\"cat\", \"/snap.txt\"]"));
            options.Changes.Add(DockerfileChange.Parse("ENV MODE=snap\nEXPOSE 8080/tcp"));
            options.Changes.Add(DockerfileChange.Parse("WORKDIR /srv"));
            options.Changes.Add(scope.LabelChange);
            var id = scope.Track(await client.Images.CommitAsync(scope.Containers.NewName("running"), options));
            var details = await client.Images.InspectAsync(id);
            Assert.Empty(details.RepoTags);
            Assert.Equal(new[] { "cat", "/snap.txt" }, details.Config.Command);
            Assert.Contains("MODE=snap", details.Config.Environment);
            Assert.Contains("8080/tcp", details.Config.ExposedPorts);
            Assert.Equal("/srv", details.Config.WorkingDirectory);
            var state = (await client.Containers.InspectAsync(container)).State;
            Assert.True(state.Running && !state.Paused, $"after a commit with pause={pause} the container is {state.Status}");
            var (code, output) = await RunAsync(scope, "snap-" + pause.ToString().ToLowerInvariant(), id);
            Assert.Equal(0, code);
            Assert.Equal(new[] { "snap" }, output);
        }
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Commit_refuses_a_missing_container_and_STOPSIGNAL_on_engines_before_API_1_52(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var missing = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Images.CommitAsync("dpsimg-no-such-container-" + Guid.NewGuid().ToString("n")));
        Assert.Equal("ContainerNotFound", missing.ErrorId);

        var options = new ImageCommitOptions();
        options.Changes.Add(DockerfileChange.Parse("STOPSIGNAL SIGINT"));
        var old = await Assert.ThrowsAsync<DockerApiVersionException>(() => client.Images.CommitAsync("anything", options));
        Assert.Equal("-Change STOPSIGNAL", old.Feature);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Tag_adds_references_and_history_lists_the_steps(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ImageScope(client);
        var busybox = await client.Images.InspectAsync(TestEnvironment.BusyboxImage);
        var repository = scope.Repository("tag");
        await client.Images.TagAsync(TestEnvironment.BusyboxImage, ImageName.Parse(repository + ":a"));
        scope.Track(repository + ":a");
        await client.Images.TagAsync(busybox.Id, ImageName.Parse(repository));
        scope.Track(repository + ":latest");

        var rows = (await client.Images.ListAsync()).Where(i => i.Repository == repository).OrderBy(i => i.Tag, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "a", "latest" }, rows.Select(r => r.Tag));
        Assert.All(rows, r => Assert.Equal(busybox.Id, r.Id));

        var history = await client.Images.GetHistoryAsync(repository + ":a");
        var original = await client.Images.GetHistoryAsync(TestEnvironment.BusyboxImage);
        Assert.Equal(original.Select(h => (h.Id, h.CreatedBy, h.Size)), history.Select(h => (h.Id, h.CreatedBy, h.Size)));
        Assert.Equal(busybox.Id, history[0].Id);
        Assert.Contains(repository + ":a", history[0].Tags);
        Assert.Equal(Enumerable.Range(0, history.Count), history.Select(h => h.Step));

        // A committed image's history has the commit on top: its comment and the bytes it added.
        var committed = await scope.CommitBusyboxAsync("hist", null);
        var steps = await client.Images.GetHistoryAsync(committed);
        Assert.Equal(committed, steps[0].Id);
        Assert.Equal("dpsimg test hist", steps[0].Comment);
        Assert.True(steps[0].Size > 0);
        Assert.Equal(original.Count + 1, steps.Count);

        // Removing one tag of an image with several only untags it.
        var untagged = Assert.Single(await client.Images.RemoveAsync(repository + ":a"));
        Assert.Equal(DockerImageDeletionKind.Untagged, untagged.Kind);
        Assert.Equal(repository + ":a", untagged.Reference);
        Assert.Equal(busybox.Id, (await client.Images.InspectAsync(TestEnvironment.BusyboxImage)).Id);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Inspect_describes_the_image(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var listed = (await client.Images.ListAsync()).First(i => i.Reference == TestEnvironment.BusyboxImage);
        var details = await client.Images.InspectAsync(TestEnvironment.BusyboxImage);
        Assert.Equal(listed.Id, details.Id);
        Assert.Contains(TestEnvironment.BusyboxImage, details.RepoTags);
        Assert.Equal(listed.RepoDigests, details.RepoDigests);
        Assert.Equal("linux", details.Os);
        Assert.False(string.IsNullOrEmpty(details.Architecture));
        Assert.StartsWith("linux/", details.Platform, StringComparison.Ordinal);
        Assert.Equal(listed.Size, details.Size);
        Assert.Equal("layers", details.RootFSType);
        Assert.NotEmpty(details.Layers);
        Assert.All(details.Layers, l => Assert.StartsWith("sha256:", l, StringComparison.Ordinal));
        Assert.Contains("sh", details.Config.Command);
        Assert.NotNull(details.Created);
        Assert.Equal("overlay2", details.GraphDriver);

        var missing = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Images.InspectAsync("dpsimg-missing:nothing"));
        Assert.Equal("ImageNotFound", missing.ErrorId);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Save_then_load_brings_back_the_same_id_and_tags(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ImageScope(client);
        using var temp = new TempDirectory();
        var repository = scope.Repository("rt");
        var id = await scope.CommitBusyboxAsync("rt", repository + ":a");
        await client.Images.TagAsync(id, ImageName.Parse(repository + ":b"));
        scope.Track(repository + ":b");

        var archive = Path.Combine(temp.Path, "images.tar");
        var reports = new List<ImageTransferProgress>();
        var written = await client.Images.SaveToFileAsync(new[] { repository + ":a", repository + ":b" }, archive,
            options: new ImageTransferOptions { Progress = new Collect(reports), ProgressInterval = TimeSpan.Zero });
        Assert.Equal(new FileInfo(archive).Length, written);
        Assert.True(reports.Last().Completed);
        Assert.Equal(written, reports.Last().Bytes);
        Assert.Equal(new[] { "images.tar" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName));

        // Remove both tags: the image is deleted.
        Assert.Contains(await client.Images.RemoveAsync(repository + ":a"), d => d.Kind == DockerImageDeletionKind.Untagged);
        Assert.Contains(await client.Images.RemoveAsync(repository + ":b"), d => d.Kind == DockerImageDeletionKind.Deleted && d.Id == id);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Images.InspectAsync(id));

        var messages = new List<JsonMessage>();
        var loaded = await client.Images.LoadFromFileAsync(archive, new ImageTransferOptions { OnMessage = messages.Add });
        Assert.Equal(new[] { repository + ":a", repository + ":b" }, loaded.References.OrderBy(r => r, StringComparer.Ordinal));
        Assert.Empty(loaded.Ids);
        Assert.Contains(messages, m => m.Stream?.StartsWith("Loaded image: ", StringComparison.Ordinal) == true);
        var back = await client.Images.InspectAsync(repository + ":a");
        Assert.Equal(id, back.Id);
        Assert.Equal(new[] { repository + ":a", repository + ":b" }, back.RepoTags.OrderBy(t => t, StringComparer.Ordinal));

        // Saved by id: no tags in the archive, so the load reports the id.
        var byId = Path.Combine(temp.Path, "by-id.tar");
        await client.Images.SaveToFileAsync(new[] { id }, byId);
        var reloaded = await client.Images.LoadFromFileAsync(byId);
        Assert.Equal(new[] { id }, reloaded.Ids);
        Assert.Empty(reloaded.References);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Save_of_a_missing_image_or_a_cancelled_save_leaves_no_file(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var temp = new TempDirectory();
        var archive = Path.Combine(temp.Path, "out.tar");

        var missing = await Assert.ThrowsAsync<DockerNotFoundException>(() =>
            client.Images.SaveToFileAsync(new[] { TestEnvironment.BusyboxImage, "dpsimg-missing:nothing" }, archive));
        Assert.Contains("No such image: dpsimg-missing:nothing", missing.Message, StringComparison.Ordinal);
        Assert.Equal("ImageNotFound", missing.ErrorId);
        Assert.Equal("dpsimg-missing:nothing", missing.Target);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));

        // An old file is kept whole when a save over it is cancelled.
        File.WriteAllText(archive, "old");
        using var cancel = new CancellationTokenSource();
        var progress = new Collect(new List<ImageTransferProgress>(), _ => cancel.Cancel());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Images.SaveToFileAsync(new[] { TestEnvironment.DebianImage }, archive,
            options: new ImageTransferOptions { Progress = progress, ProgressInterval = TimeSpan.Zero }, cancellationToken: cancel.Token));
        Assert.Equal("old", File.ReadAllText(archive));
        Assert.Equal(new[] { "out.tar" }, Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));

        var noClobber = await Assert.ThrowsAsync<DockerException>(() => client.Images.SaveToFileAsync(new[] { TestEnvironment.BusyboxImage }, archive, noClobber: true));
        Assert.Equal("ArchiveExists", noClobber.ErrorId);
        var noFolder = await Assert.ThrowsAsync<DockerException>(() => client.Images.SaveToFileAsync(new[] { TestEnvironment.BusyboxImage }, Path.Combine(temp.Path, "no", "x.tar")));
        Assert.Equal("ArchiveFolderNotFound", noFolder.ErrorId);
        var noFile = await Assert.ThrowsAsync<DockerException>(() => client.Images.LoadFromFileAsync(Path.Combine(temp.Path, "none.tar")));
        Assert.Equal("ArchiveNotFound", noFile.ErrorId);
        Assert.Equal(DockerErrorCategory.ObjectNotFound, noFile.Category);
        Assert.Contains("none.tar", noFile.Message, StringComparison.Ordinal);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Load_of_a_file_that_is_not_an_image_archive_is_an_error(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        using var temp = new TempDirectory();
        var file = temp.Write("not-an-image.tar", new string('x', 5000));
        var ex = await Assert.ThrowsAnyAsync<DockerException>(() => client.Images.LoadFromFileAsync(file));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.IsNotType<DockerUnreachableException>(ex);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Import_of_a_root_file_system_tarball_applies_changes_message_and_reference(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ImageScope(client);
        using var temp = new TempDirectory();

        // A root file system: busybox's, with a file added, as docker export writes it.
        var source = await scope.Containers.CreateAsync("rootfs", new[] { "sh", "-c", "echo imported > /hello.txt" });
        await client.Containers.StartAsync(source);
        await client.Containers.WaitAsync(source);
        var tarball = Path.Combine(temp.Path, "rootfs.tar");
        Cli.Run(engine, $"export -o {tarball} {source}");

        var reference = scope.Repository("import") + ":v1";
        var options = new ImageImportOptions { Reference = ImageName.Parse(reference), Message = "from a tarball", Platform = "linux/amd64" };
        options.Changes.Add(DockerfileChange.Parse("CMD [\"cat\", \"/hello.txt\"]"));
        options.Changes.Add(DockerfileChange.Parse("ENV IMPORTED=yes"));
        options.Changes.Add(scope.LabelChange);
        var reports = new List<ImageTransferProgress>();
        var id = await client.Images.ImportFromFileAsync(tarball, options, new ImageTransferOptions { Progress = new Collect(reports) });
        scope.Track(reference);
        scope.Track(id);

        var details = await client.Images.InspectAsync(reference);
        Assert.Equal(id, details.Id);
        Assert.Equal(new[] { "cat", "/hello.txt" }, details.Config.Command);
        Assert.Contains("IMPORTED=yes", details.Config.Environment);
        Assert.Equal("from a tarball", details.Comment);
        Assert.Equal("linux/amd64", details.Platform);
        Assert.Single(details.Layers);
        Assert.Equal(new FileInfo(tarball).Length, reports.Last().Bytes);
        var history = Assert.Single(await client.Images.GetHistoryAsync(reference));
        Assert.Equal("from a tarball", history.Comment);

        var (code, output) = await RunAsync(scope, "imported", reference);
        Assert.Equal(0, code);
        Assert.Equal(new[] { "imported" }, output);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Prune_plan_matches_what_a_label_scoped_prune_removes_and_planning_removes_nothing(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ImageScope(client);
        var dangling = await scope.CommitBusyboxAsync("dangling", null);
        var tagged = await scope.CommitBusyboxAsync("tagged", scope.Repository("prune") + ":tagged");
        var used = await scope.CommitBusyboxAsync("used", scope.Repository("prune") + ":used");
        await scope.Containers.CreateAsync("user", image: used);
        var other = await scope.CommitBusyboxAsync("other", null, $"LABEL {ImageScope.LabelKey}=someone-else-{scope.Run}");

        ImagePruneOptions Options(bool all)
        {
            var o = new ImagePruneOptions { All = all };
            o.Filters.Add("label", scope.Label);
            return o;
        }

        var danglingPlan = await client.Images.PlanPruneAsync(Options(false));
        Assert.Equal(new[] { dangling }, danglingPlan.Select(c => c.Id));
        Assert.True(danglingPlan[0].Deletes);
        var allPlan = await client.Images.PlanPruneAsync(Options(true));
        Assert.Equal(new[] { dangling, tagged }.OrderBy(x => x), allPlan.Select(c => c.Id).OrderBy(x => x));
        Assert.Contains(scope.Repository("prune") + ":tagged", allPlan.Single(c => c.Id == tagged).References);
        var until = Options(true);
        until.Filters.Add("until", "2000-01-01");
        Assert.Empty(await client.Images.PlanPruneAsync(until));
        var negated = new ImagePruneOptions { All = true };
        negated.Filters.Add("label", ImageScope.LabelKey);
        negated.Filters.Add("label!", scope.Label);
        Assert.Contains(other, (await client.Images.PlanPruneAsync(negated)).Select(c => c.Id));

        // Planning removed nothing.
        foreach (var id in new[] { dangling, tagged, used, other }) Assert.Equal(id, (await client.Images.InspectAsync(id)).Id);

        // Deleted lines name the image and the layers released with it (as docker rmi prints them).
        var keep = new[] { tagged, used, other, (await client.Images.InspectAsync(TestEnvironment.BusyboxImage)).Id };
        var first = await client.Images.PruneAsync(Options(false));
        Assert.Contains(dangling, first.Deletions.Where(d => d.Kind == DockerImageDeletionKind.Deleted).Select(d => d.Id));
        Assert.DoesNotContain(first.Deletions, d => keep.Contains(d.Id));
        Assert.DoesNotContain(first.Deletions, d => d.Kind == DockerImageDeletionKind.Untagged);
        Assert.True(first.SpaceReclaimed > 0);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Images.InspectAsync(dangling));

        var second = await client.Images.PruneAsync(Options(true));
        Assert.Contains(second.Deletions, d => d.Kind == DockerImageDeletionKind.Untagged && d.Reference == scope.Repository("prune") + ":tagged");
        Assert.Contains(second.Deletions, d => d.Kind == DockerImageDeletionKind.Deleted && d.Id == tagged);
        Assert.DoesNotContain(second.Deletions, d => keep.Skip(1).Contains(d.Id) || d.Reference == scope.Repository("prune") + ":used");
        Assert.Equal(used, (await client.Images.InspectAsync(scope.Repository("prune") + ":used")).Id);
        Assert.Equal(other, (await client.Images.InspectAsync(other)).Id);
        Assert.NotNull(await client.Images.InspectAsync(TestEnvironment.BusyboxImage));
        Assert.Empty(await client.Images.PlanPruneAsync(Options(true)));
    }

    [Fact]
    public async Task Bad_names_and_filters_are_refused_before_anything_is_sent()
    {
        using var server = new FaultServer(_ => Task.CompletedTask);
        using var client = server.Client();
        foreach (var bad in new[] { "UPPER/case", "a::b", "busybox:", "" })
        {
            await Assert.ThrowsAsync<DockerArgumentException>(() => client.Images.InspectAsync(bad));
            await Assert.ThrowsAsync<DockerArgumentException>(() => client.Images.RemoveAsync(bad));
            await Assert.ThrowsAsync<DockerArgumentException>(() => client.Images.GetHistoryAsync(bad));
            await Assert.ThrowsAsync<DockerArgumentException>(() => client.Images.TagAsync(bad, ImageName.Parse("dpsimg-x:1")));
            await Assert.ThrowsAsync<DockerArgumentException>(() => client.Images.SaveAsync(new[] { "busybox", bad }, Stream.Null));
        }
        var digest = await Assert.ThrowsAsync<DockerArgumentException>(() =>
            client.Images.TagAsync("busybox", ImageName.Parse("dpsimg-x@sha256:" + new string('a', 64))));
        Assert.Equal("InvalidImageTag", digest.ErrorId);
        var filter = new ImagePruneOptions();
        filter.Filters.Add("reference", "x");
        Assert.Equal("InvalidFilter", (await Assert.ThrowsAsync<DockerArgumentException>(() => client.Images.PruneAsync(filter))).ErrorId);
        var until = new ImagePruneOptions();
        until.Filters.Add("until", "yesterday");
        Assert.Equal("InvalidFilter", (await Assert.ThrowsAsync<DockerArgumentException>(() => client.Images.PlanPruneAsync(until))).ErrorId);
        var dangling = new ImagePruneOptions();
        dangling.Filters.Add("dangling", "false");
        await Assert.ThrowsAsync<DockerArgumentException>(() => client.Images.PruneAsync(dangling));
        Assert.Equal(0, server.Connections);
    }

    private sealed class Collect : IProgress<ImageTransferProgress>
    {
        private readonly List<ImageTransferProgress> _into;
        private readonly Action<ImageTransferProgress>? _then;

        public Collect(List<ImageTransferProgress> into, Action<ImageTransferProgress>? then = null)
        {
            _into = into;
            _then = then;
        }

        public void Report(ImageTransferProgress value)
        {
            lock (_into) _into.Add(value);
            _then?.Invoke(value);
        }
    }
}
