using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Pty.Tests.Support;

/// <summary>Containers named dpsint-pty-STEM-RUN and labelled with the run, all removed at the end.</summary>
public sealed class Scope : IAsyncDisposable
{
    private readonly ContainerScope _inner;

    public Scope(string engine)
    {
        Client = TestEnvironment.Client(engine);
        _inner = new ContainerScope(Client);
    }

    public DockerClient Client { get; }

    public string Label => ContainerScope.LabelKey + "=" + _inner.Run;

    public string Name(string stem) => $"dpsint-pty-{stem}-{_inner.Run}";

    public async Task<string> StartedAsync(string stem)
    {
        var name = Name(stem);
        var id = await Client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage)
        {
            Name = name,
            Command = new[] { "sleep", "300" },
            Labels = new Dictionary<string, string> { [ContainerScope.LabelKey] = _inner.Run },
        });
        await Client.Containers.StartAsync(id);
        return name;
    }

    public async Task<IReadOnlyList<Engine.Model.DockerContainer>> ListAsync()
    {
        var options = new ContainerListOptions { All = true };
        options.Filters.Add("label", _inner.Label);
        return await Client.Containers.ListAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in await ListAsync())
        {
            try
            {
                await Client.Containers.RemoveAsync(c.Id, force: true);
            }
            catch (Engine.Errors.DockerApiException)
            {
                // Gone already, or being removed by the engine (-Remove).
            }
        }
        Client.Dispose();
    }
}

/// <summary>A theory that needs the real engines and a pseudo-terminal: skipped (with the reason) where either is missing.</summary>
public sealed class PtyEngineTheoryAttribute : TheoryAttribute
{
    public PtyEngineTheoryAttribute()
    {
        var reason = TestEnvironment.SkipReason ?? PtySession.SkipReason;
        if (reason is not null) Skip = reason;
    }
}
