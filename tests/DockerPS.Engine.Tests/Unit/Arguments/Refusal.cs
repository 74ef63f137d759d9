using System;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Tests.Unit.Arguments;

/// <summary>Every refusal in the Arguments parsers has one shape: id, InvalidArgument, the value shown, why, and what is expected.</summary>
internal static class Refusal
{
    /// <summary>For a string value: quoted in the message, and the exception's target.</summary>
    public static DockerArgumentException Check(Func<object> parse, string errorId, string value, string reason)
    {
        var ex = CheckShown(parse, errorId, "'" + value + "'", reason);
        Assert.Equal(value, ex.Target);
        return ex;
    }

    /// <summary>For a value that is not one string (a hashtable entry): shown as PowerShell writes it.</summary>
    public static DockerArgumentException CheckShown(Func<object> parse, string errorId, string shown, string reason)
    {
        var ex = Assert.Throws<DockerArgumentException>(() => parse());
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(DockerErrorCategory.InvalidArgument, ex.Category);
        Assert.Contains(shown, ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Expected ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("for example", ex.Message, StringComparison.Ordinal);
        return ex;
    }
}
