using System;
using System.Globalization;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// <c>-RestartPolicy</c> as <c>docker run --restart</c>: <c>no</c>, <c>always</c>, <c>unless-stopped</c> or
/// <c>on-failure[:max-retries]</c> (docker/cli <c>opts.ParseRestartPolicy</c>, checked as the engine's
/// <c>container.ValidateRestartPolicy</c> checks it, so a bad one is refused before anything is created).
/// Names are matched case-insensitively and written lower-case.
/// </summary>
public sealed class RestartPolicy
{
    private const string What = "restart policy";
    private const string Expected = "no, always, unless-stopped or on-failure[:max-retries]; for example unless-stopped or on-failure:5";

    private RestartPolicy(string name, int maximumRetryCount)
    {
        Name = name;
        MaximumRetryCount = maximumRetryCount;
    }

    /// <summary>no, always, unless-stopped or on-failure: the engine's <c>RestartPolicy.Name</c>.</summary>
    public string Name { get; }

    /// <summary>The engine's <c>RestartPolicy.MaximumRetryCount</c>: 0 for no limit, and for every other policy.</summary>
    public int MaximumRetryCount { get; }

    public override string ToString() =>
        MaximumRetryCount == 0 ? Name : Name + ":" + MaximumRetryCount.ToString(CultureInfo.InvariantCulture);

    /// <summary>Throws <see cref="DockerArgumentException"/> (InvalidRestartPolicy).</summary>
    public static RestartPolicy Parse(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        DockerArgumentException Fail(string reason) => ArgumentFailure.Create("InvalidRestartPolicy", What, value, reason, Expected);

        if (value.Length == 0) throw Fail("it is empty");
        var colon = value.IndexOf(':');
        var name = (colon < 0 ? value : value.Substring(0, colon)).ToLowerInvariant();
        if (name.Length == 0) throw Fail("there is no policy name before ':'");
        if (name is not ("no" or "always" or "unless-stopped" or "on-failure"))
            throw Fail($"'{(colon < 0 ? value : value.Substring(0, colon))}' is not a restart policy");

        var count = 0;
        if (colon >= 0)
        {
            var text = value.Substring(colon + 1);
            if (text.Length == 0) throw Fail("the retry count after ':' is empty");
            if (text[0] == '-') throw Fail("the retry count cannot be negative");
            foreach (var c in text)
                if (c < '0' || c > '9') throw Fail($"the retry count '{text}' is not a whole number");
            if (text.Length > 10 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count))
                throw Fail($"the retry count '{text}' is too large");
            // As the engine: a count with any policy but on-failure is refused, except 0.
            if (count != 0 && name != "on-failure") throw Fail("a retry count can only be given with on-failure");
        }
        return new RestartPolicy(name, count);
    }
}
