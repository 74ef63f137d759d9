using System.Diagnostics;

namespace DockerPS.Bench.Support;

/// <summary>
/// The docker CLI of one engine, run as a process the way a user would: <c>-H</c> names the engine, and DOCKER_HOST
/// and DOCKER_CONTEXT are removed so nothing else can. Its output is drained as it comes (standard output dropped
/// unless <see cref="KeepOutput"/>, so gigabytes of logs cost no memory here). Where <see cref="MeasureResources"/>
/// is set and GNU time is installed, the CLI runs under it, for its CPU time and peak resident set.
/// </summary>
internal sealed class CliProcess
{
    private const string TimeCommand = "/usr/bin/time";

    private readonly BenchEngine _engine;

    public CliProcess(BenchEngine engine) => _engine = engine;

    /// <summary>Variables set for the CLI on top of the benchmark's own environment.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Keep standard output in <see cref="CliResult.Output"/>.</summary>
    public bool KeepOutput { get; init; }

    /// <summary>Run under /usr/bin/time for CPU and peak resident set.</summary>
    public bool MeasureResources { get; init; }

    /// <summary>Runs the CLI and fails with its error output when it fails.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        var result = await TryRunAsync(args).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var command = string.Join(' ', args);
            if (command.Length > 100) command = command[..100] + "...";
            throw new InvalidOperationException($"docker {command} failed with {result.ExitCode}: {result.Errors}");
        }
        return result;
    }

    /// <summary>Runs the CLI and returns whatever it did, failure included.</summary>
    public async Task<CliResult> TryRunAsync(params string[] args)
    {
        var timed = MeasureResources && File.Exists(TimeCommand);
        var times = timed ? Path.GetTempFileName() : null;
        try
        {
            var info = new ProcessStartInfo(timed ? TimeCommand : _engine.Cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (times is not null)
            {
                foreach (var a in new[] { "-f", "%U %S %M", "-o", times, _engine.Cli }) info.ArgumentList.Add(a);
            }
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add(_engine.Host);
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment.Remove("DOCKER_HOST");
            info.Environment.Remove("DOCKER_CONTEXT");
            foreach (var (name, value) in Environment) info.Environment[name] = value;

            var sw = Stopwatch.StartNew();
            using var p = Process.Start(info)!;
            var output = KeepOutput ? p.StandardOutput.ReadToEndAsync() : Drop(p.StandardOutput.BaseStream);
            var errors = p.StandardError.ReadToEndAsync();
            await Task.WhenAll(output, errors, p.WaitForExitAsync()).ConfigureAwait(false);
            var seconds = sw.Elapsed.TotalSeconds;

            double cpu = double.NaN, rss = double.NaN;
            // GNU time writes "Command exited with non-zero status N" first when the CLI fails: the figures are the last line.
            if (times is not null && (await File.ReadAllLinesAsync(times).ConfigureAwait(false))[^1].Split(' ') is [var user, var system, var peak])
            {
                cpu = Number(user) + Number(system);
                rss = Number(peak);
            }
            return new CliResult(p.ExitCode, await output.ConfigureAwait(false), await errors.ConfigureAwait(false), seconds, cpu, rss);
        }
        finally
        {
            if (times is not null) File.Delete(times);
        }
    }

    private static async Task<string> Drop(Stream stream)
    {
        await stream.CopyToAsync(Stream.Null).ConfigureAwait(false);
        return string.Empty;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
