using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Model;
using DockerPS.Engine.Streams;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Api;

/// <summary>How <c>docker rmi</c> removes.</summary>
public sealed class ImageRemoveOptions
{
    /// <summary>docker rmi --force: remove an image stopped containers use, or that several repositories name.</summary>
    public bool Force { get; set; }

    /// <summary>docker rmi --no-prune: keep the untagged parents.</summary>
    public bool NoPrune { get; set; }
}

/// <summary>What <c>docker image prune</c> removes.</summary>
public sealed class ImagePruneOptions
{
    /// <summary>Every image no container uses (docker image prune -a), not only dangling ones.</summary>
    public bool All { get; set; }

    /// <summary><c>until</c>, <c>label</c> and <c>label!</c>; <c>dangling</c> comes from <see cref="All"/>.</summary>
    public DockerFilters Filters { get; } = new();
}

/// <summary>Progress and messages of a save, load or import.</summary>
public sealed class ImageTransferOptions
{
    /// <summary>Told the bytes moved so far, at most every <see cref="ProgressInterval"/> and once at the end.</summary>
    public IProgress<ImageTransferProgress>? Progress { get; set; }

    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Each progress message the engine sends (load and import), as it comes.</summary>
    public Action<JsonMessage>? OnMessage { get; set; }
}

/// <summary>How far a save, load or import has come.</summary>
public sealed class ImageTransferProgress
{
    internal ImageTransferProgress(long bytes, long? totalBytes, bool completed)
    {
        Bytes = bytes;
        TotalBytes = totalBytes;
        Completed = completed;
    }

    /// <summary>Bytes written to the file (save) or sent to the engine (load, import).</summary>
    public long Bytes { get; }

    /// <summary>The whole, when known (the file's length for a load or import).</summary>
    public long? TotalBytes { get; }

    public bool Completed { get; }
}

/// <summary>docker commit: what the new image is called and what changes its configuration.</summary>
public sealed class ImageCommitOptions
{
    /// <summary>repository[:tag] of the new image; null leaves it untagged. A digest is refused.</summary>
    public ImageName? Reference { get; set; }

    /// <summary>The commit message (docker commit -m).</summary>
    public string? Message { get; set; }

    /// <summary>The author (docker commit -a).</summary>
    public string? Author { get; set; }

    public IList<DockerfileChange> Changes { get; } = new List<DockerfileChange>();

    /// <summary>Pause the container while it is committed (docker's default).</summary>
    public bool Pause { get; set; } = true;
}

/// <summary>docker import: what the image made from a root file system tarball is called and carries.</summary>
public sealed class ImageImportOptions
{
    public ImageName? Reference { get; set; }

    /// <summary>The commit message recorded in the image's history.</summary>
    public string? Message { get; set; }

    public IList<DockerfileChange> Changes { get; } = new List<DockerfileChange>();

    /// <summary>os[/architecture[/variant]], checked by <see cref="ImagePlatform.Validate"/>.</summary>
    public string? Platform { get; set; }
}

/// <summary>What a docker load brought in, as the engine reported it.</summary>
public sealed class DockerImageLoadResult
{
    internal DockerImageLoadResult(IReadOnlyList<string> references, IReadOnlyList<string> ids)
    {
        References = references;
        Ids = ids;
    }

    /// <summary>"Loaded image: repository:tag" lines.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>"Loaded image ID: sha256:…" lines (images saved without a tag).</summary>
    public IReadOnlyList<string> Ids { get; }
}

public sealed partial class ImageOperations
{
    private const string TarType = "application/x-tar";
    private const int CopyPiece = 256 * 1024;
    private const int ArchiveTail = 4096;

    /// <summary>The filters POST /images/prune understands besides dangling.</summary>
    public static readonly IReadOnlyList<string> PruneFilterKeys = new[] { "until", "label", "label!" };

    /// <summary>GET /images/{name}/json: the full description. A missing image is a <see cref="DockerNotFoundException"/>.</summary>
    public async Task<DockerImageDetails> InspectAsync(string reference, CancellationToken cancellationToken = default)
    {
        CheckName(reference);
        var dto = await _client.GetJsonAsync(ImageRequest("GET", reference, "/json"), WireJsonContext.Default.ImageInspectDto, cancellationToken).ConfigureAwait(false);
        return new DockerImageDetails(dto, _client.Endpoint.Uri);
    }

