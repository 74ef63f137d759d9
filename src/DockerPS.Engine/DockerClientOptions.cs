using System;

namespace DockerPS.Engine;

public sealed class DockerClientOptions
{
    /// <summary>The longest a plain (non-streaming) call may take, connect to last byte. Streams have no limit.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>An API version to use instead of negotiating (as <c>DOCKER_API_VERSION</c> pins it).</summary>
    public ApiVersion? PinnedApiVersion { get; set; }

    /// <summary>The newest API version the client will speak; the lower of this and the engine's is used.</summary>
    public ApiVersion ClientMaximum { get; set; } = ApiVersion.ClientMaximum;
}
