using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Api;

/// <summary>A tar stream of a container path, with the engine's stat of that path. Disposing it ends the call.</summary>
public sealed class ContainerArchive : IDisposable
{
    private readonly DockerResponse _response;

    internal ContainerArchive(DockerResponse response, DockerContainerItem item)
    {
        _response = response;
        Item = item;
    }

    /// <summary>What the path is (a directory, a file, a link...).</summary>
    public DockerContainerItem Item { get; }

    /// <summary>The tar archive, read as it arrives.</summary>
    public Stream Content => _response.Body;

    public void Dispose() => _response.Dispose();
}

/// <summary>
/// Container file system calls (<c>/containers/{id}/archive</c>) and <c>docker cp</c> built on them. Containers are
/// named by name, id or id prefix; running and stopped containers both work.
/// </summary>
public sealed class ArchiveOperations
{
    internal const string StatHeader = "X-Docker-Container-Path-Stat";

    private readonly DockerClient _client;

    internal ArchiveOperations(DockerClient client) => _client = client;

    private static string ArchivePath(string container) => "/containers/" + Uri.EscapeDataString(container) + "/archive";

    /// <summary>HEAD /containers/{id}/archive: what the path is. A missing path or container is a <see cref="DockerNotFoundException"/>.</summary>
    public async Task<DockerContainerItem> StatAsync(string container, string path, CancellationToken cancellationToken = default)
    {
        Check(container, path);
        var request = new DockerRequest("HEAD", ArchivePath(container)) { ResourceKind = "Container", Target = container }.Query("path", path);
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return ParseStat(response, container, path);
        }
        catch (DockerNotFoundException)
        {
            throw await NotFoundAsync(container, path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>GET /containers/{id}/archive: the path as a tar stream (a directory with everything in it), with its stat.</summary>
    public async Task<ContainerArchive> GetArchiveAsync(string container, string path, CancellationToken cancellationToken = default)
    {
        Check(container, path);
        var request = new DockerRequest("GET", ArchivePath(container)) { ResourceKind = "Container", Target = container, Streaming = true }.Query("path", path);
        DockerResponse response;
        try
        {
            response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerNotFoundException)
        {
            throw await NotFoundAsync(container, path, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            return new ContainerArchive(response, ParseStat(response, container, path));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// PUT /containers/{id}/archive: extracts a tar archive into <paramref name="directory"/> (which must exist in
    /// the container). <paramref name="writeArchive"/> writes the archive straight into the request as it is sent
    /// (chunked), so it is never held whole. With <paramref name="noOverwriteDirNonDir"/> (docker cp's default) the
    /// engine refuses to replace a directory with a non-directory or the reverse; <paramref name="copyOwnership"/>
    /// gives the items the container user's uid and gid.
    /// </summary>
    public async Task PutArchiveAsync(string container, string directory, Func<Stream, CancellationToken, Task> writeArchive, bool noOverwriteDirNonDir = true,
        bool copyOwnership = false, CancellationToken cancellationToken = default)
    {
        Check(container, directory);
        if (writeArchive is null) throw new ArgumentNullException(nameof(writeArchive));
        var started = false;
        var body = new WriterRequestBody((stream, token) =>
        {
            started = true;
            return writeArchive(stream, token);
        }, "application/x-tar");
        var request = new DockerRequest("PUT", ArchivePath(container)) { ResourceKind = "Container", Target = container, Streaming = true, Body = body }
            .Query("path", directory)
            .Query("noOverwriteDirNonDir", noOverwriteDirNonDir)
            .Query("copyUIDGID", copyOwnership);
        try
        {
            await _client.SendAndDrainAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerNotFoundException)
        {
            throw await NotFoundAsync(container, directory, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerException ex) when (started && ex is DockerUnreachableException or DockerTlsException && !cancellationToken.IsCancellationRequested)
        {
            // The engine answered (and closed) before it had read the whole archive: it refused part of it.
            throw new DockerException($"The engine stopped reading the archive for {container}:{directory} before its end ({ex.InnerException?.Message ?? ex.Message}). " +
                "It refused part of it: for example a file where a directory is, a read-only path, or a full disk.", "ArchiveRefused", DockerErrorCategory.InvalidOperation, container + ":" + directory, ex);
        }
    }

    /// <summary>PUT /containers/{id}/archive from a tar stream that is already made (copied as it is read).</summary>
    public Task PutArchiveAsync(string container, string directory, Stream archive, bool noOverwriteDirNonDir = true, bool copyOwnership = false, CancellationToken cancellationToken = default)
    {
        if (archive is null) throw new ArgumentNullException(nameof(archive));
        return PutArchiveAsync(container, directory, (destination, token) => new StreamRequestBody(archive, "application/x-tar").WriteToAsync(destination, token),
            noOverwriteDirNonDir, copyOwnership, cancellationToken);
    }

    /// <summary>
    /// <c>docker cp CONTAINER:SRC_PATH DEST_PATH</c>: copies a file or directory out of a container onto the host,
    /// with docker cp's rules for trailing '/' and '/.' and existing destinations. <paramref name="hostPath"/> should
    /// be a full path (a relative one is taken from the process's current directory).
    /// </summary>
    public Task<DockerCopyResult> CopyFromContainerAsync(string container, string containerPath, string hostPath, DockerCopyOptions? options = null, CancellationToken cancellationToken = default) =>
        ContainerCopier.FromContainerAsync(this, container, containerPath, hostPath, options ?? new DockerCopyOptions(), cancellationToken);

    /// <summary><c>docker cp SRC_PATH CONTAINER:DEST_PATH</c>: copies a host file or directory into a container, archived as it is sent.</summary>
    public Task<DockerCopyResult> CopyToContainerAsync(string hostPath, string container, string containerPath, DockerCopyOptions? options = null, CancellationToken cancellationToken = default) =>
        ContainerCopier.ToContainerAsync(this, hostPath, container, containerPath, options ?? new DockerCopyOptions(), cancellationToken);

    private static void Check(string container, string path)
    {
        if (string.IsNullOrEmpty(container)) throw new DockerArgumentException("A container name or id is needed.", "InvalidContainer", container);
        if (string.IsNullOrEmpty(path)) throw new DockerArgumentException($"A path inside the container '{container}' is needed.", "InvalidCopyPath", container + ":");
    }

    private static DockerContainerItem ParseStat(DockerResponse response, string container, string path)
    {
        var header = response.Header(StatHeader);
        if (string.IsNullOrEmpty(header)) throw new DockerProtocolException($"The engine did not describe {container}:{path} (no {StatHeader} header).");
        try
        {
            var json = Convert.FromBase64String(header!);
            var dto = JsonSerializer.Deserialize(json, WireJsonContext.Default.ContainerPathStatDto)
                ?? throw new DockerProtocolException($"The engine's {StatHeader} header is empty.");
            return new DockerContainerItem(container, path, dto);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new DockerProtocolException($"The engine's {StatHeader} header is not base64 JSON: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// A 404 from the archive endpoint means no such container or no such path; a HEAD answer has no message to tell
    /// which, so the container is looked up: its own not-found error, or one that names the container and the path.
    /// </summary>
    private async Task<DockerException> NotFoundAsync(string container, string path, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendAndDrainAsync(new DockerRequest("GET", "/containers/" + Uri.EscapeDataString(container) + "/json") { ResourceKind = "Container", Target = container }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DockerNotFoundException missing)
        {
            return new DockerNotFoundException(missing.EngineMessage.Length > 0 ? missing.EngineMessage : "No such container: " + container, "ContainerNotFound", container);
        }
        return new DockerNotFoundException($"The path '{path}' does not exist in the container '{container}'.", "ContainerPathNotFound", container + ":" + path);
    }
}
