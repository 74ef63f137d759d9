using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completion;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;

namespace DockerPS.Infrastructure;

/// <summary>
/// The parameters of docker create and docker run, shared by New-DockerContainer and Invoke-DockerRun. Every value is
/// parsed and checked (by the engine layer's parsers) before anything is sent, so a bad one creates nothing.
/// </summary>
public abstract class ContainerCreateCmdlet : DockerCmdlet
{
    /// <summary>
    /// The image to create the container from. A piped image binds its ImageReference (DockerPS.types.ps1xml: its
    /// repository:tag, or its id when untagged), so Invoke-DockerCommit's output runs even without a tag.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ImageReference", "Reference")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageReferenceCompleter))]
    public string Image { get; set; } = string.Empty;

    /// <summary>
    /// When to pull the image first, as docker create/run --pull: missing (the default: pull only when the engine does
    /// not have it), always, or never (a missing image is then an error).
    /// </summary>
    [Parameter]
    [ValidateSet("missing", "always", "never", IgnoreCase = true)]
    public string Pull { get; set; } = "missing";

    /// <summary>The command and its arguments (instead of the image's CMD): the remaining arguments.</summary>
    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    public string[]? Command { get; set; }

    [Parameter]
    [ValidatePattern("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    public string? Name { get; set; }

    /// <summary>Published ports: '8080:80', '127.0.0.1:8080:80/udp', '80', '8000-8010:8000-8010', or @{ 8080 = 80 }.</summary>
    [Parameter]
    [Alias("p")]
    public object[]? Publish { get; set; }

    /// <summary>Publish every exposed port to a random host port (docker -P).</summary>
    [Parameter]
    public SwitchParameter PublishAll { get; set; }

    /// <summary>Volumes: 'host:ctr[:ro]', 'C:/data:/data', 'name:/ctr', '/ctr'; relative host paths from the current location.</summary>
    [Parameter]
    [Alias("v")]
    public string[]? Volume { get; set; }

    /// <summary>Mounts in the long form: 'type=bind,source=.,target=/src,readonly'.</summary>
    [Parameter]
    public string[]? Mount { get; set; }

    /// <summary>Environment variables: @{ A = 1 } or 'A=1','B=2' ('A' alone takes A from this session).</summary>
    [Parameter]
    [Alias("e", "Env")]
    public object? Environment { get; set; }

    /// <summary>Files of KEY=VALUE lines, read before -Environment.</summary>
    [Parameter]
    public string[]? EnvFile { get; set; }

    /// <summary>Memory limit: '512m', '1g', or bytes (1GB).</summary>
    [Parameter]
    [Alias("m")]
    public object? Memory { get; set; }

    /// <summary>CPU limit in CPUs: 1.5.</summary>
    [Parameter]
    public object? Cpus { get; set; }

    /// <summary>Relative CPU weight (default 1024).</summary>
    [Parameter]
    [ValidateRange(0, 262144)]
    public long? CpuShares { get; set; }

    /// <summary>host, bridge, none, container:NAME, or a network's name.</summary>
    [Parameter]
    public string? Network { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Hostname { get; set; }

    [Parameter]
    [Alias("w")]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    [Parameter]
    [Alias("u")]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>Labels: @{ app = 'web' } or 'app=web'.</summary>
    [Parameter]
    public object? Label { get; set; }

    /// <summary>no, always, unless-stopped, on-failure or on-failure:N.</summary>
    [Parameter]
    public string? RestartPolicy { get; set; }

    /// <summary>The entrypoint instead of the image's, and its arguments.</summary>
    [Parameter]
    public string[]? Entrypoint { get; set; }

    /// <summary>Keep stdin open (docker -i).</summary>
    [Parameter]
    [Alias("i")]
    public SwitchParameter Interactive { get; set; }

    /// <summary>Give the container a terminal (docker -t).</summary>
    [Parameter]
    [Alias("t")]
    public SwitchParameter Tty { get; set; }

    /// <summary>Parses and checks every value; throws DockerArgumentException naming the first bad one.</summary>
    protected ContainerCreateOptions BuildOptions(bool autoRemove)
    {
        string Resolve(string path) => Arguments.ResolveHostPath(this, path);

        var ports = new List<PortPublication>();
        foreach (var item in Publish ?? System.Array.Empty<object>())
        {
            switch (Arguments.Unwrap(item))
            {
                case IDictionary table:
                    foreach (DictionaryEntry entry in table) ports.Add(PortPublication.FromPair(Arguments.Unwrap(entry.Key), Arguments.Unwrap(entry.Value)));
                    break;
                case var other:
                    ports.Add(PortPublication.Parse(System.Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
                    break;
            }
        }

        var binds = new List<string>();
        var anonymous = new List<string>();
        foreach (var spec in Volume ?? System.Array.Empty<string>())
        {
            var binding = VolumeBinding.Parse(spec, Resolve);
            if (binding.ToBind() is { } bind) binds.Add(bind);
            else anonymous.Add(binding.Target);
        }
        var mounts = (Mount ?? System.Array.Empty<string>()).Select(m => MountSpecification.Parse(m, Resolve)).ToList();

        var env = EnvironmentVariables.Empty;
        foreach (var file in EnvFile ?? System.Array.Empty<string>())
        {
            var path = Resolve(file);
            if (!File.Exists(path))
                throw new Engine.Errors.DockerArgumentException($"The env file '{file}' does not exist ({path}).", "EnvFileNotFound", file);
            using var reader = File.OpenText(path);
            env = env.Concat(EnvironmentVariables.ParseEnvFile(reader, file));
        }
        if (Arguments.EnvironmentOf(Environment) is { } given) env = env.Concat(given);

        var labels = Arguments.LabelsOf(Label);

        var options = new ContainerCreateOptions(Image)
        {
            Name = Name?.TrimStart('/'),
            Command = Command is { Length: > 0 } ? Command : null,
            Entrypoint = Entrypoint,
            Environment = env.Variables.Count > 0 ? env.ToEngineList().ToList() : null,
            Labels = labels.Entries.Count > 0 ? labels.Entries.ToDictionary(kv => kv.Key, kv => kv.Value) : null,
            Tty = Tty,
            OpenStdin = Interactive,
            StdinOnce = Interactive,
            AutoRemove = autoRemove,
            NetworkMode = Network is null ? null : NetworkMode.Validate(Network),
            Hostname = Hostname,
            WorkingDirectory = WorkingDirectory,
            User = User,
            ExposedPorts = ports.Count > 0 ? PortPublication.ToExposedPorts(ports).ToList() : null,
            PortBindings = ports.Count > 0 ? PortPublication.ToPortBindings(ports) : null,
            PublishAllPorts = PublishAll,
            Binds = binds.Count > 0 ? binds : null,
            Volumes = anonymous.Count > 0 ? anonymous : null,
            Mounts = mounts.Count > 0 ? mounts : null,
            Memory = Memory is null ? null : ByteSize.FromValue(Arguments.Unwrap(Memory)!),
            NanoCpus = Cpus is null ? null : CpuQuota.FromValue(Arguments.Unwrap(Cpus)!),
            CpuShares = CpuShares,
        };
        if (RestartPolicy is not null)
        {
            var policy = Engine.Arguments.RestartPolicy.Parse(RestartPolicy);
            options.RestartPolicy = policy.Name;
            options.RestartMaximumRetryCount = policy.MaximumRetryCount;
        }
        return options;
    }

    /// <summary>
    /// docker run's pull policy, before anything is created: a missing image (or any, with -Pull always) is pulled from
    /// its registry with the stored credentials and progress bars; -Pull never leaves a missing image to the engine's
    /// "No such image" error.
    /// </summary>
    private protected async System.Threading.Tasks.Task PullImageIfNeededAsync(System.Threading.CancellationToken cancellationToken)
    {
        var policy = Pull.ToLowerInvariant();
        if (policy == "never") return;
        if (policy == "missing" && await Client.Images.ExistsAsync(Image, cancellationToken).ConfigureAwait(false)) return;
        var name = ImageName.Parse(Image).WithDefaultTag().ToString();
        if (policy == "missing") EmitWarning(string.Format(System.Globalization.CultureInfo.CurrentCulture, Strings.ImageNotLocal, name));
        var renderer = NewTransferRenderer(Progress.TransferKind.Pull, string.Format(System.Globalization.CultureInfo.CurrentCulture, Strings.PullActivity, name));
        try
        {
            await Client.Images.PullAsync(name, new ImagePullOptions { Progress = renderer }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerException ex) when (!cancellationToken.IsCancellationRequested && ex.Message.IndexOf(Image, StringComparison.Ordinal) < 0)
        {
            // The engine's reason may not say what it was pulling ("dial tcp: lookup registry-1.docker.io ..."): the
            // error does, keeping the engine's id and category.
            throw new DockerException(string.Format(System.Globalization.CultureInfo.CurrentCulture, Strings.ImplicitPullFailed, name, ex.Message), ex.ErrorId, ex.Category, name, ex);
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested) renderer.Complete();
        }
    }
}
