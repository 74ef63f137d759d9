namespace DockerPS.Engine.Model;

/// <summary>A container that stopped, and its exit code (Wait-DockerContainer).</summary>
public sealed class DockerContainerExit
{
    public DockerContainerExit(string id, string name, long exitCode)
    {
        Id = id;
        Name = name;
        ExitCode = exitCode;
    }

    public string Id { get; }

    public string Name { get; }

    public long ExitCode { get; }

    public override string ToString() => Name + ": " + ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
