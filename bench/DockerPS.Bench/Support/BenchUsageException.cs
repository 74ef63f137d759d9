namespace DockerPS.Bench.Support;

/// <summary>A command line the benchmark cannot run: the message says which option and why, and the program exits with 2.</summary>
internal sealed class BenchUsageException : Exception
{
    public BenchUsageException()
    {
    }

    public BenchUsageException(string message)
        : base(message)
    {
    }

    public BenchUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
