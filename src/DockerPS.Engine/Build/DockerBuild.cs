using System;
using System.Collections.Generic;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Build;

/// <summary>How <c>docker build</c> (the engine's classic builder) is to build.</summary>
public sealed class DockerBuildOptions
{
    /// <summary>The Dockerfile: a full path, inside the context or anywhere else; null for the context's own Dockerfile.</summary>
    public string? Dockerfile { get; set; }

    /// <summary>Names for the image (<c>-t</c>), each checked as an image reference before anything is sent.</summary>
    public IList<string> Tags { get; } = new List<string>();

    /// <summary>ARG values (<c>--build-arg</c>); a null value is a name without a value.</summary>
    public IDictionary<string, string?> BuildArgs { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Labels for the image (<c>--label</c>).</summary>
    public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The stage of a multi-stage Dockerfile to build (<c>--target</c>).</summary>
    public string? Target { get; set; }

    /// <summary>Build every step anew (<c>--no-cache</c>).</summary>
    public bool NoCache { get; set; }

    /// <summary>Pull a newer version of the base images (<c>--pull</c>).</summary>
    public bool Pull { get; set; }

    /// <summary>The platform to build for, <c>os[/arch[/variant]]</c> (<c>--platform</c>, Engine API 1.38).</summary>
    public string? Platform { get; set; }

    /// <summary>The network RUN steps use (<c>--network</c>): default, bridge, host, none or a network name.</summary>
    public string? Network { get; set; }

    /// <summary>Remove intermediate containers after a successful build (<c>--rm</c>, docker's default).</summary>
    public bool RemoveIntermediateContainers { get; set; } = true;

    /// <summary>Remove intermediate containers even after a failed step (<c>--force-rm</c>).</summary>
    public bool ForceRemoveIntermediateContainers { get; set; }

    /// <summary>
    /// The <c>X-Registry-Config</c> header: base64url of the JSON map of registry to credentials that docker sends so
    /// that FROM (and -Pull) can pull private images. Null sends every credential the process's docker configuration
    /// holds, as docker build does (<see cref="Registry.DockerCredentialStore.GetRegistryConfigHeaderAsync"/>); empty
    /// sends none.
    /// </summary>
    public string? RegistryConfig { get; set; }

    /// <summary>Told of the context upload (at most every <see cref="ProgressInterval"/>), each step, each output line and pull status.</summary>
    public IProgress<DockerBuildProgress>? Progress { get; set; }

    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many of a step's last output lines a failure reports.</summary>
    public int FailureOutputLines { get; set; } = 20;
}

/// <summary>What a build report is about.</summary>
public enum DockerBuildProgressKind
{
    /// <summary>The context is being sent: <see cref="DockerBuildProgress.ContextBytesSent"/> of <see cref="DockerBuildProgress.ContextTotalBytes"/>.</summary>
    SendingContext,

    /// <summary>A step started: <see cref="DockerBuildProgress.Step"/>.</summary>
    Step,

    /// <summary>A line of build output: <see cref="DockerBuildProgress.Line"/>.</summary>
    Output,

    /// <summary>A status or progress message, such as a base image being pulled: <see cref="DockerBuildProgress.Message"/>.</summary>
    Status,
}

/// <summary>One report of a build's progress.</summary>
public sealed class DockerBuildProgress
{
    internal DockerBuildProgress(DockerBuildProgressKind kind, DockerBuildStep? step)
    {
        Kind = kind;
        Step = step;
    }

    public DockerBuildProgressKind Kind { get; }

    /// <summary>The step under way (for every kind once the first step started).</summary>
    public DockerBuildStep? Step { get; }

    /// <summary>Context bytes sent so far (file content).</summary>
    public long ContextBytesSent { get; internal set; }

    /// <summary>All the context's file content, as checked before sending.</summary>
    public long? ContextTotalBytes { get; internal set; }

    /// <summary>The item of the context being sent.</summary>
    public string? ContextItem { get; internal set; }

    /// <summary>True on the last report of the upload.</summary>
    public bool ContextSent { get; internal set; }

    /// <summary>An output line, without its line break or colour codes.</summary>
    public string? Line { get; internal set; }

    /// <summary>True when the line was written to standard error by a RUN step.</summary>
    public bool IsErrorOutput { get; internal set; }

    /// <summary>A status message (for example a layer of a base image being pulled).</summary>
    public JsonMessage? Message { get; internal set; }
}

/// <summary>One step of a classic build, as the engine reported it ("Step 3/7 : RUN ...").</summary>
public sealed class DockerBuildStep
{
    internal DockerBuildStep(int number, int count, string instruction)
    {
        Number = number;
        Count = count;
        Instruction = instruction;
    }

    public int Number { get; }

    public int Count { get; }

    /// <summary>The Dockerfile instruction, as the engine shows it (<c>RUN apt-get update</c>).</summary>
    public string Instruction { get; }

    /// <summary>True when the engine reused a cached result for the step.</summary>
    public bool UsedCache { get; internal set; }

    /// <summary>The container the step ran in (RUN and other steps that commit), when it ran in one.</summary>
    public string? ContainerId { get; internal set; }

    /// <summary>The (short) id of the image the step produced.</summary>
    public string? ImageId { get; internal set; }

    /// <summary>"Step 3/7 : RUN ...", as docker prints it.</summary>
    public override string ToString() => $"Step {Number}/{Count} : {Instruction}";
}

/// <summary>What a build did.</summary>
public sealed class DockerBuildResult
{
    internal DockerBuildResult(string imageId, IReadOnlyList<string> tags, IReadOnlyList<DockerBuildStep> steps, BuildContext context, long contextBytes,
        TimeSpan uploadTime, TimeSpan elapsed)
    {
        ImageId = imageId;
        Tags = tags;
        Steps = steps;
        Context = context;
        ContextBytes = contextBytes;
        UploadTime = uploadTime;
        Elapsed = elapsed;
    }

    /// <summary>The built image's id, <c>sha256:...</c>.</summary>
    public string ImageId { get; }

    /// <summary>The tags the engine applied.</summary>
    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<DockerBuildStep> Steps { get; }

    /// <summary>The context as it was prepared.</summary>
    public BuildContext Context { get; }

    /// <summary>File content sent.</summary>
    public long ContextBytes { get; }

    /// <summary>From the start until the engine had the whole context.</summary>
    public TimeSpan UploadTime { get; }

    public TimeSpan Elapsed { get; }
}

/// <summary>
/// A build that failed in the engine: a step that failed (a RUN command's exit code, a COPY source missing), or a
/// Dockerfile the engine refused. Names the step and carries the last lines of its output.
/// </summary>
public sealed class DockerBuildException : DockerException
{
    internal DockerBuildException(string message, string errorId, DockerErrorCategory category, object? target, DockerBuildStep? step, IReadOnlyList<string> output,
        int? exitCode, string engineMessage, Exception? innerException)
        : base(message, errorId, category, target, innerException)
    {
        Step = step;
        Output = output;
        ExitCode = exitCode;
        EngineMessage = engineMessage;
    }

    /// <summary>The step that failed; null when the build failed before its first step.</summary>
    public DockerBuildStep? Step { get; }

    /// <summary>The last lines the failed step wrote.</summary>
    public IReadOnlyList<string> Output { get; }

    /// <summary>The exit code of a RUN command that failed.</summary>
    public int? ExitCode { get; }

    /// <summary>The engine's own words.</summary>
    public string EngineMessage { get; }
}