    /// <summary>GET /images/{name}/history (docker history): the steps that made the image, newest first.</summary>
    public async Task<IReadOnlyList<DockerImageHistory>> GetHistoryAsync(string reference, CancellationToken cancellationToken = default)
    {
        CheckName(reference);
        var list = await _client.GetJsonAsync(ImageRequest("GET", reference, "/history"), WireJsonContext.Default.ListImageHistoryDto, cancellationToken).ConfigureAwait(false);
        var engine = _client.Endpoint.Uri;
        return (list ?? new List<ImageHistoryDto>()).Select((dto, i) => new DockerImageHistory(dto, reference, i, engine)).ToArray();
    }

    /// <summary>POST /images/{name}/tag (docker tag): <paramref name="target"/> names the image too; no tag means latest.</summary>
    public Task TagAsync(string source, ImageName target, CancellationToken cancellationToken = default)
    {
        if (target is null) throw new ArgumentNullException(nameof(target));
        CheckName(source);
        if (target.Digest is not null)
        {
            throw ArgumentFailure.Create("InvalidImageTag", "tag", target.ToString(), "a tag cannot hold a digest; the engine sets digests when it pushes or pulls",
                "repository[:tag]; for example web:snap or 127.0.0.1:5000/team/app:v2");
        }
        var named = target.WithDefaultTag();
        var request = ImageRequest("POST", source, "/tag").Query("repo", named.FullRepository).Query("tag", named.Tag);
        return _client.SendAndDrainAsync(request, cancellationToken);
    }

