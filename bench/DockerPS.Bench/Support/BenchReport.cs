using System.Text;

namespace DockerPS.Bench.Support;

/// <summary>
/// A benchmark's report as docs/benchmarks.md records it: a line saying what was measured, when and where, then
/// markdown tables. Figures are formatted invariantly. Printed at the end, and written to --out when that was given.
/// </summary>
internal sealed class BenchReport
{
    private readonly StringBuilder _text = new();

    /// <summary>When and where: "2026-11-22 11:45 UTC on 2 cores, .NET 10.0.12".</summary>
    public static string Stamp => string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}");

    public void Line() => _text.AppendLine();

    /// <summary>The line that says what was measured, when and where, and the blank line after it.</summary>
    public void Heading(FormattableString text)
    {
        Line(text);
        Line();
    }

    public void Line(FormattableString text) => _text.AppendLine(FormattableString.Invariant(text));

    /// <summary>A table's header: the column names, and for each an alignment, 'l' for text and 'r' for figures.</summary>
    public void Table(string alignment, params string[] columns)
    {
        if (alignment.Length != columns.Length) throw new ArgumentException("one alignment a column", nameof(alignment));
        _text.AppendLine("| " + string.Join(" | ", columns) + " |");
        _text.AppendLine("|" + string.Concat(alignment.Select(a => a == 'r' ? "---:|" : "---|")));
    }

    /// <summary>Another report's lines, after a blank line.</summary>
    public void Append(BenchReport other)
    {
        _text.AppendLine();
        _text.Append(other._text);
    }

    /// <summary>Prints the report and writes it to <paramref name="path"/> when one was given.</summary>
    public async Task PublishAsync(string? path)
    {
        var text = _text.ToString();
        Console.WriteLine(text);
        if (path is not null) await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
    }

    public override string ToString() => _text.ToString();
}
