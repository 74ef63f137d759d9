using DockerPS.Engine;
using DockerPS.Engine.Endpoints;

namespace DockerPS.Bench.Support;

/// <summary>One test engine from the endpoints file: its name, its address and the docker CLI built for its version.</summary>
internal sealed record BenchEngine(string Name, string Host, string Cli)
{
    public DockerEndpoint Endpoint => DockerHostParser.Parse(Host);

    /// <summary>A DockerPS client for this engine, as the module would make one for <c>-DockerHost</c>.</summary>
    public DockerClient Connect() => new(Endpoint);
}
