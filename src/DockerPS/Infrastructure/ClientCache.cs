using System.Collections.Concurrent;
using DockerPS.Engine;
using DockerPS.Engine.Endpoints;

namespace DockerPS.Infrastructure;

/// <summary>
/// One <see cref="DockerClient"/> per endpoint for the whole session, so that connections and the negotiated API
/// version are reused from one cmdlet call to the next. Creating a client does no I/O.
/// </summary>
internal static class ClientCache
{
    private static readonly ConcurrentDictionary<string, DockerClient> Clients = new();

    public static DockerClient Get(string? dockerHost, string? context)
    {
        var endpoint = new EndpointResolver().Resolve(dockerHost, context);
        var options = DockerClient.OptionsFromEnvironment();
        var key = endpoint.CacheKey + "|" + options.PinnedApiVersion;
        return Clients.GetOrAdd(key, _ => new DockerClient(endpoint, options));
    }
}
