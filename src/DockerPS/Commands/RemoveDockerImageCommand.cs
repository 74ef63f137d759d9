using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completion;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Infrastructure;

namespace DockerPS.Commands;

/// <summary>
/// docker rmi, and docker image prune. Removing writes what the engine untagged and deleted, as docker rmi prints it;
/// each target is asked about (ShouldProcess) and fails on its own. An image that containers use, even exited ones, is
/// refused with the engine's reason and those containers named. -Dangling and -Unused prune instead: the candidates
/// are worked out from the image and container lists first, so -WhatIf lists them and removes nothing.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerImage", DefaultParameterSetName = ByReference, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(DockerImageDeletion), ParameterSetName = new[] { ByReference, ById, ByObject })]
[OutputType(typeof(DockerImagePruneResult), ParameterSetName = new[] { PruneDangling, PruneUnused })]
public sealed class RemoveDockerImageCommand : DockerCmdlet
{
    private const string ByReference = "Reference";
    private const string ById = "Id";
    private const string ByObject = "InputObject";
    private const string PruneDangling = "Dangling";
    private const string PruneUnused = "Unused";

    private readonly ImageInputs _inputs = new();

    /// <summary>repository[:tag], id or id prefix, as docker rmi takes them; wildcards select rows of docker images.</summary>
    [Parameter(ParameterSetName = ByReference, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageReferenceCompleter))]
    public string[]? Reference { get; set; }

    /// <summary>Image ids: what a piped container binds (its ImageId), or any object with an ImageId or Id.</summary>
    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? ImageId { get; set; }

    /// <summary>Images from Get-DockerImage: each row removes its own repository:tag (its id when untagged).</summary>
    [Parameter(ParameterSetName = ByObject, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public DockerImage[]? InputObject { get; set; }

    /// <summary>
    /// Removing: remove an image that stopped containers use, or that several repositories name (docker rmi --force).
    /// Pruning: do not ask first (docker image prune --force).
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Keep the untagged parent images (docker rmi --no-prune).</summary>
    [Parameter(ParameterSetName = ByReference)]
    [Parameter(ParameterSetName = ById)]
    [Parameter(ParameterSetName = ByObject)]
    public SwitchParameter NoPrune { get; set; }

    /// <summary>Prune the dangling images: untagged, not a parent of others, used by no container (docker image prune).</summary>
    [Parameter(ParameterSetName = PruneDangling, Mandatory = true)]
    public SwitchParameter Dangling { get; set; }

    /// <summary>Prune every image no container uses, tagged or not (docker image prune --all).</summary>
    [Parameter(ParameterSetName = PruneUnused, Mandatory = true)]
    public SwitchParameter Unused { get; set; }

    /// <summary>Prune only images with these labels: 'key' or 'key=value' (all must match).</summary>
    [Parameter(ParameterSetName = PruneDangling)]
    [Parameter(ParameterSetName = PruneUnused)]
    public string[]? Label { get; set; }

    /// <summary>Prune filters, as docker image prune --filter: @{ until = '24h'; label = 'app=web'; 'label!' = 'keep' }.</summary>
    [Parameter(ParameterSetName = PruneDangling)]
    [Parameter(ParameterSetName = PruneUnused)]
    public Hashtable? Filter { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        _inputs.Add(Reference, ImageId, InputObject);
        return Task.CompletedTask;
    }

    protected override Task EndProcessingAsync(CancellationToken cancellationToken) =>
        ParameterSetName is PruneDangling or PruneUnused ? PruneAsync(cancellationToken) : RemoveAsync(cancellationToken);

    private async Task RemoveAsync(CancellationToken cancellationToken)
    {
        var targets = await _inputs.ResolveAsync(Client, cancellationToken).ConfigureAwait(false);
        var options = new ImageRemoveOptions { Force = Force, NoPrune = NoPrune };
        foreach (var target in targets)
        {
            if (!await ShouldProcessAsync(target.Label, "Remove image").ConfigureAwait(false)) continue;
            try
            {
                foreach (var deletion in await Client.Images.RemoveAsync(target.Name, options, cancellationToken).ConfigureAwait(false)) Emit(deletion);
            }
            catch (DockerException ex) when (ex is not DockerUnreachableException)
            {
                EmitError(ex, target.Input);
            }
        }
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var options = new ImagePruneOptions { All = Unused };
        FilterArguments.AddLabels(options.Filters, Label);
        FilterArguments.AddHashtable(options.Filters, Filter);

        var plan = await Client.Images.PlanPruneAsync(options, cancellationToken).ConfigureAwait(false);
        var whatIf = await InvokeOnPipelineThreadAsync(WhatIfInEffect).ConfigureAwait(false);
        var approved = new List<DockerImagePruneCandidate>();
        foreach (var candidate in plan)
        {
            if (await ShouldProcessAsync(Describe(candidate), candidate.Deletes ? "Remove image" : "Remove the tags of image").ConfigureAwait(false)) approved.Add(candidate);
        }
        if (whatIf || (plan.Count > 0 && approved.Count == 0)) return;

        if (!Force && plan.Count > 0)
        {
            var query = string.Format(CultureInfo.CurrentCulture, Unused ? Strings.PruneUnusedQuery : Strings.PruneDanglingQuery, plan.Count,
                string.Join(", ", plan.Take(10).Select(Describe)) + (plan.Count > 10 ? ", …" : string.Empty));
            if (!await InvokeOnPipelineThreadAsync(() => ShouldContinue(query, Strings.PruneCaption)).ConfigureAwait(false)) return;
        }

        if (approved.Count == plan.Count)
        {
            Emit(await Client.Images.PruneAsync(options, cancellationToken).ConfigureAwait(false));
            return;
        }

        // Some were declined at -Confirm: the engine's prune would take them too, so the others go one by one.
        var deletions = new List<DockerImageDeletion>();
        foreach (var candidate in approved)
        {
            var names = candidate.References.Count > 0 ? candidate.References : new[] { candidate.Id };
            foreach (var name in names)
            {
                try
                {
                    deletions.AddRange(await Client.Images.RemoveAsync(name, new ImageRemoveOptions(), cancellationToken).ConfigureAwait(false));
                }
                catch (DockerException ex) when (ex is not DockerUnreachableException)
                {
                    EmitError(ex, name);
                }
            }
        }
        Emit(new DockerImagePruneResult(deletions, null, Client.Endpoint.Uri));
    }

    private static string Describe(DockerImagePruneCandidate candidate) =>
        (candidate.References.Count > 0 ? string.Join(", ", candidate.References) : DockerImage.None) + " (" + candidate.Image.ShortId + ")";

    /// <summary>-WhatIf given, or $WhatIfPreference set: the prune is only listed.</summary>
    private bool WhatIfInEffect()
    {
        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)) return bound is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(bound);
        return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
    }
}
