using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Tests.Completion;

/// <summary>Tab completion against the real engines, a dead one and (fault injection) one that never answers.</summary>
public class CompletionAgainstEnginesTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Container_names_complete_from_the_engine_by_prefix_and_wildcard(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        await scope.CreateAsync("complete-one");
        await scope.CreateAsync("complete-two");

        var prefix = CompletionSource.Containers(client, "dps-complete-", TimeSpan.FromSeconds(10));
        Assert.Contains(scope.NewName("complete-one"), prefix.Select(c => c.Value));
        Assert.Contains(scope.NewName("complete-two"), prefix.Select(c => c.Value));
        Assert.All(prefix, c => Assert.StartsWith("dps-complete-", c.Value, StringComparison.Ordinal));

        var wildcard = CompletionSource.Containers(client, "*-two-" + scope.Run, TimeSpan.FromSeconds(10));
        Assert.Equal(scope.NewName("complete-two"), Assert.Single(wildcard).Value);
        Assert.Contains("(", wildcard[0].ToolTip, StringComparison.Ordinal);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public void Image_references_complete_from_the_engine(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var images = CompletionSource.Images(client, "busy", TimeSpan.FromSeconds(10));
        Assert.Contains(TestEnvironment.BusyboxImage, images.Select(c => c.Value));
        Assert.DoesNotContain(images, c => c.Value.StartsWith("debian", StringComparison.Ordinal));
    }

    [Fact]
    public void Engine_that_is_down_completes_nothing_and_says_nothing()
    {
        using var client = new DockerClient(DockerHostParser.Parse("unix:///nonexistent/docker.sock"));
        var sw = Stopwatch.StartNew();
        Assert.Empty(CompletionSource.Containers(client, "", CompletionSource.DefaultTimeout));
        // A hang guard, not a speed check: refusal is immediate, but a loaded CI machine can take a second to get there.
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [Fact]
    public void FaultServer_engine_that_never_answers_completes_nothing_within_the_timeout()
    {
        using var server = new FaultServer(async c =>
        {
            await c.ReadRequestAsync();
            await Task.Delay(Timeout.Infinite);
        });
        using var client = server.Client();
        var sw = Stopwatch.StartNew();
        Assert.Empty(CompletionSource.Images(client, "", TimeSpan.FromMilliseconds(300)));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"took {sw.Elapsed}");
    }

    [Fact]
    public void Context_names_complete_from_the_store_including_default()
    {
        using var config = new TempDirectory();
        config.Write($"contexts/meta/{ContextStore.Digest("remote-box")}/meta.json", "{\"Name\":\"remote-box\",\"Endpoints\":{\"docker\":{\"Host\":\"ssh://box\"}}}");
        var env = new FakeEnvironment(new() { ["DOCKER_CONFIG"] = config.Path });
        Assert.Equal(new[] { "default", "remote-box" }, CompletionSource.Contexts(env, "").Select(c => c.Value));
        Assert.Equal(new[] { "remote-box" }, CompletionSource.Contexts(env, "'rem").Select(c => c.Value));
    }
}
