using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Support;

/// <summary>
/// Images a test makes on one engine: named dpsimg-*, labelled dpsimg.test=&lt;run&gt;, and removed at the end (only these:
/// the engines are shared, so nothing else is ever removed or pruned).
/// </summary>
public sealed class ImageScope : IAsyncDisposable
{
    public const string LabelKey = "dpsimg.test";

    public ImageScope(DockerClient client)
    {
        Client = client;
        Containers = new ContainerScope(client);
    }

    public DockerClient Client { get; }

    /// <summary>Containers of this test (removed before the images).</summary>
    public ContainerScope Containers { get; }

    public string Run => Containers.Run;

    /// <summary>The label filter that selects this test's images and nothing else.</summary>
    public string Label => LabelKey + "=" + Run;

    /// <summary>A change that puts this test's label on a committed or imported image.</summary>
    public DockerfileChange LabelChange => DockerfileChange.Parse($"LABEL {LabelKey}={Run}");

    private readonly List<string> _images = new();

    /// <summary>A repository name of this test: dpsimg-&lt;stem&gt;-&lt;run&gt;.</summary>
    public string Repository(string stem) => $"dpsimg-{stem}-{Run}";

    /// <summary>Removes this reference or id at the end (force; gone already is fine).</summary>
    public string Track(string referenceOrId)
    {
        _images.Add(referenceOrId);
        return referenceOrId;
    }

    /// <summary>A labelled image of this test: a busybox container with a file, committed.</summary>
    public async Task<string> CommitBusyboxAsync(string stem, string? reference, params string[] extraChanges)
    {
        var container = await Containers.CreateAsync(stem, new[] { "sh", "-c", $"echo {stem}-{Run} > /dpsimg.txt" });
        await Client.Containers.StartAsync(container);
        await Client.Containers.WaitAsync(container);
        var options = new ImageCommitOptions { Reference = reference is null ? null : ImageName.Parse(reference), Message = "dpsimg test " + stem };
        options.Changes.Add(LabelChange);
        foreach (var change in extraChanges) options.Changes.Add(DockerfileChange.Parse(change));
        var id = await Client.Images.CommitAsync(container, options);
        Track(id);
        if (reference is not null) Track(reference);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await Containers.DisposeAsync();
        for (var i = _images.Count - 1; i >= 0; i--)
        {
            try
            {
                await Client.Images.RemoveAsync(_images[i], new ImageRemoveOptions { Force = true });
            }
            catch (Errors.DockerNotFoundException)
            {
            }
            catch (Errors.DockerApiException)
            {
                // Still used by a child image of this test, removed by the next round; never anyone else's.
            }
        }
    }
}
