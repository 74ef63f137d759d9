using System;

namespace DockerPS.HelpBuilder;

/// <summary>An input the help builder cannot work with (a missing file or folder); its message is for the user.</summary>
internal sealed class HelpBuildException : Exception
{
    public HelpBuildException(string message)
        : base(message)
    {
    }

    public HelpBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
