using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Archive;

namespace DockerPS.Engine.Tests.Support;

/// <summary>
/// The images and containers one build test makes on one engine, all named <c>dpsbuild-…</c> and labelled with the
/// run, removed at the end (tags with the docker CLI: image removal belongs to another part of the client).
/// </summary>
public sealed class BuildScope : IAsyncDisposable
{
    public const string LabelKey = "dpsbuild.test";

    public BuildScope(string engine)
    {
        Engine = engine;
        Client = TestEnvironment.Client(engine);
        Run = Guid.NewGuid().ToString("n")[..10];
    }

    public string Engine { get; }

    public DockerClient Client { get; }

    public string Run { get; }

    public IDictionary<string, string> Labels => new Dictionary<string, string> { [LabelKey] = Run };

    private readonly List<string> _tags = new();
    private readonly List<string> _containers = new();

    /// <summary>A tag owned by this scope (removed at the end): <c>dpsbuild-{stem}-{run}:{tag}</c>.</summary>
    public string NewTag(string stem, string tag = "latest")
    {
        var name = $"dpsbuild-{stem}-{Run}:{tag}";
        _tags.Add(name);
        return name;
    }

    private readonly List<string> _images = new();

    /// <summary>Removes this image at the end too (by id: the untagged images a failed build leaves, as docker does).</summary>
    public void TrackImage(string id) => _images.Add(id);

    /// <summary>Removes this container at the end too.</summary>
    public void Track(string containerId) => _containers.Add(containerId);

    /// <summary>A container of <paramref name="image"/> (not started), removed at the end.</summary>
    public async Task<string> CreateAsync(string image, string stem, IList<string>? command = null, ContainerCreateOptions? options = null)
    {
        // An image without a shell still makes a container; it is never started.
        options ??= new ContainerCreateOptions(image) { Command = command ?? new[] { "none" } };
        options.Name = $"dpsbuild-{stem}-{Run}-{_containers.Count}";
        options.Labels = Labels;
        var id = await Client.Containers.CreateAsync(options);
        _containers.Add(id);
        return id;
    }

    /// <summary>
    /// Everything under <paramref name="path"/> in <paramref name="image"/>, relative to it, folders ending with '/',
    /// read from a container's archive (so images without a shell work).
    /// </summary>
    public async Task<SortedSet<string>> ListAsync(string image, string path)
    {
        var id = await CreateAsync(image, "list");
        var names = new SortedSet<string>(StringComparer.Ordinal);
        using (var archive = await Client.Archive.GetArchiveAsync(id, path))
        using (var reader = new TarReader(archive.Content, leaveOpen: true))
        {
            var root = path.TrimEnd('/').Split('/').Last() + "/";
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                var name = entry.Name;
                if (name.StartsWith(root, StringComparison.Ordinal) && name.Length > root.Length) names.Add(name.Substring(root.Length));
            }
        }
        await Client.Containers.RemoveAsync(id, force: true);
        _containers.Remove(id);
        return names;
    }

    /// <summary>The text of one file in <paramref name="image"/>, or null when it is not there.</summary>
    public async Task<string?> ReadFileAsync(string image, string path)
    {
        var id = await CreateAsync(image, "read");
        try
        {
            using var archive = await Client.Archive.GetArchiveAsync(id, path);
            using var reader = new TarReader(archive.Content, leaveOpen: true);
            if (await reader.GetNextEntryAsync() is null) return null;
            var data = new byte[reader.DataRemaining];
            await reader.ReadDataFullyAsync(data, 0, data.Length);
            return System.Text.Encoding.UTF8.GetString(data);
        }
        catch (Errors.DockerNotFoundException)
        {
            return null;
        }
        finally
        {
            await Client.Containers.RemoveAsync(id, force: true);
            _containers.Remove(id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _containers)
        {
            try
            {
                await Client.Containers.RemoveAsync(id, force: true);
            }
            catch (Errors.DockerNotFoundException)
            {
            }
        }
        foreach (var tag in _tags) Cli.Run(Engine, "rmi " + tag, check: false);
        foreach (var id in _images) Cli.Run(Engine, "rmi " + id, check: false);
        Client.Dispose();
    }
}
