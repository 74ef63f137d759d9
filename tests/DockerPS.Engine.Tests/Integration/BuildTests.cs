using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.Versioning;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Build;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;
using Xunit.Abstractions;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>docker build with the classic builder against both engines: the seed's Debian web server, the cache, failures, options, cancellation.</summary>
[SupportedOSPlatform("linux")]
public class BuildTests
{
    private readonly ITestOutputHelper _output;

    public BuildTests(ITestOutputHelper output) => _output = output;

    private sealed class Recorder : IProgress<DockerBuildProgress>
    {
        private readonly object _gate = new();
        private readonly Action<DockerBuildProgress>? _then;

        public Recorder(Action<DockerBuildProgress>? then = null) => _then = then;

        public List<string> Lines { get; } = new();

        public List<DockerBuildStep> Steps { get; } = new();

        public long LastSent { get; private set; }

        public bool UploadCompleted { get; private set; }

        public void Report(DockerBuildProgress value)
        {
            lock (_gate)
            {
                switch (value.Kind)
                {
                    case DockerBuildProgressKind.Output:
                        Lines.Add(value.Line!);
                        break;
                    case DockerBuildProgressKind.Step:
                        Steps.Add(value.Step!);
                        break;
                    case DockerBuildProgressKind.SendingContext:
                        LastSent = value.ContextBytesSent;
                        UploadCompleted |= value.ContextSent;
                        break;
                }
            }
            _then?.Invoke(value);
        }
    }

    private static DockerBuildOptions Options(BuildScope scope, params string[] tags)
    {
        var options = new DockerBuildOptions();
        foreach (var tag in tags) options.Tags.Add(tag);
        options.Labels[BuildScope.LabelKey] = scope.Run;
        return options;
    }

