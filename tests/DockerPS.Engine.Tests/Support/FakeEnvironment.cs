using System.Collections.Generic;
using System.IO;
using DockerPS.Engine.Endpoints;

namespace DockerPS.Engine.Tests.Support;

/// <summary>An environment with given variables over the real file system (tests point DOCKER_CONFIG at a temp folder).</summary>
public sealed class FakeEnvironment : IDockerEnvironment
{
    private readonly Dictionary<string, string?> _vars;

    public FakeEnvironment(Dictionary<string, string?>? vars = null, string home = "/home/test", bool windows = false)
    {
        _vars = vars ?? new Dictionary<string, string?>();
        HomeDirectory = home;
        IsWindows = windows;
    }

    public string? GetVariable(string name) => _vars.TryGetValue(name, out var v) ? v : null;

    public string HomeDirectory { get; }

    public bool IsWindows { get; }

    public bool FileExists(string path) => File.Exists(path);

    public string ReadAllText(string path) => File.ReadAllText(path);
}

/// <summary>A temporary folder, removed when disposed.</summary>
public sealed class TempDirectory : System.IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dockerps-test-" + System.Guid.NewGuid().ToString("n"));

    public string Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { }
    }
}
