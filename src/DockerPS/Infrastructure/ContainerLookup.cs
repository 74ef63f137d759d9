using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Engine.Api;
using DockerPS.Engine.Model;

namespace DockerPS.Infrastructure;

internal static class ContainerLookup
{
    /// <summary>The list entry (the object Get-DockerContainer writes) of one container, by full id.</summary>
    public static async Task<DockerContainer> ByIdAsync(DockerClient client, string id, CancellationToken cancellationToken)
    {
        var options = new ContainerListOptions { All = true };
        options.Filters.Add("id", id);
        var list = await client.Containers.ListAsync(options, cancellationToken).ConfigureAwait(false);
        return list.FirstOrDefault(c => c.Id == id)
            ?? throw new Engine.Errors.DockerException($"The container '{id}' is gone: it was removed as soon as it was created or started.", "ContainerGone", Engine.Errors.DockerErrorCategory.ObjectNotFound, id);
    }
}
