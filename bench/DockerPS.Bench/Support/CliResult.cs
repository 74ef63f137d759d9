namespace DockerPS.Bench.Support;

/// <summary>
/// One docker CLI run: its exit code, its standard output (empty unless kept), its standard error, its wall time from
/// start to exit and, under /usr/bin/time, its user plus system CPU seconds and peak resident set in KiB (NaN without).
/// </summary>
internal sealed record CliResult(int ExitCode, string Output, string Errors, double Seconds, double CpuSeconds, double PeakRssKb);
