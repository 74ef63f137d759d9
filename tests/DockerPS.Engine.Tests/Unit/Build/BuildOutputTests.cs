using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DockerPS.Engine.Build;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Tests.Unit.Build;

/// <summary>The classic builder's output, as engines 20.10 and 28 write it (recorded from both).</summary>
public class BuildOutputTests
{
    private sealed class Sink : IProgress<DockerBuildProgress>
    {
        public List<DockerBuildProgress> Reports { get; } = new();

        public void Report(DockerBuildProgress value) => Reports.Add(value);
    }

    private static JsonMessage Text(string stream) => new(null, null, null, null, null, stream, null);

    private static BuildOutput Feed(Sink sink, params string[] chunks)
    {
        var output = new BuildOutput(sink, 3);
        foreach (var chunk in chunks) output.Add(Text(chunk));
        return output;
    }

    [Fact]
    public void Steps_their_containers_cache_use_and_results_are_followed_across_chunks()
    {
        var sink = new Sink();
        var output = Feed(sink,
            "Step 1/3 : FROM busybox:latest", "\n", " ---> 948765fcad21\n",
            "Step 2/3 : RUN echo hello", "\n", " ---> Running in f584c778fe00\n", "hel", "lo\n", "Removing intermediate container f584c778fe00\n", " ---> 8ec21e30431d\n",
            "Step 3/3 : CMD [\"sh\"]", "\n", " ---> Using cache\n", " ---> 3b1d04cf3882\n",
            "Successfully built 3b1d04cf3882\n", "Successfully tagged app:1\n");
        output.Add(new JsonMessage(null, null, null, null, null, null, JsonDocument.Parse("{\"ID\":\"sha256:3b1d04cf3882aa\"}").RootElement));
        output.Complete();

        Assert.Equal(new[] { "FROM busybox:latest", "RUN echo hello", "CMD [\"sh\"]" }, output.Steps.Select(s => s.Instruction));
        Assert.Equal(("f584c778fe00", "8ec21e30431d", false), (output.Steps[1].ContainerId, output.Steps[1].ImageId, output.Steps[1].UsedCache));
        Assert.True(output.Steps[2].UsedCache);
        Assert.Equal("sha256:3b1d04cf3882aa", output.ImageId);
        Assert.Equal(new[] { "app:1" }, output.Tagged);
        Assert.Contains(sink.Reports, r => r.Kind == DockerBuildProgressKind.Output && r.Line == "hello" && r.Step!.Number == 2);
        Assert.Equal(3, sink.Reports.Count(r => r.Kind == DockerBuildProgressKind.Step));
    }

    [Fact]
    public void Standard_error_is_recognised_by_its_colour_codes_and_the_codes_dropped()
    {
        var sink = new Sink();
        Feed(sink, "Step 1/1 : RUN x\n", "\u001b[91moops\n\u001b[0m", "fine\n");
        var lines = sink.Reports.Where(r => r.Kind == DockerBuildProgressKind.Output).Skip(1).Select(r => (r.Line!, r.IsErrorOutput)).ToArray();
        Assert.Equal(new[] { ("oops", true), ("fine", false) }, lines);
    }

    [Fact]
    public void An_engine_error_becomes_a_failure_naming_the_step_exit_code_and_last_lines()
    {
        var output = Feed(new Sink(), "Step 2/4 : RUN make\n", " ---> Running in 0123456789ab\n", "a\nb\nc\nd\n", "Removing intermediate container 0123456789ab\n");
        var failure = output.Failure(new DockerStreamException("The command '/bin/sh -c make' returned a non-zero code: 2", 2, "ctx"), "ctx");
        Assert.Equal(("BuildStepFailed", DockerErrorCategory.InvalidResult, 2, "ctx"), (failure.ErrorId, failure.Category, failure.ExitCode, failure.Target));
        Assert.Equal(new[] { "b", "c", "d" }, failure.Output);
        Assert.Equal("0123456789ab", failure.Step!.ContainerId);
        Assert.Equal("Step 2/4 : RUN make failed: The command '/bin/sh -c make' returned a non-zero code: 2 (exit code 2). Its last output:"
            + Environment.NewLine + "    b" + Environment.NewLine + "    c" + Environment.NewLine + "    d", failure.Message);

        var early = new BuildOutput(null, 5).Failure(new DockerStreamException("COPY failed: file not found in build context", 1, null), null);
        Assert.Equal(("BuildFailed", DockerErrorCategory.InvalidOperation, (int?)null, (DockerBuildStep?)null), (early.ErrorId, early.Category, early.ExitCode, early.Step));
    }
}
