using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// <c>-Change</c> of docker commit and docker import: Dockerfile instructions applied to the new image's configuration
/// (<c>CMD ["nginx"]</c>, <c>ENV A=1</c>, <c>EXPOSE 80</c>). The engine applies only the instructions that set
/// configuration (moby's <c>validCommitCommands</c>): CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, USER,
/// VOLUME and WORKDIR, and STOPSIGNAL from Engine API 1.52. Anything else (RUN, COPY, FROM, a typo) is refused here,
/// naming it, before anything is sent. A value may hold several instructions on separate lines, as docker joins them
/// into one Dockerfile; a line ending in a backslash continues on the next, and # starts a comment line.
/// </summary>
public sealed class DockerfileChange
{
    private const string What = "-Change instruction";
    private const string Expected =
        "a Dockerfile instruction docker commit and docker import apply: CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, USER, VOLUME or WORKDIR " +
        "(STOPSIGNAL needs Engine API 1.52); for example CMD [\"nginx\", \"-g\", \"daemon off;\"] or ENV MODE=production";

    /// <summary>The API version that added STOPSIGNAL to the instructions a commit or import applies.</summary>
    public static readonly ApiVersion StopSignalApi = new(1, 52);

    /// <summary>Instructions the engine applies, and whether each needs an argument.</summary>
    private static readonly Dictionary<string, bool> Applied = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CMD"] = false,
        ["ENTRYPOINT"] = false,
        ["ENV"] = true,
        ["EXPOSE"] = true,
        ["HEALTHCHECK"] = true,
        ["LABEL"] = true,
        ["ONBUILD"] = true,
        ["USER"] = true,
        ["VOLUME"] = true,
        ["WORKDIR"] = true,
        ["STOPSIGNAL"] = true,
    };

    /// <summary>Dockerfile instructions that exist but that a commit or import cannot apply.</summary>
    private static readonly HashSet<string> BuildOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ARG", "COPY", "FROM", "MAINTAINER", "RUN", "SHELL",
    };

    private static readonly char[] Blanks = { ' ', '\t' };

    private DockerfileChange(string text, IReadOnlyList<string> instructions)
    {
        Text = text;
        Instructions = instructions;
    }

    /// <summary>The value as given: it is sent as it is, as docker sends it.</summary>
    public string Text { get; }

    /// <summary>The instructions in it, upper case (one per logical line).</summary>
    public IReadOnlyList<string> Instructions { get; }

    /// <summary>True when an instruction needs a newer engine than some (STOPSIGNAL).</summary>
    public bool NeedsStopSignalApi => Instructions.Contains("STOPSIGNAL");

    /// <summary>Throws <see cref="Errors.DockerArgumentException"/> (InvalidChange) naming the instruction.</summary>
    public static DockerfileChange Parse(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var instructions = new List<string>();
        foreach (var line in LogicalLines(value))
        {
            var trimmed = line.Trim();
            var end = 0;
            while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end])) end++;
            var word = trimmed.Substring(0, end);
            var rest = trimmed.Substring(end).Trim();
            var reason = Problem(word, rest);
            if (reason is not null) throw ArgumentFailure.Create("InvalidChange", What, value, reason, Expected);
            instructions.Add(word.ToUpperInvariant());
        }
        if (instructions.Count == 0) throw ArgumentFailure.Create("InvalidChange", What, value, "it holds no instruction", Expected);
        return new DockerfileChange(value, instructions);
    }

    /// <summary>Parses every value; the first bad one is refused.</summary>
    public static IReadOnlyList<DockerfileChange> ParseAll(IEnumerable<string>? values) =>
        values is null ? Array.Empty<DockerfileChange>() : values.Select(Parse).ToArray();

    private static string? Problem(string word, string rest)
    {
        if (Applied.TryGetValue(word, out var needsArgument))
        {
            if (needsArgument && rest.Length == 0) return $"{word.ToUpperInvariant()} needs at least one argument";
            if (string.Equals(word, "ONBUILD", StringComparison.OrdinalIgnoreCase))
            {
                var trigger = rest.Split(Blanks, 2)[0].ToUpperInvariant();
                if (trigger == "ONBUILD") return "ONBUILD ONBUILD is not allowed";
                if (trigger is "FROM" or "MAINTAINER") return $"{trigger} is not allowed as an ONBUILD trigger";
            }
            return null;
        }
        if (BuildOnly.Contains(word))
            return $"{word.ToUpperInvariant()} is a Dockerfile instruction, but not one a commit or an import applies: a change sets the image's configuration, it runs and copies nothing";
        return $"'{word}' is not a Dockerfile instruction";
    }

    /// <summary>The value's lines joined across trailing backslashes, without blank and comment lines.</summary>
    private static IEnumerable<string> LogicalLines(string value)
    {
        var pending = string.Empty;
        foreach (var raw in value.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal))) continue;
            var trimmedEnd = line.TrimEnd();
            if (trimmedEnd.EndsWith("\\", StringComparison.Ordinal))
            {
                pending += trimmedEnd.Substring(0, trimmedEnd.Length - 1) + " ";
                continue;
            }
            yield return pending + line;
            pending = string.Empty;
        }
        if (pending.Trim().Length > 0) yield return pending;
    }

    public override string ToString() => Text;
}
