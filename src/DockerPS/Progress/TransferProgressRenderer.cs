using System;
using System.Diagnostics;
using DockerPS.Engine.Streams;

namespace DockerPS.Progress;

/// <summary>
/// Feeds a pull's or push's progress messages to <see cref="TransferProgress"/> and hands its bars on at most every
/// <see cref="Interval"/> (and once more at the end), lines that are not about a layer at once. Reported on the thread
/// that reads the stream; the writers post to the pipeline thread. No PowerShell here: the cmdlet turns the bars into
/// ProgressRecords (<see cref="ProgressRecords"/>).
/// </summary>
internal sealed class TransferProgressRenderer : IProgress<JsonMessage>
{
    /// <summary>How often the bars are redrawn at most: the engine sends about ten messages a second per layer.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly TransferProgress _model;
    private readonly Action<ProgressBar> _writeBar;
    private readonly Action<string>? _writeLine;
    private readonly Func<TimeSpan> _clock;
    private TimeSpan? _last;

    public TransferProgressRenderer(TransferKind kind, string activity, Action<ProgressBar> writeBar, Action<string>? writeLine, int activityId = 1, Func<TimeSpan>? clock = null)
    {
        _model = new TransferProgress(kind, activity, activityId);
        _writeBar = writeBar ?? throw new ArgumentNullException(nameof(writeBar));
        _writeLine = writeLine;
        if (clock is null)
        {
            var watch = Stopwatch.StartNew();
            clock = () => watch.Elapsed;
        }
        _clock = clock;
    }

    public void Report(JsonMessage value)
    {
        var line = _model.Apply(value);
        if (line is not null) _writeLine?.Invoke(line);
        if (!_model.HasChanges) return;
        var now = _clock();
        if (_last is { } last && now - last < Interval) return;
        _last = now;
        foreach (var bar in _model.TakeChanges()) _writeBar(bar);
    }

    /// <summary>Closes the bars: call once the transfer ended, whether it succeeded or not.</summary>
    public void Complete()
    {
        foreach (var bar in _model.Finish()) _writeBar(bar);
    }
}
