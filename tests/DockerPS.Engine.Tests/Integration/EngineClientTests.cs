using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Matching;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>The client against the real engines: every test runs on Engine 20.10 (API 1.41) and Engine 28 (API 1.51).</summary>
public class EngineClientTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Negotiates_the_lower_of_engine_and_client_versions(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        Assert.Null(client.NegotiatedApiVersion);
        var expected = ApiVersion.Min(TestEnvironment.Engine(engine).ApiVersion, ApiVersion.ClientMaximum);
        Assert.Equal(expected, await client.GetApiVersionAsync());
        var version = await client.System.GetVersionAsync();
        Assert.Equal(TestEnvironment.Engine(engine).ApiVersion.ToString(), version.EngineApiVersion);
        Assert.Equal(expected.ToString(), version.ApiVersion);
        Assert.Equal("linux", version.Os);
        Assert.False(string.IsNullOrEmpty(version.Version));
        Assert.NotNull(version.BuildTime);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Info_describes_the_engine(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var info = await client.System.GetInfoAsync();
        Assert.False(string.IsNullOrEmpty(info.ServerVersion));
        Assert.True(info.Cpus > 0);
        Assert.True(info.MemTotal > 0);
        Assert.True(info.Images > 0);
        Assert.Equal("linux", info.OSType);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Lists_containers_like_docker_ps_with_all_status_and_label_filters(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var created = await scope.CreateAsync("created");
        var running = await scope.StartedAsync("running");

        ContainerListOptions Mine(bool all = false)
        {
            var o = new ContainerListOptions { All = all };
            o.Filters.Add("label", scope.Label);
            return o;
        }

        var ps = await client.Containers.ListAsync(Mine());
        Assert.Equal(new[] { running }, ps.Select(c => c.Id));
        var psa = await client.Containers.ListAsync(Mine(all: true));
        Assert.Equal(new[] { running, created }, psa.Select(c => c.Id)); // newest first, as docker ps

        var statusCreated = Mine();
        statusCreated.Filters.Add("status", "created");
        Assert.Equal(created, Assert.Single(await client.Containers.ListAsync(statusCreated)).Id); // status implies -a

        var c = psa.Single(x => x.Id == created);
        Assert.Equal(scope.NewName("created"), c.Name);
        Assert.Equal(created[..12], c.ShortId);
        Assert.Equal("created", c.State);
        Assert.Equal(TestEnvironment.BusyboxImage, c.Image);
        Assert.Equal("sleep 300", c.Command);
        Assert.Equal(scope.Run, c.Labels[ContainerScope.LabelKey]);
        Assert.InRange(c.Created, DateTime.Now.AddMinutes(-5), DateTime.Now.AddMinutes(1));
        Assert.Equal(TestEnvironment.Engine(engine).Host, c.Engine);
        var r = psa.Single(x => x.Id == running);
        Assert.Equal("running", r.State);
        Assert.StartsWith("Up ", r.Status);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Selection_by_name_short_id_and_wildcard_against_real_containers(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var a = await scope.CreateAsync("sel-a");
        var b = await scope.CreateAsync("sel-b");
        var o = new ContainerListOptions { All = true };
        o.Filters.Add("label", scope.Label);
        var all = await client.Containers.ListAsync(o);

        Assert.Equal(a, Selector.Containers(all, new[] { scope.NewName("sel-a") }, null).Matches.Single().Id);
        Assert.Equal(b, Selector.Containers(all, new[] { b[..7] }, null).Matches.Single().Id);
        Assert.Equal(2, Selector.Containers(all, new[] { "dps-sel-*" }, null).Matches.Count);
        Assert.Equal(new[] { "nosuch" }, Selector.Containers(all, new[] { "nosuch" }, null).Unmatched);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Engine_errors_are_typed_and_carry_the_engines_message(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);

        var notFound = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Containers.RemoveAsync("dps-no-such-container"));
        Assert.Contains("No such container", notFound.Message);
        Assert.Equal("ContainerNotFound", notFound.ErrorId);
        Assert.Equal("dps-no-such-container", notFound.Target);

        await scope.CreateAsync("dup");
        var conflict = await Assert.ThrowsAsync<DockerConflictException>(() => client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage) { Name = scope.NewName("dup") }));
        Assert.Contains("already in use", conflict.Message);

        var noImage = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Containers.CreateAsync(new ContainerCreateOptions("dockerps/no-such-image:never")));
        Assert.Contains("No such image", noImage.Message);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Start_stop_wait_and_remove(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.CreateAsync("life", new[] { "sh", "-c", "exit 7" });
        await client.Containers.StartAsync(id);
        Assert.Equal(7, await client.Containers.WaitAsync(id));
        await client.Containers.StartAsync(id); // an exited container restarts
        Assert.Equal(7, await client.Containers.WaitAsync(id));
        await client.Containers.RemoveAsync(id);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Containers.RemoveAsync(id));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Cancellation_ends_a_wait_at_once(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("cancel");
        using var cts = new CancellationTokenSource(300);
        var sw = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Containers.WaitAsync(id, cancellationToken: cts.Token));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        // The client is still usable afterwards.
        Assert.NotEmpty(await client.Containers.ListAsync());
    }

    /// <summary>Runs an exec with input and reads its demultiplexed output to the end.</summary>
    internal static async Task<(string Out, string Err, long? Exit)> ExecAsync(DockerClient client, string container, string[] command, string? input)
    {
        var exec = await client.Exec.CreateAsync(container, command, attachStdin: input is not null, tty: false);
        using var stream = await client.Exec.StartAttachedAsync(exec, tty: false);
        if (input is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(input);
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
            Assert.True(stream.CanCloseWrite);
            stream.CloseWrite();
        }
        var reader = new MultiplexedStreamReader(stream);
        var buffer = new byte[4096];
        var o = new MemoryStream();
        var e = new MemoryStream();
        while (true)
        {
            var r = await reader.ReadAsync(buffer, 0, buffer.Length, CancellationToken.None);
            if (r.Count == 0) break;
            (r.Stream == StreamKind.Stderr ? e : o).Write(buffer, 0, r.Count);
        }
        long? exit = null;
        for (var i = 0; i < 50 && exit is null; i++)
        {
            exit = await client.Exec.GetExitCodeAsync(exec);
            if (exit is null) await Task.Delay(20);
        }
        return (Encoding.UTF8.GetString(o.ToArray()), Encoding.UTF8.GetString(e.ToArray()), exit);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Exec_upgrade_carries_stdin_and_demultiplexes_stdout_and_stderr(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("exec");

        var echo = await ExecAsync(client, id, new[] { "cat" }, "hello through the hijacked stream\n");
        Assert.Equal("hello through the hijacked stream\n", echo.Out);
        Assert.Equal(0, echo.Exit);

        var split = await ExecAsync(client, id, new[] { "sh", "-c", "echo out; echo err >&2; exit 3" }, null);
        Assert.Equal("out\n", split.Out);
        Assert.Equal("err\n", split.Err);
        Assert.Equal(3, split.Exit);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Exec_with_a_tty_is_a_raw_stream(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var id = await scope.StartedAsync("tty");
        var exec = await client.Exec.CreateAsync(id, new[] { "echo", "raw" }, attachStdin: false, tty: true);
        using var stream = await client.Exec.StartAttachedAsync(exec, tty: true);
        var text = new StringBuilder();
        var buffer = new byte[256];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0) text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        Assert.Equal("raw\r\n", text.ToString());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Images_list_one_row_per_tag_with_sizes(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var images = await client.Images.ListAsync();
        var busybox = Assert.Single(images, i => i.Reference == TestEnvironment.BusyboxImage);
        Assert.Equal("busybox", busybox.Repository);
        Assert.Equal("latest", busybox.Tag);
        Assert.StartsWith("sha256:", busybox.Id);
        Assert.Equal(12, busybox.ShortId.Length);
        Assert.True(busybox.Size > 500_000);
        Assert.Contains(images, i => i.Reference == TestEnvironment.DebianImage);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task One_image_by_reference_id_or_prefix(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var byName = await client.Images.GetAsync("busybox");
        Assert.Equal(TestEnvironment.BusyboxImage, byName.Reference);
        Assert.Equal(byName.Id, (await client.Images.GetAsync(byName.Id)).Id);
        Assert.Equal(byName.Id, (await client.Images.GetAsync(byName.ShortId)).Id);
        Assert.Equal(TestEnvironment.DebianImage, (await client.Images.GetAsync(TestEnvironment.DebianImage)).Reference);
        var missing = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Images.GetAsync("dockerps/no-such-image:never"));
        Assert.Equal("ImageNotFound", missing.ErrorId);
        Assert.Equal("dockerps/no-such-image:never", missing.Target);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Shared_size_needs_api_1_42(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var options = new ImageListOptions { SharedSize = true };
        if (TestEnvironment.Engine(engine).ApiVersion < new ApiVersion(1, 42))
        {
            var ex = await Assert.ThrowsAsync<DockerApiVersionException>(() => client.Images.ListAsync(options));
            Assert.Contains("-SharedSize requires Engine API 1.42", ex.Message);
            Assert.Contains("speaks API " + TestEnvironment.Engine(engine).ApiVersion, ex.Message);
        }
        else
        {
            Assert.All(await client.Images.ListAsync(options), i => Assert.NotNull(i.SharedSize));
            Assert.All(await client.Images.ListAsync(), i => Assert.Null(i.SharedSize));
        }
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task All_shows_intermediate_build_images_and_dangling_filters(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var tag = "dockerps-test/intermediate:" + Guid.NewGuid().ToString("n")[..8];
        var dangling = "dockerps-test/dangling:" + Guid.NewGuid().ToString("n")[..8];
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", $"FROM {TestEnvironment.BusyboxImage}\nRUN echo one > /one\nRUN echo two > /two\nLABEL dockerps.test=intermediate\n");
        Cli.Run(engine, $"build -q -t {tag} {dir.Path}", buildKit: false);
        // A dangling image: build, then move the tag away.
        dir.Write("Dockerfile", $"FROM {TestEnvironment.BusyboxImage}\nRUN echo {Guid.NewGuid()} > /x\n");
        Cli.Run(engine, $"build -q -t {dangling} {dir.Path}", buildKit: false);
        var danglingId = Cli.Run(engine, $"image inspect -f {{{{.Id}}}} {dangling}", buildKit: false).Trim();
        Cli.Run(engine, $"tag {TestEnvironment.BusyboxImage} {dangling}", buildKit: false);
        try
        {
            var top = await client.Images.ListAsync();
            var all = await client.Images.ListAsync(new ImageListOptions { All = true });
            var built = Assert.Single(all, i => i.Reference == tag);
            Assert.NotNull(built.ParentId);
            // The parent chain of the build is only in -All, untagged.
            var parent = Assert.Single(all, i => i.Id == built.ParentId);
            Assert.Equal("<none>", parent.Repository);
            Assert.DoesNotContain(top, i => i.Id == built.ParentId);

            var danglingOptions = new ImageListOptions();
            danglingOptions.Filters.Add("dangling", "true");
            var danglingList = await client.Images.ListAsync(danglingOptions);
            Assert.Contains(danglingList, i => i.Id == danglingId && i.Dangling);
            Assert.All(danglingList, i => Assert.Null(i.Reference));
        }
        finally
        {
            Cli.Run(engine, $"rmi -f {tag} {danglingId}", buildKit: false, check: false);
            Cli.Run(engine, $"rmi {dangling}", buildKit: false, check: false);
        }
    }
}
