using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using DockerPS.Engine.Api;

namespace DockerPS.Engine.Tests.Support;

/// <summary>Creates uniquely named, labelled test containers on one engine and removes them all at the end.</summary>
public sealed class ContainerScope : IAsyncDisposable
{
    public const string LabelKey = "dockerps.test";

    public ContainerScope(DockerClient client)
    {
        Client = client;
        Run = Guid.NewGuid().ToString("n")[..12];
    }

    public DockerClient Client { get; }

    /// <summary>This scope's label value: tests filter on it so other containers never interfere.</summary>
    public string Run { get; }

    public string Label => LabelKey + "=" + Run;

    private readonly List<string> _ids = new();

    public string NewName(string stem) => $"dps-{stem}-{Run}";

    public async Task<string> CreateAsync(string stem, IList<string>? command = null, bool openStdin = false, bool tty = false, string? image = null)
    {
        var options = new ContainerCreateOptions(image ?? TestEnvironment.BusyboxImage)
        {
            Name = NewName(stem),
            Command = command ?? new[] { "sleep", "300" },
            Labels = new Dictionary<string, string> { [LabelKey] = Run },
            OpenStdin = openStdin,
            Tty = tty,
        };
        var id = await Client.Containers.CreateAsync(options);
        _ids.Add(id);
        return id;
    }

    /// <summary>Removes this container at the end too (for containers a test creates itself).</summary>
    public void Track(string id) => _ids.Add(id);

    public async Task<string> StartedAsync(string stem, IList<string>? command = null)
    {
        var id = await CreateAsync(stem, command);
        await Client.Containers.StartAsync(id);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _ids)
        {
            try
            {
                await Client.Containers.RemoveAsync(id, force: true);
            }
            catch (Errors.DockerNotFoundException)
            {
            }
        }
    }
}
