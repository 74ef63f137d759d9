using System;
using System.Diagnostics;
using System.Management.Automation;
using DockerPS.Engine.Streams;

namespace DockerPS.Progress;

/// <summary>
/// The thin adapter between a pull's or push's progress messages and PowerShell: feeds <see cref="TransferProgress"/>
/// and writes its bars as ProgressRecords (a layer's bar under the overall one), at most every
/// <see cref="Interval"/> and once more at the end; lines that are not about a layer go to <c>writeLine</c> (the
/// verbose stream). Reported on the thread that reads the stream; the writers post to the pipeline thread.
/// </summary>
internal sealed class TransferProgressRenderer : IProgress<JsonMessage>
{
    /// <summary>How often the bars are redrawn at most: the engine sends ~10 messages a second per layer.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly TransferProgress _model;
    private readonly Action<ProgressRecord> _writeProgress;
    private readonly Action<string>? _writeLine;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.MinValue;

    public TransferProgressRenderer(TransferKind kind, string activity, Action<ProgressRecord> writeProgress, Action<string>? writeLine, int activityId = 1)
    {
        _model = new TransferProgress(kind, activity, activityId);
        _writeProgress = writeProgress ?? throw new ArgumentNullException(nameof(writeProgress));
        _writeLine = writeLine;
    }

    public void Report(JsonMessage value)
    {
        var line = _model.Apply(value);
        if (line is not null) _writeLine?.Invoke(line);
        if (!_model.HasChanges) return;
        var now = _clock.Elapsed;
        if (_last != TimeSpan.MinValue && now - _last < Interval) return;
        _last = now;
        foreach (var bar in _model.TakeChanges()) _writeProgress(ToRecord(bar));
    }

    /// <summary>Closes the bars: call once the transfer ended, whether it succeeded or not.</summary>
    public void Complete()
    {
        foreach (var bar in _model.Finish()) _writeProgress(ToRecord(bar));
    }

    public static ProgressRecord ToRecord(ProgressBar bar)
    {
        if (bar is null) throw new ArgumentNullException(nameof(bar));
        return new ProgressRecord(bar.ActivityId, bar.Activity, bar.StatusDescription.Length == 0 ? " " : bar.StatusDescription)
        {
            ParentActivityId = bar.ParentActivityId,
            PercentComplete = bar.PercentComplete,
            RecordType = bar.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
    }
}
