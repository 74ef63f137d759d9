using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;
using System.Management.Automation;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>
/// One recipe test on one engine: names (all dpsrecipe-RUN-...), free ports, the engine client for checking what the
/// scripts did, and at the end the removal of every container and volume of those names, whatever the test left.
/// </summary>
public sealed class RecipeScope : IAsyncDisposable
{
    private readonly List<string> _containers = new();
    private readonly List<string> _volumes = new();

    public RecipeScope(string engine)
    {
        Engine = engine;
        Host = TestEnvironment.Engine(engine).Host;
        Client = TestEnvironment.Client(engine);
        Run = Guid.NewGuid().ToString("n")[..8];
    }

    public string Engine { get; }

    /// <summary>The engine's endpoint, for the scripts' -DockerHost.</summary>
    public string Host { get; }

    public DockerClient Client { get; }

    public string Run { get; }

    /// <summary>A name of this run (dpsrecipe-STEM-RUN), removed at the end as a container and as a volume.</summary>
    public string Name(string stem)
    {
        var name = $"dpsrecipe-{stem}-{Run}";
        _containers.Add(name);
        _volumes.Add(name);
        return name;
    }

    public static PSCredential Credential(string user, string password)
    {
        var secure = new SecureString();
        foreach (var c in password) secure.AppendChar(c);
        secure.MakeReadOnly();
        return new PSCredential(user, secure);
    }

    public async Task<bool> ContainerExistsAsync(string name)
    {
        try
        {
            await Client.Containers.InspectAsync(name);
            return true;
        }
        catch (DockerNotFoundException)
        {
            return false;
        }
    }

    public async Task<bool> VolumeExistsAsync(string name)
    {
        try
        {
            await Client.Volumes.InspectAsync(name);
            return true;
        }
        catch (DockerNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Runs a command in a container through the engine layer: its exit code and output.</summary>
    public async Task<(long Code, string Output)> ExecAsync(string container, params string[] command)
    {
        var lines = new List<string>();
        var code = await ExecRunner.RunAsync(Client, container, command, new ExecOptions(), l => { lock (lines) lines.Add(l.Text); }, CancellationToken.None);
        return (code, string.Join("\n", lines));
    }

    /// <summary>Removes this run's containers now (before an image they use is removed, say); the end removes them too.</summary>
    public async Task DisposeContainersAsync()
    {
        foreach (var c in _containers)
        {
            try
            {
                await Client.Containers.RemoveAsync(c, force: true, volumes: true);
            }
            catch (DockerNotFoundException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeContainersAsync();
        foreach (var v in _volumes.Distinct())
        {
            try
            {
                await Client.Volumes.RemoveAsync(v, force: true);
            }
            catch (DockerNotFoundException)
            {
            }
        }
        Client.Dispose();
    }
}
