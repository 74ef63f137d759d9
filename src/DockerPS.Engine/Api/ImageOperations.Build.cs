using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Build;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Api;

/// <summary>docker build with the engine's classic builder (POST /build).</summary>
public sealed partial class ImageOperations
{
    /// <summary>The API version docker annotates <c>--platform</c> of docker build with.</summary>
    public static readonly ApiVersion BuildPlatformApi = new(1, 38);

    /// <summary>
    /// <c>docker build</c> of a local folder: the context is prepared as the docker CLI prepares it (see
    /// <see cref="BuildContext"/>) and streamed to the engine as a tar archive while it is written; the engine's
    /// output is followed step by step. Every tag, the build arguments and the platform are checked before anything
    /// is sent. A failed step is a <see cref="DockerBuildException"/> naming the step, its exit code and its last
    /// output. Cancelling stops the upload or the build at once (the engine stops the step's container and tags
    /// nothing).
    /// </summary>
    public Task<DockerBuildResult> BuildAsync(string contextDirectory, DockerBuildOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DockerBuildOptions();
        var platform = CheckBuildOptions(options);
        var context = BuildContext.Prepare(contextDirectory, options.Dockerfile, cancellationToken);
        return BuildAsync(context, options, platform, cancellationToken);
    }

    /// <summary>
    /// <c>docker build</c> of a context already prepared with <see cref="BuildContext.Prepare"/> (whose Dockerfile is
    /// used; <see cref="DockerBuildOptions.Dockerfile"/> is not read).
    /// </summary>
    public Task<DockerBuildResult> BuildAsync(BuildContext context, DockerBuildOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        options ??= new DockerBuildOptions();
        return BuildAsync(context, options, CheckBuildOptions(options), cancellationToken);
    }

    /// <summary>
    /// Refuses tags, build arguments, a target and a platform the engine would refuse, naming them; returns the
    /// platform as it is sent.
    /// </summary>
    public static string? CheckBuildOptions(DockerBuildOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        foreach (var tag in options.Tags)
        {
            var name = ImageName.Parse(tag ?? throw new DockerArgumentException("A tag is empty.", "InvalidImageReference", tag));
            if (name.Digest is not null)
                throw new DockerArgumentException($"The tag '{tag}' has a digest; an image is tagged with repository:tag only.", "InvalidImageReference", tag);
        }
        foreach (var name in options.BuildArgs.Keys)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new DockerArgumentException("A build argument has no name; write @{ NAME = 'value' } or 'NAME=value'.", "InvalidBuildArg", name);
        }
        if (options.Target is { } target && target.Trim().Length == 0)
            throw new DockerArgumentException("-Target is empty; name a stage of the Dockerfile (FROM image AS name).", "InvalidTarget", target);
        return options.Platform is null ? null : ImagePlatform.Validate(options.Platform);
    }

    private async Task<DockerBuildResult> BuildAsync(BuildContext context, DockerBuildOptions options, string? platform, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var contextDirectory = context.Directory;
        if (platform is not null) await _client.RequireApiVersionAsync("-Platform", BuildPlatformApi, cancellationToken).ConfigureAwait(false);

        var request = new DockerRequest("POST", "/build") { ResourceKind = "Image", Target = contextDirectory, Streaming = true }
            .Query("dockerfile", context.DockerfileName);
        foreach (var tag in options.Tags) request.Query("t", tag);
        request.Query("nocache", options.NoCache)
            .Query("pull", options.Pull)
            .Query("rm", options.RemoveIntermediateContainers, onlyWhenTrue: false)
            .Query("forcerm", options.ForceRemoveIntermediateContainers);
        if (options.BuildArgs.Count > 0) request.Query("buildargs", JsonMap(options.BuildArgs));
        if (options.Labels.Count > 0) request.Query("labels", JsonMap(options.Labels.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal)));
        request.Query("target", options.Target)
            .Query("networkmode", options.Network)
            .Query("platform", platform)
            // The classic builder: what this call drives and reads.
            .Query("version", "1");
        var registryConfig = options.RegistryConfig
            ?? await Registry.DockerCredentialStore.FromEnvironment().GetRegistryConfigHeaderAsync(cancellationToken).ConfigureAwait(false);
        if (registryConfig.Length > 0) request.Header("X-Registry-Config", registryConfig);

        var tracker = new CopyTracker(new DockerCopyOptions { Progress = new UploadProgress(options.Progress), ProgressInterval = options.ProgressInterval },
            DockerCopyDirection.ToContainer, context.Directory, _client.Endpoint.Uri) { TotalBytes = context.TotalBytes };
        request.Body = new WriterRequestBody((stream, token) => context.WriteAsync(stream, tracker, token), "application/x-tar");

        DockerResponse response;
        try
        {
            response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex is not DockerAuthenticationException)
        {
            // The engine read the context and then refused the Dockerfile or an option.
            throw new DockerBuildException($"The engine refused the build: {ex.EngineMessage}", "BuildFailed", ex.Category, contextDirectory, null,
                Array.Empty<string>(), null, ex.EngineMessage, ex);
        }
        tracker.Complete();
        var uploadTime = clock.Elapsed;

        var output = new BuildOutput(options.Progress, options.FailureOutputLines);
        using (response)
        {
            var reader = new JsonMessageReader(response.Body, contextDirectory);
            try
            {
                JsonMessage? message;
                while ((message = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) is not null) output.Add(message);
            }
            catch (DockerStreamException ex)
            {
                throw output.Failure(ex, contextDirectory);
            }
            output.Complete();
        }

        var imageId = output.ImageId
            ?? throw new DockerProtocolException("The engine ended the build without naming the image it built (no aux ID and no \"Successfully built\" line).");
        return new DockerBuildResult(imageId, output.Tagged.ToArray(), output.Steps.ToArray(), context, tracker.Bytes, uploadTime, clock.Elapsed);
    }

    /// <summary>A JSON object of strings (null values kept as null), as the buildargs and labels queries take it.</summary>
    private static string JsonMap(IEnumerable<KeyValuePair<string, string?>> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var kv in entries)
            {
                if (kv.Value is null) json.WriteNull(kv.Key);
                else json.WriteString(kv.Key, kv.Value);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The context upload's byte counts as build progress.</summary>
    private sealed class UploadProgress : IProgress<DockerCopyProgress>
    {
        private readonly IProgress<DockerBuildProgress>? _target;

        public UploadProgress(IProgress<DockerBuildProgress>? target) => _target = target;

        public void Report(DockerCopyProgress value) => _target?.Report(new DockerBuildProgress(DockerBuildProgressKind.SendingContext, null)
        {
            ContextBytesSent = value.BytesCopied,
            ContextTotalBytes = value.TotalBytes,
            ContextItem = value.CurrentItem,
            ContextSent = value.Completed,
        });
    }
}
