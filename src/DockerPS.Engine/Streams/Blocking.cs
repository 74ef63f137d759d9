using System;
using System.Threading.Tasks;

namespace DockerPS.Engine.Streams;

/// <summary>
/// The result of an operation written once for both kinds of I/O and run with <c>sync: true</c>: every await in it
/// meets a completed task, so the task is complete when it is returned.
/// </summary>
internal static class Blocking
{
    public static T Result<T>(ValueTask<T> task)
    {
        if (!task.IsCompleted) throw new InvalidOperationException("An operation run with blocking calls returned before it completed.");
        return task.Result;
    }

    public static void Wait(ValueTask task)
    {
        if (!task.IsCompleted) throw new InvalidOperationException("An operation run with blocking calls returned before it completed.");
        task.GetAwaiter().GetResult();
    }
}
