using System.Threading;

namespace DockerPS.Bench.Support;

/// <summary>Many engine calls at once, but no more than a given number in flight.</summary>
internal static class Throttled
{
    public static async Task<TResult[]> SelectAsync<T, TResult>(IEnumerable<T> items, int limit, Func<T, Task<TResult>> call)
    {
        using var gate = new SemaphoreSlim(limit);
        return await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                return await call(item).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    public static Task ForEachAsync<T>(IEnumerable<T> items, int limit, Func<T, Task> call) =>
        SelectAsync(items, limit, async item =>
        {
            await call(item).ConfigureAwait(false);
            return true;
        });
}
