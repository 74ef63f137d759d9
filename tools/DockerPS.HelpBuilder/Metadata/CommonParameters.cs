using System;
using System.Collections.Generic;

namespace DockerPS.HelpBuilder.Metadata;

/// <summary>The parameters PowerShell adds to every cmdlet itself; its help system documents them, not ours.</summary>
internal static class CommonParameters
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction",
        "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    };

    /// <summary>Added to cmdlets that declare SupportsShouldProcess.</summary>
    public static readonly IReadOnlyList<string> ShouldProcessNames = new[] { "WhatIf", "Confirm" };

    public static bool IsShouldProcess(string name) =>
        string.Equals(name, "WhatIf", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Confirm", StringComparison.OrdinalIgnoreCase);
}
