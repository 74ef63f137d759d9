namespace DockerPS.Engine.Endpoints;

/// <summary>How the client reaches an engine.</summary>
public enum EndpointScheme
{
    Unix,
    NamedPipe,
    Tcp,
    Ssh,
}