    /// <summary>SEEDS.md section 1: a Dockerfile with MAINTAINER, RUN, ENV, EXPOSE and CMD, Apache and PHP from Debian.</summary>
    private const string WebDockerfile = """
        FROM debian:bookworm
        MAINTAINER DockerPS tests <dockerps@example.invalid>
        RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends apache2 libapache2-mod-php && rm -rf /var/lib/apt/lists/*
        ENV GREETING=hello-from-dockerps
        RUN rm -f /var/www/html/index.html && echo 'PassEnv GREETING' > /etc/apache2/conf-enabled/greeting.conf
        COPY index.php /var/www/html/index.php
        EXPOSE 80
        CMD ["apachectl", "-D", "FOREGROUND"]
        """;

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task The_Debian_web_server_builds_runs_answers_http_and_rebuilds_from_the_cache(string engine)
    {
        await using var scope = new BuildScope(engine);
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", WebDockerfile);
        temp.Write("index.php", "<?php echo 'php:' . (40 + 2) . ':' . getenv('GREETING');");
        var tag = scope.NewTag("web");

        var first = new Recorder();
        var options = Options(scope, tag);
        options.Progress = first;
        var clock = Stopwatch.StartNew();
        var built = await scope.Client.Images.BuildAsync(temp.Path, options);
        var firstTime = clock.Elapsed;
        _output.WriteLine($"{engine}: first build {firstTime.TotalSeconds:0.0} s, {built.Steps.Count} steps, image {built.ImageId}");

        Assert.StartsWith("sha256:", built.ImageId, StringComparison.Ordinal);
        Assert.Equal(9, built.Steps.Count); // 8 instructions and the LABEL the engine adds for the labels
        Assert.Equal("MAINTAINER DockerPS tests <dockerps@example.invalid>", built.Steps[1].Instruction);
        Assert.Equal(first.Steps.Select(s => s.ToString()), built.Steps.Select(s => s.ToString()));
        Assert.Contains(first.Lines, l => l.StartsWith("Step 3/9 : RUN apt-get update", StringComparison.Ordinal));
        Assert.Contains(first.Lines, l => l.Contains("Setting up apache2", StringComparison.Ordinal));
        Assert.True(first.UploadCompleted);
        Assert.Equal(new[] { tag }, built.Tags);

        // docker images -a: every step left an untagged intermediate image behind the tagged one.
        var all = await scope.Client.Images.ListAsync(new ImageListOptions { All = true });
        foreach (var step in built.Steps.Skip(1).SkipLast(1))
        {
            var image = Assert.Single(all, i => i.Id.StartsWith("sha256:" + step.ImageId, StringComparison.Ordinal));
            Assert.Null(image.Reference);
            Assert.Equal(DockerPS.Engine.Model.DockerImage.None, image.Tag);
        }
        Assert.Contains(all, i => i.Id == built.ImageId && i.Reference == tag);
        var shown = await scope.Client.Images.GetAsync(tag);
        Assert.Equal((built.ImageId, scope.Run), (shown.Id, shown.Labels[BuildScope.LabelKey]));

        // It runs, with its port published, and Apache serves the PHP page with the image's ENV.
        var create = new ContainerCreateOptions(tag)
        {
            ExposedPorts = new[] { "80/tcp" },
            PortBindings = PortPublication.ToPortBindings(new[] { PortPublication.Parse("127.0.0.1::80") }),
        };
        var container = await scope.CreateAsync(tag, "web", options: create);
        await scope.Client.Containers.StartAsync(container);
        var details = await scope.Client.Containers.InspectAsync(container);
        var port = details.Ports.Single(p => p.IsPublished && p.PrivatePort == 80).PublicPort!.Value;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string? body = null;
        for (var attempt = 0; attempt < 60 && body is null; attempt++)
        {
            try
            {
                body = await http.GetStringAsync($"http://127.0.0.1:{port}/");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(500);
            }
        }
        Assert.Equal("php:42:hello-from-dockerps", body);

        // The same build again: every step comes from the cache, and fast.
        var second = new Recorder();
        options.Progress = second;
        clock.Restart();
        var again = await scope.Client.Images.BuildAsync(temp.Path, options);
        var secondTime = clock.Elapsed;
        _output.WriteLine($"{engine}: second build {secondTime.TotalSeconds:0.0} s");
        Assert.Equal(built.ImageId, again.ImageId);
        Assert.All(again.Steps.Skip(1), s => Assert.True(s.UsedCache, s + " did not use the cache"));
        Assert.Contains(" ---> Using cache", second.Lines);
        Assert.DoesNotContain(second.Lines, l => l.StartsWith(" ---> Running in", StringComparison.Ordinal));
        Assert.True(secondTime < TimeSpan.FromSeconds(15), $"the cached build took {secondTime} (the first {firstTime})");
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_failing_RUN_names_its_step_exit_code_and_last_output(string engine)
    {
        await using var scope = new BuildScope(engine);
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM busybox:latest\nRUN echo ok\nRUN echo before && echo oops >&2 && exit 3\nRUN echo never\n");
        var tag = scope.NewTag("fail");
        var recorder = new Recorder();
        var options = Options(scope, tag);
        options.Progress = recorder;
        options.NoCache = true;

        var ex = await Assert.ThrowsAsync<DockerBuildException>(() => scope.Client.Images.BuildAsync(temp.Path, options));
        _output.WriteLine(ex.Message);
        // Step 2's image stays behind untagged, as with docker: this test's to remove.
        foreach (var step in recorder.Steps.Where(s => s.Number > 1 && s.ImageId is not null)) scope.TrackImage(step.ImageId!);
        Assert.Equal(("BuildStepFailed", DockerErrorCategory.InvalidResult, 3), (ex.ErrorId, ex.Category, ex.ExitCode));
        Assert.Equal((3, 5), (ex.Step!.Number, ex.Step.Count));
        Assert.StartsWith("Step 3/5 : RUN echo before && echo oops >&2 && exit 3 failed: The command '/bin/sh -c echo before && echo oops >&2 && exit 3' returned a non-zero code: 3 (exit code 3).",
            ex.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "before", "oops" }, ex.Output.OrderBy(l => l, StringComparer.Ordinal));
        Assert.Contains("    oops", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(recorder.Lines, l => l.Contains("never", StringComparison.Ordinal) && !l.StartsWith("Step", StringComparison.Ordinal));
        await Assert.ThrowsAsync<DockerNotFoundException>(() => scope.Client.Images.GetAsync(tag));

        // As docker: without -ForceRm the failed step's container stays for inspection; with it, it is removed.
        scope.Track(ex.Step.ContainerId!);
        Assert.Equal(3, (await scope.Client.Containers.InspectAsync(ex.Step.ContainerId!)).State.ExitCode);
        options.ForceRemoveIntermediateContainers = true;
        recorder.Steps.Clear();
        ex = await Assert.ThrowsAsync<DockerBuildException>(() => scope.Client.Images.BuildAsync(temp.Path, options));
        foreach (var step in recorder.Steps.Where(s => s.Number > 1 && s.ImageId is not null)) scope.TrackImage(step.ImageId!);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => scope.Client.Containers.InspectAsync(ex.Step!.ContainerId!));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_Dockerfile_outside_the_context_with_build_args_labels_and_a_target(string engine)
    {
        await using var scope = new BuildScope(engine);
        using var temp = new TempDirectory();
        var dockerfile = temp.Write("recipes/multi.dockerfile", """
            FROM busybox:latest AS base
            ARG GREETING=default
            ARG UNSET=fallback
            RUN echo "$GREETING" > /greeting && echo "$UNSET" > /unset
            COPY . /ctx
            FROM base AS final
            RUN echo final > /final
            """);
        var context = Path.Combine(temp.Path, "context");
        temp.Write("context/app.txt", "app");
        temp.Write("context/.dockerignore", "*.tmp");
        temp.Write("context/scratch.tmp", "tmp");
        var tag = scope.NewTag("outside");
        var options = Options(scope, tag);
        options.Dockerfile = dockerfile;
        options.Target = "base";
        options.BuildArgs["GREETING"] = "hi there";
        options.BuildArgs["UNSET"] = null;
        options.Labels["com.example.role"] = "web";
        options.Network = "none";

        var result = await scope.Client.Images.BuildAsync(context, options);
        Assert.True(result.Context.DockerfileOutside);
        Assert.Matches(@"^\.dockerfile\.[0-9a-f]{20}$", result.Context.DockerfileName);
        Assert.DoesNotContain(result.Steps, s => s.Instruction.Contains("final", StringComparison.Ordinal));

        var image = await scope.Client.Images.GetAsync(tag);
        Assert.Equal("web", image.Labels["com.example.role"]);
        Assert.Equal(scope.Run, image.Labels[BuildScope.LabelKey]);
        Assert.Equal("hi there\n", await scope.ReadFileAsync(tag, "/greeting"));
        Assert.Equal("fallback\n", await scope.ReadFileAsync(tag, "/unset"));
        Assert.Null(await scope.ReadFileAsync(tag, "/final"));
        // The engine dropped the injected Dockerfile from what COPY saw (.dockerignore, rewritten to list it, still
        // applied and is kept as it does not list itself): the same as the docker CLI's build of the same files.
        var copied = await scope.ListAsync(tag, "/ctx");
        Assert.Equal(new[] { ".dockerignore", "app.txt" }, copied);
        var cliTag = scope.NewTag("outside-cli");
        Cli.Run(engine, $"build -q --target base -f {dockerfile} -t {cliTag} {context}", cli: TestEnvironment.Engine("engine28").Cli);
        Assert.Equal(await scope.ListAsync(cliTag, "/ctx"), copied);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Cancelling_stops_the_build_at_once_and_tags_nothing(string engine)
    {
        await using var scope = new BuildScope(engine);
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM busybox:latest\nRUN echo started && sleep 120\nRUN echo never\n");
        var tag = scope.NewTag("cancel");
        using var cancel = new CancellationTokenSource();
        string? container = null;
        var cancelledAt = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var options = Options(scope, tag);
        options.NoCache = true;
        options.Progress = new Recorder(p =>
        {
            if (p.Kind == DockerBuildProgressKind.Output && p.Line == "started" && container is null)
            {
                container = p.Step!.ContainerId;
                cancelledAt = clock.Elapsed;
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scope.Client.Images.BuildAsync(temp.Path, options, cancel.Token));
        var stopped = clock.Elapsed - cancelledAt;
        _output.WriteLine($"{engine}: stopped {stopped.TotalMilliseconds:0} ms after the cancel; step container {container}");
        Assert.NotNull(container);
        Assert.True(stopped < TimeSpan.FromSeconds(2), $"the build call returned {stopped} after the cancel");
        await Assert.ThrowsAsync<DockerNotFoundException>(() => scope.Client.Images.GetAsync(tag));

        // The engine kills and removes the step's container once it sees the client gone.
        var gone = false;
        for (var i = 0; i < 60 && !gone; i++)
        {
            try
            {
                await scope.Client.Containers.InspectAsync(container!);
                await Task.Delay(500);
            }
            catch (DockerNotFoundException)
            {
                gone = true;
            }
        }
        if (!gone) scope.Track(container!);
        Assert.True(gone, $"the step container {container} is still there 30 s after the cancel");
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_platform_is_sent_to_engines_that_take_it(string engine)
    {
        await using var scope = new BuildScope(engine);
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM busybox:latest\nRUN uname -m > /arch\n");
        var tag = scope.NewTag("platform");
        var options = Options(scope, tag);
        options.Platform = "linux/amd64";
        await scope.Client.Images.BuildAsync(temp.Path, options);
        Assert.Equal("x86_64\n", await scope.ReadFileAsync(tag, "/arch"));

        // An engine older than API 1.38 is refused before anything is sent.
        using var old = TestEnvironment.Client(engine, new DockerClientOptions { PinnedApiVersion = new ApiVersion(1, 37) });
        var ex = await Assert.ThrowsAsync<DockerApiVersionException>(() => old.Images.BuildAsync(temp.Path, options));
        Assert.Equal(("-Platform", new ApiVersion(1, 38)), (ex.Feature, ex.Required));
    }
}