    /// <summary>
    /// DELETE /images/{name} (docker rmi): untags the reference and deletes the image when no reference is left, with its
    /// untagged parents unless NoPrune. An image containers use is refused with a <see cref="DockerImageInUseException"/>
    /// that names every such container, running or not.
    /// </summary>
    public async Task<IReadOnlyList<DockerImageDeletion>> RemoveAsync(string reference, ImageRemoveOptions? options = null, CancellationToken cancellationToken = default)
    {
        CheckName(reference);
        options ??= new ImageRemoveOptions();
        var request = ImageRequest("DELETE", reference, string.Empty).Query("force", options.Force).Query("noprune", options.NoPrune);
        // Deleting large layers takes as long as the disk needs: no overall timeout.
        request.Streaming = true;
        List<ImageDeleteItemDto> items;
        try
        {
            items = await _client.GetJsonAsync(request, WireJsonContext.Default.ListImageDeleteItemDto, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerConflictException conflict)
        {
            var users = await FindContainersUsingAsync(reference, cancellationToken).ConfigureAwait(false);
            if (users.Count == 0) throw;
            throw new DockerImageInUseException(conflict.EngineMessage, users, reference);
        }
        return Deletions(items, reference);
    }

    /// <summary>
    /// The containers, running or not, created from the image a reference or id names (their ImageID is its id): those
    /// that keep docker rmi from removing it. None when the image does not exist.
    /// </summary>
    public async Task<IReadOnlyList<DockerContainer>> FindContainersUsingAsync(string reference, CancellationToken cancellationToken = default)
    {
        CheckName(reference);
        string id;
        try
        {
            id = (await _client.GetJsonAsync(ImageRequest("GET", reference, "/json"), WireJsonContext.Default.ImageInspectDto, cancellationToken).ConfigureAwait(false)).Id ?? string.Empty;
        }
        catch (DockerNotFoundException)
        {
            return Array.Empty<DockerContainer>();
        }
        if (id.Length == 0) return Array.Empty<DockerContainer>();
        var containers = await _client.Containers.ListAsync(new ContainerListOptions { All = true }, cancellationToken).ConfigureAwait(false);
        return containers.Where(c => string.Equals(c.ImageId, id, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>POST /images/prune (docker image prune): what the engine untagged and deleted, and the bytes it freed.</summary>
    public async Task<DockerImagePruneResult> PruneAsync(ImagePruneOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ImagePruneOptions();
        CheckPruneFilters(options.Filters);
        var filters = new DockerFilters();
        foreach (var kv in options.Filters.Values)
            foreach (var value in kv.Value) filters.Add(kv.Key, value);
        filters.Add("dangling", options.All ? "false" : "true");
        var request = new DockerRequest("POST", "/images/prune") { ResourceKind = "Image", Streaming = true }.Query("filters", filters.ToJson());
        var report = await _client.GetJsonAsync(request, WireJsonContext.Default.ImagePruneReportDto, cancellationToken).ConfigureAwait(false);
        var engine = _client.Endpoint.Uri;
        return new DockerImagePruneResult(Deletions(report.ImagesDeleted, "prune"), report.SpaceReclaimed, engine);
    }

    /// <summary>
    /// What <see cref="PruneAsync"/> would act on, worked out as the engine decides (moby's ImagesPrune) from the image
    /// and container lists, since the engine has no dry run: dangling mode takes untagged images no other image builds
    /// on; All takes every image except untagged ones that others build on; images a container uses are left; then the
    /// until and label filters. Images change between this call and a prune; the engine decides again then.
    /// </summary>
    public async Task<IReadOnlyList<DockerImagePruneCandidate>> PlanPruneAsync(ImagePruneOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ImagePruneOptions();
        CheckPruneFilters(options.Filters);
        DateTime? until = null;
        if (options.Filters.Values.TryGetValue("until", out var untils) && untils.Count > 0) until = FilterTime.Parse(untils[0], DateTime.UtcNow);

        var rows = await ListAsync(new ImageListOptions { All = true }, cancellationToken).ConfigureAwait(false);
        var containers = await _client.Containers.ListAsync(new ContainerListOptions { All = true }, cancellationToken).ConfigureAwait(false);
        var used = new HashSet<string>(containers.Select(c => c.ImageId), StringComparer.Ordinal);
        var images = rows.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var children = images.Values.Where(i => i.ParentId is not null).GroupBy(i => i.ParentId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int ChildCount(string id) => children.TryGetValue(id, out var n) ? n : 0;
        IReadOnlyList<string> References(DockerImage i) => i.RepoTags.Concat(i.RepoDigests).ToArray();

        var plan = new List<DockerImagePruneCandidate>();
        foreach (var image in images.Values.OrderByDescending(i => i.Created))
        {
            var references = References(image);
            var childCount = ChildCount(image.Id);
            if (!options.All && childCount > 0) continue;
            if (references.Count == 0 && childCount > 0) continue;
            if (until is not null && image.Created.ToUniversalTime() > until.Value) continue;
            if (!MatchesLabels(options.Filters, image.Labels)) continue;
            if (!options.All && image.RepoTags.Count > 0) continue;
            // The engine removes without force: a container's image is refused, and the prune goes on.
            if (used.Contains(image.Id)) continue;

            var deletes = childCount == 0;
            var parents = new List<string>();
            if (deletes)
            {
                var parent = image.ParentId;
                while (parent is not null && images.TryGetValue(parent, out var p) && References(p).Count == 0 && ChildCount(parent) == 1 && !used.Contains(parent))
                {
                    parents.Add(parent);
                    parent = p.ParentId;
                }
            }
            plan.Add(new DockerImagePruneCandidate(image, references, deletes, parents));
        }
        return plan;
    }

    /// <summary>
    /// GET /images/get (docker save): writes one tar archive of the images, with their tags, into
    /// <paramref name="destination"/> as it arrives. An error the engine writes into the archive after it has begun
    /// is detected at its end and thrown (the docker CLI leaves such an archive behind). Returns the bytes written.
    /// </summary>
    public async Task<long> SaveAsync(IEnumerable<string> names, Stream destination, ImageTransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (names is null) throw new ArgumentNullException(nameof(names));
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        var list = names.ToList();
        if (list.Count == 0) throw new DockerArgumentException("docker save needs at least one image.", "NoImage", null);
        foreach (var name in list) CheckName(name);

        var request = new DockerRequest("GET", "/images/get") { ResourceKind = "Image", Target = string.Join(", ", list), Streaming = true, Blocking = destination is FileStream { IsAsync: false } };
        foreach (var name in list) request.Query("names", name);
        DockerResponse response;
        try
        {
            response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerNotFoundException notFound)
        {
            // The engine says "reference does not exist" without saying which: find the ones missing and name them.
            throw await NameMissingAsync(list, notFound, cancellationToken).ConfigureAwait(false);
        }
        using var owned = response;

        var reporter = new TransferReporter(options, null);
        var tail = new byte[ArchiveTail];
        var tailLength = 0;
        // Pieces are gathered from the engine's chunks (about 32 KiB each) into the whole buffer, so the destination
        // sees one write per 256 KiB. A file opened for synchronous I/O is copied into with blocking reads and writes on
        // a thread of its own: asynchronous ones cost a readiness wait and a thread-pool hop per piece, which doubled the
        // client CPU of a 1 GiB save next to the docker CLI's (docs/benchmarks.md); cancellation aborts the connection,
        // which ends a blocked read at once.
        async ValueTask<long> CopyAsync(bool sync)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(CopyPiece);
            long total = 0;
            try
            {
                var ended = false;
                while (!ended)
                {
                    var filled = 0;
                    while (filled < CopyPiece)
                    {
                        var n = sync ? response.Body.Read(buffer, filled, CopyPiece - filled) : await response.Body.ReadAsync(buffer, filled, CopyPiece - filled, cancellationToken).ConfigureAwait(false);
                        if (n == 0)
                        {
                            ended = true;
                            break;
                        }
                        filled += n;
                    }
                    if (filled == 0) break;
                    if (sync) destination.Write(buffer, 0, filled);
                    else await destination.WriteAsync(buffer, 0, filled, cancellationToken).ConfigureAwait(false);
                    total += filled;
                    tailLength = KeepTail(tail, tailLength, buffer, filled);
                    reporter.Report(total);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return total;
        }

        var total = request.Blocking
            ? await Task.Factory.StartNew(() => Blocking.Result(CopyAsync(sync: true)), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false)
            : await CopyAsync(sync: false).ConfigureAwait(false);
        CheckArchiveEnd(tail, tailLength, request.Target);
        reporter.Complete(total);
        return total;
    }

    /// <summary>
    /// docker save -o: the archive goes to a temporary file beside <paramref name="path"/>, flushed to disk and renamed
    /// over it only when complete, so a failed or cancelled save leaves no partial file (and an old file intact).
    /// </summary>
    public async Task<long> SaveToFileAsync(IEnumerable<string> names, string path, bool noClobber = false, ImageTransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (Directory.Exists(full))
            throw new DockerException($"The path '{path}' is a folder; give the archive's file name ({full}).", "ArchivePathIsFolder", DockerErrorCategory.InvalidArgument, path);
        if (folder is null || !Directory.Exists(folder))
            throw new DockerException($"The folder of '{path}' does not exist ({folder}).", "ArchiveFolderNotFound", DockerErrorCategory.ObjectNotFound, path);
        if (noClobber && File.Exists(full))
            throw new DockerException($"The file '{path}' exists, and -NoClobber keeps it ({full}).", "ArchiveExists", DockerErrorCategory.ResourceExists, path);

        var temp = Path.Combine(folder, ".tmp-" + Path.GetFileName(full) + "-" + Guid.NewGuid().ToString("n").Substring(0, 8));
        var done = false;
        try
        {
            long written;
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan))
            {
                written = await SaveAsync(names, file, options, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            if (File.Exists(full)) File.Replace(temp, full, null);
            else File.Move(temp, full);
            done = true;
            return written;
        }
        finally
        {
            if (!done)
            {
                try
                {
                    File.Delete(temp);
                }
                catch (IOException)
                {
                    // Best effort: the file is hidden and named as a temporary one.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    /// <summary>
    /// POST /images/load (docker load): sends the archive as it is read, reports the engine's progress messages, and
    /// returns what it loaded, from its "Loaded image:" and "Loaded image ID:" lines. An error in the stream is a
    /// <see cref="DockerStreamException"/>.
    /// </summary>
    public async Task<DockerImageLoadResult> LoadAsync(Stream source, long? length = null, ImageTransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        var reporter = new TransferReporter(options, length);
        var request = new DockerRequest("POST", "/images/load")
        {
            ResourceKind = "Image",
            Streaming = true,
            Blocking = source is FileStream { IsAsync: false },
            Body = new CountingRequestBody(source, TarType, length, reporter.Report),
        }.Query("quiet", false, onlyWhenTrue: false);

        var references = new List<string>();
        var ids = new List<string>();
        using (var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
            reporter.Complete(null);
            var reader = new JsonMessageReader(response.Body, "docker load");
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
            {
                options?.OnMessage?.Invoke(message);
                foreach (var line in (message.Stream ?? string.Empty).Split('\n'))
                {
                    var text = line.Trim();
                    if (text.StartsWith(LoadedId, StringComparison.Ordinal)) ids.Add(text.Substring(LoadedId.Length).Trim());
                    else if (text.StartsWith(LoadedReference, StringComparison.Ordinal)) references.Add(text.Substring(LoadedReference.Length).Trim());
                }
            }
        }
        return new DockerImageLoadResult(references, ids);
    }

    private async Task<DockerNotFoundException> NameMissingAsync(List<string> names, DockerNotFoundException notFound, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            try
            {
                await _client.SendAndDrainAsync(ImageRequest("GET", name, "/json"), cancellationToken).ConfigureAwait(false);
            }
            catch (DockerNotFoundException)
            {
                missing.Add(name);
            }
        }
        if (missing.Count == 0) return notFound;
        var which = string.Join(", ", missing);
        return new DockerNotFoundException($"No such image: {which} ({notFound.EngineMessage}).", "ImageNotFound", missing.Count == 1 ? missing[0] : which);
    }

    private const string LoadedReference = "Loaded image: ";
    private const string LoadedId = "Loaded image ID: ";

    /// <summary>docker load -i: a missing file is refused before anything is sent.</summary>
    public async Task<DockerImageLoadResult> LoadFromFileAsync(string path, ImageTransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var file = OpenArchive(path);
        return await LoadAsync(file, file.Length, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// POST /images/create?fromSrc=- (docker import): an image whose only layer is the root file system tarball sent,
    /// with the changes applied to its configuration. Returns the new image's id.
    /// </summary>
    public async Task<string> ImportAsync(Stream source, long? length, ImageImportOptions? importOptions = null, ImageTransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        importOptions ??= new ImageImportOptions();
        var reference = CheckNewReference(importOptions.Reference);
        if (importOptions.Changes.Any(c => c.NeedsStopSignalApi))
            await _client.RequireApiVersionAsync("-Change STOPSIGNAL", DockerfileChange.StopSignalApi, cancellationToken).ConfigureAwait(false);
        var platform = importOptions.Platform is null ? null : ImagePlatform.Validate(importOptions.Platform);

        var reporter = new TransferReporter(options, length);
        var request = new DockerRequest("POST", "/images/create")
        {
            ResourceKind = "Image",
            Target = reference?.ToString() ?? "docker import",
            Streaming = true,
            Blocking = source is FileStream { IsAsync: false },
            Body = new CountingRequestBody(source, TarType, length, reporter.Report),
        }
            .Query("fromSrc", "-")
            .Query("repo", reference?.FullRepository)
            .Query("tag", reference?.Tag)
            .Query("message", string.IsNullOrEmpty(importOptions.Message) ? null : importOptions.Message)
            .Query("platform", platform);
        foreach (var change in importOptions.Changes) request.Query("changes", change.Text);

        string? id = null;
        using (var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
            reporter.Complete(null);
            var reader = new JsonMessageReader(response.Body, request.Target);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
            {
                options?.OnMessage?.Invoke(message);
                if (message.Status is { } status && status.StartsWith("sha256:", StringComparison.Ordinal)) id = status.Trim();
            }
        }
        return id ?? throw new DockerProtocolException("The engine imported the tarball but did not say the new image's id.");
    }

    /// <summary>docker import FILE: a missing file is refused before anything is sent.</summary>
    public async Task<string> ImportFromFileAsync(string path, ImageImportOptions? importOptions = null, ImageTransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        CheckNewReference(importOptions?.Reference);
        using var file = OpenArchive(path);
        return await ImportAsync(file, file.Length, importOptions, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// POST /commit (docker commit): a new image from the container's file system changes and configuration, paused
    /// meanwhile unless Pause is false. Returns the new image's id.
    /// </summary>
    public async Task<string> CommitAsync(string container, ImageCommitOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(container)) throw new DockerArgumentException("docker commit needs a container.", "NoContainer", container);
        options ??= new ImageCommitOptions();
        var reference = CheckNewReference(options.Reference);
        if (options.Changes.Any(c => c.NeedsStopSignalApi))
            await _client.RequireApiVersionAsync("-Change STOPSIGNAL", DockerfileChange.StopSignalApi, cancellationToken).ConfigureAwait(false);

        var request = new DockerRequest("POST", "/commit") { ResourceKind = "Container", Target = container, Streaming = true }
            .Query("container", container)
            .Query("repo", reference?.FullRepository)
            .Query("tag", reference?.Tag)
            .Query("comment", string.IsNullOrEmpty(options.Message) ? null : options.Message)
            .Query("author", string.IsNullOrEmpty(options.Author) ? null : options.Author)
            .Query("pause", options.Pause, onlyWhenTrue: false);
        foreach (var change in options.Changes) request.Query("changes", change.Text);
        var created = await _client.GetJsonAsync(request, WireJsonContext.Default.IdResponseDto, cancellationToken).ConfigureAwait(false);
        return created.Id ?? throw new DockerProtocolException("The engine committed the container but did not say the new image's id.");
    }

    /// <summary>
    /// Refuses, before anything is sent, a name that is neither an image id (or id prefix, with or without sha256:) nor a
    /// valid reference: UPPER/case, a::b, an empty tag.
    /// </summary>
    internal static void CheckName(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        if (IsIdLike(name)) return;
        ImageName.Parse(name);
    }

    private static bool IsIdLike(string name)
    {
        var hex = name.StartsWith("sha256:", StringComparison.Ordinal) ? name.Substring(7) : name;
        if (hex.Length == 0 || hex.Length > 64) return false;
        foreach (var c in hex)
            if (!(c is >= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        return true;
    }

    /// <summary>A reference for a new image: a tag is fine, a digest is refused (only a registry gives digests).</summary>
    private static ImageName? CheckNewReference(ImageName? reference)
    {
        if (reference?.Digest is null) return reference;
        throw ArgumentFailure.Create("InvalidImageReference", "image reference", reference.ToString(),
            "a new image is named by repository and tag; a digest comes from a registry", "repository[:tag]; for example web:snap");
    }

    private static FileStream OpenArchive(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (Directory.Exists(path))
            throw new DockerException($"The path '{path}' is a folder, not an archive file.", "ArchivePathIsFolder", DockerErrorCategory.InvalidArgument, path);
        if (!File.Exists(path))
            throw new DockerException($"The archive file '{path}' does not exist.", "ArchiveNotFound", DockerErrorCategory.ObjectNotFound, path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }

    private static void CheckPruneFilters(DockerFilters filters)
    {
        foreach (var key in filters.Values.Keys)
        {
            if (key == "dangling")
                throw new DockerArgumentException("A prune takes no 'dangling' filter: prune dangling images (the default) or every unused image (All).", "InvalidFilter", key);
            if (!PruneFilterKeys.Contains(key))
                throw new DockerArgumentException($"An image prune has no '{key}' filter; it takes {string.Join(", ", PruneFilterKeys)}.", "InvalidFilter", key);
        }
        if (filters.Values.TryGetValue("until", out var until))
        {
            if (until.Count > 1) throw new DockerArgumentException($"An image prune takes one 'until' filter; {until.Count} were given: {string.Join(", ", until)}.", "InvalidFilter", "until");
            FilterTime.Parse(until[0], DateTime.UtcNow);
        }
        foreach (var key in new[] { "label", "label!" })
        {
            if (!filters.Values.TryGetValue(key, out var labels)) continue;
            foreach (var label in labels)
            {
                if (label.Length == 0 || label[0] == '=')
                    throw new DockerArgumentException($"The {key} filter '{label}' is not of the form key or key=value.", "InvalidLabelFilter", label);
            }
        }
    }

    /// <summary>moby's matchLabels: every <c>label</c> filter matches, and not all <c>label!</c> filters match.</summary>
    internal static bool MatchesLabels(DockerFilters filters, IReadOnlyDictionary<string, string> labels)
    {
        if (!MatchesAll(filters, "label", labels)) return false;
        return !filters.Contains("label!") || !MatchesAll(filters, "label!", labels);
    }

    private static bool MatchesAll(DockerFilters filters, string key, IReadOnlyDictionary<string, string> labels)
    {
        if (!filters.Values.TryGetValue(key, out var wanted) || wanted.Count == 0) return true;
        if (labels.Count == 0) return false;
        foreach (var item in wanted)
        {
            var eq = item.IndexOf('=');
            var name = eq < 0 ? item : item.Substring(0, eq);
            if (!labels.TryGetValue(name, out var actual)) return false;
            if (eq >= 0 && actual != item.Substring(eq + 1)) return false;
        }
        return true;
    }

    private List<DockerImageDeletion> Deletions(List<ImageDeleteItemDto>? items, string target)
    {
        var engine = _client.Endpoint.Uri;
        var result = new List<DockerImageDeletion>();
        foreach (var item in items ?? new List<ImageDeleteItemDto>())
        {
            if (!string.IsNullOrEmpty(item.Untagged)) result.Add(new DockerImageDeletion(DockerImageDeletionKind.Untagged, item.Untagged!, target, engine));
            if (!string.IsNullOrEmpty(item.Deleted)) result.Add(new DockerImageDeletion(DockerImageDeletionKind.Deleted, item.Deleted!, target, engine));
        }
        return result;
    }

    private static int KeepTail(byte[] tail, int tailLength, byte[] buffer, int count)
    {
        if (count >= tail.Length)
        {
            Buffer.BlockCopy(buffer, count - tail.Length, tail, 0, tail.Length);
            return tail.Length;
        }
        var keep = Math.Min(tailLength, tail.Length - count);
        Buffer.BlockCopy(tail, tailLength - keep, tail, 0, keep);
        Buffer.BlockCopy(buffer, 0, tail, keep, count);
        return keep + count;
    }

    /// <summary>
    /// A tar archive ends with two zero blocks. The engine, when it fails after the archive has begun, writes its
    /// error as a JSON message instead (moby's getImagesGet): that is an error, and anything else is a cut archive.
    /// </summary>
    private static void CheckArchiveEnd(byte[] tail, int length, object? target)
    {
        const int endBlocks = 1024;
        if (length >= endBlocks)
        {
            var zero = true;
            for (var i = length - endBlocks; i < length && zero; i++) zero = tail[i] == 0;
            if (zero) return;
        }
        var text = Encoding.UTF8.GetString(tail, 0, length);
        var start = text.LastIndexOf("{\"errorDetail\"", StringComparison.Ordinal);
        if (start < 0) start = text.LastIndexOf("{\"error\"", StringComparison.Ordinal);
        if (start >= 0)
        {
            try
            {
                var dto = JsonSerializer.Deserialize(text.Substring(start).Trim(), WireJsonContext.Default.JsonMessageDto);
                var message = dto?.ErrorDetail?.Message ?? dto?.Error;
                if (!string.IsNullOrWhiteSpace(message)) throw new DockerStreamException(message!.Trim(), dto?.ErrorDetail?.Code, target);
            }
            catch (JsonException)
            {
                // Not the engine's error message: a cut archive, below.
            }
        }
        throw new DockerProtocolException("The engine's image archive ended before its end; nothing was saved.");
    }

    /// <summary>Reports transfer progress at most every interval, and once at the end.</summary>
    private sealed class TransferReporter
    {
        private readonly IProgress<ImageTransferProgress>? _progress;
        private readonly long _interval;
        private readonly long? _total;
        private long _last = -1;
        private long _bytes;

        public TransferReporter(ImageTransferOptions? options, long? total)
        {
            _progress = options?.Progress;
            _interval = (long)((options?.ProgressInterval ?? TimeSpan.FromMilliseconds(200)).TotalSeconds * Stopwatch.Frequency);
            _total = total;
        }

        public void Report(long bytes)
        {
            _bytes = bytes;
            if (_progress is null) return;
            var now = Stopwatch.GetTimestamp();
            if (_last >= 0 && now - _last < _interval) return;
            _last = now;
            _progress.Report(new ImageTransferProgress(bytes, _total, completed: false));
        }

        public void Complete(long? bytes) => _progress?.Report(new ImageTransferProgress(bytes ?? _bytes, _total, completed: true));
    }
}
