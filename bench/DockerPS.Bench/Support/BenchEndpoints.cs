using System.Text.Json;

namespace DockerPS.Bench.Support;

/// <summary>
/// The test machine's endpoints file, named by DOCKERPS_TEST_ENV or else the CI machine's own: the engines to measure,
/// the images the benchmarks run and the test registry. Only what a benchmark asks for has to be in the file.
/// </summary>
internal sealed class BenchEndpoints
{
    private const string MachineFile = "/var/lib/dockerps-ci/endpoints.json";

    private readonly string _file;
    private readonly string? _busybox;
    private readonly RegistryAccount? _registry;

    private BenchEndpoints(string file, IReadOnlyList<BenchEngine> engines, string? busybox, RegistryAccount? registry)
    {
        _file = file;
        Engines = engines;
        _busybox = busybox;
        _registry = registry;
    }

    /// <summary>Every engine in the file, in its order.</summary>
    public IReadOnlyList<BenchEngine> Engines { get; }

    /// <summary>The busybox image the container benchmarks run.</summary>
    public string Busybox => _busybox ?? throw new InvalidOperationException($"{_file} names no busybox image (images.busybox).");

    /// <summary>The test registry and its account.</summary>
    public RegistryAccount Registry => _registry ?? throw new InvalidOperationException($"{_file} has no registry.");

    public static async Task<BenchEndpoints> LoadAsync()
    {
        var file = Environment.GetEnvironmentVariable("DOCKERPS_TEST_ENV") is { Length: > 0 } named ? named : MachineFile;
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file).ConfigureAwait(false));
        var root = doc.RootElement;
        var engines = root.GetProperty("engines").EnumerateArray()
            .Select(e => new BenchEngine(Text(e, "name"), Text(e, "host"), Text(e, "cli")))
            .ToList();
        var busybox = root.TryGetProperty("images", out var images) && images.TryGetProperty("busybox", out var image) ? image.GetString() : null;
        var registry = root.TryGetProperty("registry", out var r) ? new RegistryAccount(Text(r, "address"), Text(r, "username"), Text(r, "password")) : null;
        return new BenchEndpoints(file, engines, busybox, registry);
    }

    /// <summary>The engines named by --engines, in the file's order; all of them when it was not given.</summary>
    /// <exception cref="BenchUsageException">A name is not in the file.</exception>
    public IReadOnlyList<BenchEngine> Select(IReadOnlySet<string>? names)
    {
        if (names is null) return Engines;
        var unknown = names.Where(n => Engines.All(e => e.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            throw new BenchUsageException($"--engines: {string.Join(", ", unknown)} not in {_file}, which has {string.Join(", ", Engines.Select(e => e.Name))}");
        }
        return Engines.Where(e => names.Contains(e.Name)).ToList();
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"\"{name}\" is null in the endpoints file.");
}
