using System;
using System.IO;
using System.Runtime.InteropServices;

namespace DockerPS.Engine.Endpoints;

/// <summary>What endpoint resolution reads from the machine: variables, the home folder, files. Tests give their own.</summary>
public interface IDockerEnvironment
{
    string? GetVariable(string name);

    string HomeDirectory { get; }

    bool IsWindows { get; }

    bool FileExists(string path);

    string ReadAllText(string path);
}

/// <summary>The real process environment and file system.</summary>
public sealed class ProcessDockerEnvironment : IDockerEnvironment
{
    public static readonly ProcessDockerEnvironment Instance = new();

    private ProcessDockerEnvironment() { }

    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    public string HomeDirectory => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    public bool FileExists(string path) => File.Exists(path);

    public string ReadAllText(string path) => File.ReadAllText(path);
}
