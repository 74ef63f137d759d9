using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Streams;

namespace DockerPS.Engine.Build;

/// <summary>
/// Follows the classic builder's output: cuts the <c>stream</c> text into lines, recognises its step lines
/// ("Step 3/7 : RUN ...", " ---&gt; Running in ...", " ---&gt; Using cache", " ---&gt; 1a2b3c4d5e6f") and the final
/// id, keeps the last lines of the step under way for a failure report, and turns the engine's in-band error into a
/// <see cref="DockerBuildException"/> naming the step.
/// </summary>
internal sealed class BuildOutput
{
    private static readonly Regex StepLine = new(@"^Step (\d+)/(\d+) : (.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex RunningIn = new(@"^ ---> Running in ([0-9a-f]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex StepResult = new(@"^ ---> ([0-9a-f]{12,64})$", RegexOptions.CultureInvariant);
    private static readonly Regex ExitCodeText = new(@"returned a non-zero code: (\d+)", RegexOptions.CultureInvariant);

    // RUN steps' standard error comes wrapped in these colour codes.
    private const string ErrorStart = "\u001b[91m";
    private const string ErrorEnd = "\u001b[0m";

    private readonly IProgress<DockerBuildProgress>? _progress;
    private readonly int _tailLines;
    private readonly Queue<string> _tail = new();
    private readonly StringBuilder _line = new();
    private readonly List<DockerBuildStep> _steps = new();
    private readonly List<string> _tagged = new();
    private bool _inError;
    private bool _lineIsError;

    public BuildOutput(IProgress<DockerBuildProgress>? progress, int tailLines)
    {
        _progress = progress;
        _tailLines = Math.Max(1, tailLines);
    }

    public IReadOnlyList<DockerBuildStep> Steps => _steps;

    public DockerBuildStep? Current => _steps.Count == 0 ? null : _steps[_steps.Count - 1];

    /// <summary>The id from the engine's aux message, else from "Successfully built".</summary>
    public string? ImageId { get; private set; }

    public IReadOnlyList<string> Tagged => _tagged;

    public void Add(JsonMessage message)
    {
        if (message.Aux is { ValueKind: JsonValueKind.Object } aux && aux.TryGetProperty("ID", out var id) && id.ValueKind == JsonValueKind.String)
        {
            ImageId = id.GetString();
        }
        if (message.Stream is { Length: > 0 } text)
        {
            AddText(text);
        }
        else if (message.Status is not null || message.Progress is not null)
        {
            _progress?.Report(new DockerBuildProgress(DockerBuildProgressKind.Status, Current) { Message = message });
        }
    }

    /// <summary>Ends the output: a last line without a line break is still a line.</summary>
    public void Complete()
    {
        if (_line.Length > 0) EndLine();
    }

    private void AddText(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, ErrorStart, 0, ErrorStart.Length) == 0)
            {
                _inError = true;
                i += ErrorStart.Length;
                continue;
            }
            if (string.CompareOrdinal(text, i, ErrorEnd, 0, ErrorEnd.Length) == 0)
            {
                _inError = false;
                i += ErrorEnd.Length;
                continue;
            }
            var c = text[i++];
            if (c == '\n')
            {
                EndLine();
                continue;
            }
            if (_inError) _lineIsError = true;
            _line.Append(c);
        }
    }

    private void EndLine()
    {
        if (_line.Length > 0 && _line[_line.Length - 1] == '\r') _line.Length--;
        var line = _line.ToString();
        var isError = _lineIsError;
        _line.Clear();
        _lineIsError = false;

        var step = StepLine.Match(line);
        if (step.Success)
        {
            var started = new DockerBuildStep(int.Parse(step.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(step.Groups[2].Value, CultureInfo.InvariantCulture), step.Groups[3].Value);
            _steps.Add(started);
            _tail.Clear();
            _progress?.Report(new DockerBuildProgress(DockerBuildProgressKind.Step, started));
        }
        else if (Current is { } current && !isError)
        {
            Match m;
            if (line == " ---> Using cache") current.UsedCache = true;
            else if ((m = RunningIn.Match(line)).Success) current.ContainerId = m.Groups[1].Value;
            else if ((m = StepResult.Match(line)).Success) current.ImageId = m.Groups[1].Value;
            else Remember(line);
        }
        else
        {
            Remember(line);
        }

        const string built = "Successfully built ";
        const string tagged = "Successfully tagged ";
        if (!isError && line.StartsWith(built, StringComparison.Ordinal) && ImageId is null) ImageId = line.Substring(built.Length).Trim();
        if (!isError && line.StartsWith(tagged, StringComparison.Ordinal)) _tagged.Add(line.Substring(tagged.Length).Trim());

        _progress?.Report(new DockerBuildProgress(DockerBuildProgressKind.Output, Current) { Line = line, IsErrorOutput = isError });
    }

    private void Remember(string line)
    {
        if (line.StartsWith("Removing intermediate container ", StringComparison.Ordinal) || line.StartsWith(" ---> Removed intermediate container ", StringComparison.Ordinal)) return;
        _tail.Enqueue(line);
        while (_tail.Count > _tailLines) _tail.Dequeue();
    }

    /// <summary>The engine's in-band error as a build failure naming the step, its exit code and its last output.</summary>
    public DockerBuildException Failure(DockerStreamException error, object? target)
    {
        Complete();
        var step = Current;
        var output = _tail.ToArray();
        var engineMessage = error.Message;
        int? exitCode = null;
        var m = ExitCodeText.Match(engineMessage);
        if (m.Success) exitCode = int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : error.Code;

        var sb = new StringBuilder();
        if (step is null) sb.Append("The build failed: ");
        else sb.Append(step).Append(" failed: ");
        sb.Append(engineMessage.TrimEnd('.'));
        if (exitCode is int c) sb.Append(" (exit code ").Append(c.ToString(CultureInfo.InvariantCulture)).Append(')');
        sb.Append('.');
        if (output.Length > 0)
        {
            sb.Append(" Its last output:");
            foreach (var line in output) sb.Append(Environment.NewLine).Append("    ").Append(line);
        }
        return new DockerBuildException(sb.ToString(), step is null ? "BuildFailed" : "BuildStepFailed",
            exitCode is null ? DockerErrorCategory.InvalidOperation : DockerErrorCategory.InvalidResult, target, step, output, exitCode, engineMessage, error);
    }
}
