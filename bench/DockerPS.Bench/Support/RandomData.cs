namespace DockerPS.Bench.Support;

/// <summary>Incompressible bytes from a seeded generator, made 4 MiB at a time, so no compression anywhere can flatter a figure.</summary>
internal static class RandomData
{
    private const int ChunkSize = 4 * 1024 * 1024;

    /// <summary>Hands <paramref name="count"/> random bytes to <paramref name="write"/>, a chunk at a time (buffer, length).</summary>
    public static async Task WriteAsync(Random random, long count, Func<byte[], int, Task> write)
    {
        var chunk = new byte[ChunkSize];
        for (long written = 0; written < count; written += chunk.Length)
        {
            random.NextBytes(chunk);
            await write(chunk, (int)Math.Min(chunk.Length, count - written)).ConfigureAwait(false);
        }
    }

    /// <summary>A new file of <paramref name="count"/> random bytes, written unbuffered.</summary>
    public static async Task WriteFileAsync(string path, long count, Random random)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        await WriteAsync(random, count, (chunk, length) => file.WriteAsync(chunk.AsMemory(0, length)).AsTask()).ConfigureAwait(false);
    }
}
