using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker logs: each line as an object with Stream, Timestamp and Text; -Follow reads on until Ctrl+C.</summary>
[Cmdlet(VerbsCommon.Get, "DockerContainerLog", DefaultParameterSetName = ByName)]
[OutputType(typeof(DockerLogLine))]
public sealed class GetDockerContainerLogCommand : ContainerActionCmdlet
{
    /// <summary>The type name that selects the table view with a TIMESTAMP column (-Timestamps).</summary>
    internal const string TimestampsView = "DockerPS.Engine.Model.DockerLogLine#Timestamps";

    /// <summary>Keep writing new lines as the container writes them, until it stops or Ctrl+C (docker logs -f).</summary>
    [Parameter]
    public SwitchParameter Follow { get; set; }

    /// <summary>Only the last N lines.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Tail { get; set; }

    /// <summary>Only lines written at or after this time.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Only lines written before this time.</summary>
    [Parameter]
    public DateTime? Until { get; set; }

    /// <summary>Read the engine's timestamp of each line into Timestamp.</summary>
    [Parameter]
    public SwitchParameter Timestamps { get; set; }

    protected override string ActionName => "Read logs";

    protected override bool OnlyReads => true;

    protected override bool Streams => Follow;

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        var options = new LogOptions { Follow = Follow, Tail = Tail, Since = Since, Until = Until, Timestamps = Timestamps };
        Action<DockerLogLine> onLine = Timestamps ? line => Emit(WithTimestampsView(line)) : Emit;
        await Client.Containers.ReadLogsAsync(container.Id, options, onLine, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static PSObject WithTimestampsView(DockerLogLine line)
    {
        var shown = PSObject.AsPSObject(line);
        shown.TypeNames.Insert(0, TimestampsView);
        return shown;
    }
}
