using System;
using System.IO;
using System.Reflection;
using DockerPS.Infrastructure;
using DockerPS.Tests.Support;

namespace DockerPS.Tests.Infrastructure;

/// <summary>
/// The resolver hands out only the dlls in its folder, and only when they are at least the version asked for. The
/// dll used is a real one, DockerPS.Engine.dll, copied into a folder of the test's own.
/// </summary>
public sealed class DependencyResolverTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dockerps-deps-" + Guid.NewGuid().ToString("N"));
    private readonly string _shipped;
    private readonly Version _version;

    public DependencyResolverTests()
    {
        Directory.CreateDirectory(_folder);
        _shipped = Path.Combine(_folder, "DockerPS.Engine.dll");
        File.Copy(Repository.EngineAssembly, _shipped);
        _version = AssemblyName.GetAssemblyName(_shipped).Version!;
        File.WriteAllText(Path.Combine(_folder, "Broken.dll"), "not an assembly");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DependencyResolver Resolver => new(_folder);

    [Fact]
    public void Answers_for_the_same_version() =>
        Assert.Equal(_shipped, Resolver.Resolve(Named(_version)));

    [Fact]
    public void Answers_for_an_older_version() =>
        Assert.Equal(_shipped, Resolver.Resolve(Named(new Version(0, 0, 1, 0))));

    [Fact]
    public void Answers_when_no_version_is_asked() =>
        Assert.Equal(_shipped, Resolver.Resolve(new AssemblyName("DockerPS.Engine")));

    [Theory]
    [InlineData(0, 0, 0, 1)]
    [InlineData(0, 1, 0, 0)]
    [InlineData(1, 0, 0, 0)]
    public void Leaves_a_newer_version_to_the_host(int major, int minor, int build, int revision)
    {
        var newer = new Version(_version.Major + major, _version.Minor + minor, _version.Build + build, _version.Revision + revision);
        Assert.Null(Resolver.Resolve(Named(newer)));
    }

    [Fact]
    public void Leaves_names_it_does_not_ship_to_the_host()
    {
        Assert.Null(Resolver.Resolve(new AssemblyName("System.Text.Json, Version=8.0.0.0")));
        Assert.Null(Resolver.Resolve(new AssemblyName("DockerPS.Engine.Extra")));
    }

    [Fact]
    public void Ignores_a_file_that_is_not_an_assembly() =>
        Assert.Null(Resolver.Resolve(new AssemblyName("Broken")));

    [Fact]
    public void Looks_only_in_its_own_folder() =>
        Assert.Null(new DependencyResolver(Path.Combine(_folder, "empty")).Resolve(Named(_version)));

    private static AssemblyName Named(Version version) => new("DockerPS.Engine") { Version = version };
}
