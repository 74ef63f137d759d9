using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>docker update: changes memory and CPU limits and the restart policy of containers, running or not.</summary>
[Cmdlet(VerbsData.Update, "DockerContainer", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(DockerContainer))]
public sealed class UpdateDockerContainerCommand : ContainerPassThruCmdlet
{
    private ContainerUpdateOptions? _options;

    /// <summary>Memory limit: '512m', '1g', or a number of bytes such as 1GB.</summary>
    [Parameter]
    public object? Memory { get; set; }

    /// <summary>Memory plus swap limit ('1g'); -1 for unlimited swap.</summary>
    [Parameter]
    public object? MemorySwap { get; set; }

    /// <summary>CPU limit in CPUs, for example 1.5.</summary>
    [Parameter]
    public object? Cpus { get; set; }

    /// <summary>Relative CPU weight (default 1024).</summary>
    [Parameter]
    [ValidateRange(0, 262144)]
    public long? CpuShares { get; set; }

    /// <summary>no, always, unless-stopped, on-failure or on-failure:N.</summary>
    [Parameter]
    public string? RestartPolicy { get; set; }

    protected override string ActionName => "Update";

    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        // Every value is checked before anything is changed.
        _options = new ContainerUpdateOptions
        {
            Memory = Memory is null ? null : ByteSize.FromValue(Arguments.Unwrap(Memory)!),
            MemorySwap = MemorySwap is null ? null : SwapValue(Arguments.Unwrap(MemorySwap)!),
            NanoCpus = Cpus is null ? null : CpuQuota.FromValue(Arguments.Unwrap(Cpus)!),
            CpuShares = CpuShares,
        };
        if (RestartPolicy is not null)
        {
            var policy = Engine.Arguments.RestartPolicy.Parse(RestartPolicy);
            _options.RestartPolicy = policy.Name;
            _options.RestartMaximumRetryCount = policy.MaximumRetryCount;
        }
        if (Memory is null && MemorySwap is null && Cpus is null && CpuShares is null && RestartPolicy is null)
            throw new DockerArgumentException("Give at least one of -Memory, -MemorySwap, -Cpus, -CpuShares or -RestartPolicy.", "NothingToUpdate", null);
        return Task.CompletedTask;
    }

    private static long SwapValue(object value) =>
        value is int i && i == -1 || value is long l && l == -1 || value is string s && s.Trim() == "-1" ? -1 : ByteSize.FromValue(value);

    protected override async Task<object?> ActAsync(DockerContainer container, CancellationToken cancellationToken)
    {
        foreach (var warning in await Client.Containers.UpdateAsync(container.Id, _options!, cancellationToken).ConfigureAwait(false))
            EmitWarning($"{container.Name}: {warning}");
        return null;
    }
}
