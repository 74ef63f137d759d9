using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DockerPS.Engine;
using DockerPS.Engine.Endpoints;

namespace DockerPS.Engine.Tests.Support;

/// <summary>
/// The real engines, registry and endpoints that tests/engine/setup.sh brought up, read from its endpoints file
/// (DOCKERPS_TEST_ENV, default /var/lib/dockerps-ci/endpoints.json).
/// </summary>
public static class TestEnvironment
{
    public static readonly string File =
        Environment.GetEnvironmentVariable("DOCKERPS_TEST_ENV") is { Length: > 0 } f ? f : "/var/lib/dockerps-ci/endpoints.json";

    private static readonly Lazy<JsonDocument?> Document = new(() =>
        System.IO.File.Exists(File) ? JsonDocument.Parse(System.IO.File.ReadAllText(File)) : null);

    /// <summary>True in CI, where a missing engine must fail the run rather than skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool Available => Document.Value is not null;

    /// <summary>Why engine tests skip, or null when they run.</summary>
    public static string? SkipReason =>
        Available || IsCi ? null : $"No test engines: {File} does not exist. Run 'sudo bash tests/engine/setup.sh' (README: Tests) to bring them up.";

    private static JsonElement Root => Document.Value?.RootElement
        ?? throw new InvalidOperationException($"The test engines' endpoints file {File} does not exist: tests/engine/setup.sh has not run.");

    public static IReadOnlyList<TestEngine> Engines => Root.GetProperty("engines").EnumerateArray()
        .Select(e => new TestEngine(e.GetProperty("name").GetString()!, e.GetProperty("host").GetString()!, ApiVersion.Parse(e.GetProperty("apiVersion").GetString()!), e.GetProperty("cli").GetString()!))
        .ToArray();

    public static TestEngine Engine(string name) => Engines.Single(e => e.Name == name);

    public static string Get(string section, string key) => Root.GetProperty(section).GetProperty(key).GetString()!;

    /// <summary>The engine names, for [MemberData]: every engine test runs against each.</summary>
    public static IEnumerable<object[]> EngineNames => new[] { new object[] { "engine20" }, new object[] { "engine28" } };

    public static DockerClient Client(string engine, DockerClientOptions? options = null) =>
        new(DockerHostParser.Parse(Engine(engine).Host, null, "test"), options);

    public static string BusyboxImage => Get("images", "busybox");

    public static string DebianImage => Get("images", "debian");
}

public sealed record TestEngine(string Name, string Host, ApiVersion ApiVersion, string Cli);

/// <summary>A fact that needs the real engines: skipped (with the reason) where there are none, except in CI.</summary>
public sealed class EngineFactAttribute : FactAttribute
{
    public EngineFactAttribute()
    {
        if (TestEnvironment.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs the real engines: skipped where there are none, except in CI.</summary>
public sealed class EngineTheoryAttribute : TheoryAttribute
{
    public EngineTheoryAttribute()
    {
        if (TestEnvironment.SkipReason is { } reason) Skip = reason;
    }
}
