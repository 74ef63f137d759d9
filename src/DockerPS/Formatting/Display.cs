using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerPS.Engine.Model;

namespace DockerPS.Formatting;

/// <summary>
/// How the table views write values, the way the docker CLI's tables do: "2 hours ago", "4.86MB",
/// "0.0.0.0:8000-8010-&gt;8000-8010/tcp", a command cut to 20 characters. Called from DockerPS.format.ps1xml.
/// </summary>
public static class Display
{
    /// <summary>go-units HumanDuration + " ago".</summary>
    public static string Ago(DateTime time) => Ago(time, DateTime.Now);

    public static string Ago(DateTime time, DateTime now)
    {
        var local = time.Kind == DateTimeKind.Utc ? time.ToLocalTime() : time;
        return HumanDuration(now - local) + " ago";
    }

    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)Math.Floor(d.TotalSeconds);
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return seconds.ToString(CultureInfo.InvariantCulture) + " seconds";
        var minutes = (long)Math.Floor(d.TotalMinutes);
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return minutes.ToString(CultureInfo.InvariantCulture) + " minutes";
        var hours = (long)Math.Floor(d.TotalHours + 0.5);
        if (hours == 1) return "About an hour";
        if (hours < 48) return hours.ToString(CultureInfo.InvariantCulture) + " hours";
        if (hours < 24 * 7 * 2) return (hours / 24).ToString(CultureInfo.InvariantCulture) + " days";
        if (hours < 24 * 30 * 2) return (hours / 24 / 7).ToString(CultureInfo.InvariantCulture) + " weeks";
        if (hours < 24 * 365 * 2) return (hours / 24 / 30).ToString(CultureInfo.InvariantCulture) + " months";
        return ((long)Math.Floor(d.TotalHours) / 24 / 365).ToString(CultureInfo.InvariantCulture) + " years";
    }

    private static readonly string[] DecimalUnits = { "B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
    private static readonly string[] BinaryUnits = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };

    /// <summary>Bytes in decimal units with three significant digits, as <c>docker images</c>: 4.86MB, 1kB, 123B.</summary>
    public static string Size(long bytes)
    {
        var (value, unit) = Scale(bytes, 1000, DecimalUnits);
        // Go's %g writes a lower-case exponent (999999 bytes is "1e+03kB" in docker images, too).
        return value.ToString("G3", CultureInfo.InvariantCulture).ToLowerInvariant() + unit;
    }

    public static string Size(long? bytes) => bytes is null ? string.Empty : Size(bytes.Value);

    /// <summary>The command as <c>docker ps</c> shows it: quoted, cut to 19 characters and an ellipsis when longer than 20.</summary>
    public static string Command(string command)
    {
        var cut = command.Length > 20 && char.IsHighSurrogate(command[18]) ? 18 : 19;
        var text = command.Length > 20 ? command.Substring(0, cut) + "\u2026" : command;
        return "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    /// <summary>
    /// Ports as <c>docker ps</c> writes them: sorted, runs of equal host and container ports folded into ranges,
    /// mappings to a different host port listed last.
    /// </summary>
    public static string Ports(IEnumerable<DockerPort>? ports)
    {
        if (ports is null) return string.Empty;
        var sorted = ports
            .OrderBy(p => p.PrivatePort)
            .ThenBy(p => p.HostIp ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(p => p.PublicPort ?? 0)
            .ThenBy(p => p.Protocol, StringComparer.Ordinal)
            .ToList();

        var groups = new List<string>();
        var groupOrder = new List<string>();
        var runs = new Dictionary<string, (int First, int Last, string? Ip, string Protocol, bool Published)>(StringComparer.Ordinal);
        var remapped = new List<string>();

        foreach (var p in sorted)
        {
            var hostIp = p.PublicPort is null ? null : p.HostIp ?? "0.0.0.0";
            if (hostIp is not null && p.PublicPort != p.PrivatePort)
            {
                remapped.Add(p.ToString());
                continue;
            }
            var published = hostIp is not null;
            var key = published ? hostIp + "/" + p.Protocol : p.Protocol;
            if (runs.TryGetValue(key, out var run))
            {
                if (p.PrivatePort == run.Last + 1)
                {
                    runs[key] = (run.First, p.PrivatePort, run.Ip, run.Protocol, run.Published);
                    continue;
                }
                if (p.PrivatePort == run.Last) continue;
                groups.Add(FormatRun(run));
            }
            runs[key] = (p.PrivatePort, p.PrivatePort, hostIp, p.Protocol, published);
            if (!groupOrder.Contains(key)) groupOrder.Add(key);
        }
        groups.AddRange(groupOrder.Select(k => FormatRun(runs[k])));
        groups.AddRange(remapped);
        return string.Join(", ", groups);
    }

    private static string FormatRun((int First, int Last, string? Ip, string Protocol, bool Published) run)
    {
        var range = run.First == run.Last
            ? run.First.ToString(CultureInfo.InvariantCulture)
            : run.First.ToString(CultureInfo.InvariantCulture) + "-" + run.Last.ToString(CultureInfo.InvariantCulture);
        if (!run.Published) return range + "/" + run.Protocol;
        var ip = run.Ip!.IndexOf(':') >= 0 ? "[" + run.Ip + "]" : run.Ip;
        return ip + ":" + range + "->" + range + "/" + run.Protocol;
    }

    /// <summary>
    /// Text cut to <paramref name="width"/> characters with an ellipsis, tabs as spaces: docker history's CREATED BY
    /// column (45). A surrogate pair is not split.
    /// </summary>
    public static string Ellipsis(string? text, int width)
    {
        var flat = (text ?? string.Empty).Replace('\t', ' ');
        if (width <= 0) return string.Empty;
        if (flat.Length <= width) return flat;
        var cut = width - 1;
        if (cut > 0 && char.IsHighSurrogate(flat[cut - 1])) cut--;
        return flat.Substring(0, cut) + "\u2026";
    }

    /// <summary>docker history's CREATED column: "N/A" for times before 2000 (images built with a fixed epoch), else "… ago".</summary>
    public static string Since(DateTime time) =>
        time.ToUniversalTime() <= new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) ? "N/A" : Ago(time);

    /// <summary>Label pairs as key=value, comma-separated.</summary>
    public static string Labels(IReadOnlyDictionary<string, string>? labels) =>
        labels is null ? string.Empty : string.Join(",", labels.Select(kv => kv.Key + "=" + kv.Value));

    /// <summary>
    /// A byte count as docker info and docker stats write memory (go-units BytesSize): binary units, four significant
    /// digits, 23.48GiB, 1.523MiB.
    /// </summary>
    public static string BinarySize(long bytes)
    {
        var (value, unit) = Scale(bytes, 1024, BinaryUnits);
        return value.ToString("G4", CultureInfo.InvariantCulture) + unit;
    }

    /// <summary>docker stats's MEM USAGE / LIMIT: 1.523MiB / 7.637GiB.</summary>
    public static string MemoryUsage(long usage, long limit) => BinarySize(usage) + " / " + BinarySize(limit);

    /// <summary>docker stats's NET I/O and BLOCK I/O: two byte counts in decimal units, 1.2kB / 648B.</summary>
    public static string InOut(long first, long second) => Size(first) + " / " + Size(second);

    /// <summary>docker stats's CPU % and MEM %: two decimals, 0.25%.</summary>
    public static string Percent(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A log line's time as docker logs -t writes it: RFC 3339 in UTC (to the 100 ns .NET keeps); empty when there is none.</summary>
    public static string Timestamp(DateTime? time) =>
        time is null ? string.Empty : time.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static (double Value, string Unit) Scale(long bytes, double step, string[] units)
    {
        double value = bytes;
        var unit = 0;
        while (value >= step && unit < units.Length - 1)
        {
            value /= step;
            unit++;
        }
        return (value, units[unit]);
    }
}
