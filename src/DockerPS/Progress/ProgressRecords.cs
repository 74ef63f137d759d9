using System;
using System.Management.Automation;

namespace DockerPS.Progress;

/// <summary>Progress bars of the PowerShell-free models as Write-Progress records.</summary>
internal static class ProgressRecords
{
    public static ProgressRecord From(ProgressBar bar)
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
