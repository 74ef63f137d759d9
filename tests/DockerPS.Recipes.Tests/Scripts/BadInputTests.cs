using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using System.Linq;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Tests.Support;
using DockerPS.Recipes.Tests.Support;

namespace DockerPS.Recipes.Tests.Scripts;

/// <summary>
/// What the recipe scripts do with bad input: each is refused with its own ErrorId and a message that says what to do,
/// before anything is made, and a run that fails half-way removes what it made and nothing else.
/// </summary>
public class BadInputTests
{
    public static IEnumerable<object[]> EngineNames => TestEnvironment.EngineNames;

    private static Dictionary<string, object?> Svn(RecipeScope scope, string name, int http, int svn, string image = "dpsrecipe-not-built:1") => new()
    {
        ["Credential"] = new[] { RecipeScope.Credential("alice", "a-password") },
        ["Name"] = name,
        ["VolumeName"] = name,
        ["HttpPort"] = http,
        ["SvnPort"] = svn,
        ["HostAddress"] = "127.0.0.1",
        ["Image"] = image,
        ["DockerHost"] = scope.Host,
    };

    [RecipeTheory]
    [MemberData(nameof(EngineNames))]
    public async Task A_missing_engine_is_named(string engine)
    {
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        foreach (var (script, parameters) in new[]
                 {
                     ("Deploy-SvnServer.ps1", Svn(scope, "dpsrecipe-nowhere", 1, 2)),
                     ("Deploy-RemoteDesktop.ps1", new Dictionary<string, object?> { ["Credential"] = RecipeScope.Credential("toor", "a-password") }),
                     ("Remove-SvnServer.ps1", new Dictionary<string, object?> { ["Confirm"] = false }),
                     ("Start-SvnServe.ps1", new Dictionary<string, object?> { ["Credential"] = new[] { RecipeScope.Credential("alice", "a-password") } }),
                 })
        {
            parameters["DockerHost"] = "unix:///run/dpsrecipe-no-engine.sock";
            var run = ps.RunExample(script, parameters);
            Assert.True(run.TerminatingId == "EngineUnreachable", script + ": " + run.Describe());
            Assert.Contains("unix:///run/dpsrecipe-no-engine.sock", run.Terminating!.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("-DockerHost", run.Terminating.Exception.Message, StringComparison.Ordinal);
        }
    }

    [RecipeTheory]
    [MemberData(nameof(EngineNames))]
    public async Task Ports_in_use_are_refused_before_anything_is_made(string engine)
    {
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        var name = scope.Name("ports");
        var ports = FreePorts.Take(3);

        // A program of this computer listens on the svn port.
        var listener = new TcpListener(IPAddress.Loopback, ports[1]);
        listener.Start();
        try
        {
            var run = ps.RunExample("Deploy-SvnServer.ps1", Svn(scope, name, ports[0], ports[1]));
            Assert.True(run.TerminatingId == "PortInUse", run.Describe());
            Assert.Contains($"host port {ports[1]} is already in use by another program", run.Terminating!.Exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }

        // A container of the engine publishes the http port.
        var holder = scope.Name("port-holder");
        var published = new[] { PortPublication.Parse($"127.0.0.1:{ports[2]}:80") };
        var id = await scope.Client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage)
        {
            Name = holder,
            Command = new[] { "sleep", "300" },
            ExposedPorts = PortPublication.ToExposedPorts(published).ToList(),
            PortBindings = PortPublication.ToPortBindings(published),
        });
        await scope.Client.Containers.StartAsync(id);
        var taken = ps.RunExample("Deploy-SvnServer.ps1", Svn(scope, name, ports[2], ports[0]));
        Assert.True(taken.TerminatingId == "PortInUse", taken.Describe());
        Assert.Contains($"host port {ports[2]} is already published by container '{holder}'", taken.Terminating!.Exception.Message, StringComparison.Ordinal);

        Assert.False(await scope.ContainerExistsAsync(name));
        Assert.False(await scope.VolumeExistsAsync(name));
    }

    [RecipeTheory]
    [MemberData(nameof(EngineNames))]
    public async Task A_name_taken_by_another_container_is_refused_and_that_container_left_alone(string engine)
    {
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        var name = scope.Name("taken");
        var id = await scope.Client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage) { Name = name, Command = new[] { "sleep", "300" } });
        var ports = FreePorts.Take(2);

        foreach (var (script, parameters) in new[]
                 {
                     ("Deploy-SvnServer.ps1", Svn(scope, name, ports[0], ports[1])),
                     ("Deploy-RemoteDesktop.ps1", new Dictionary<string, object?>
                     {
                         ["Credential"] = RecipeScope.Credential("toor", "a-password"), ["Name"] = name, ["RdpPort"] = ports[0], ["NoVncPort"] = ports[1],
                         ["DockerHost"] = scope.Host,
                     }),
                     ("Start-SvnServe.ps1", new Dictionary<string, object?>
                     {
                         ["Credential"] = new[] { RecipeScope.Credential("alice", "a-password") }, ["Name"] = name, ["Port"] = ports[0], ["DockerHost"] = scope.Host,
                     }),
                 })
        {
            var run = ps.RunExample(script, parameters);
            Assert.True(run.TerminatingId == "ContainerNameTaken", script + ": " + run.Describe());
            Assert.Contains(TestEnvironment.BusyboxImage, run.Terminating!.Exception.Message, StringComparison.Ordinal);
        }
        var removeRun = ps.RunExample("Remove-SvnServer.ps1", new Dictionary<string, object?> { ["Name"] = name, ["Confirm"] = false, ["DockerHost"] = scope.Host });
        Assert.Equal("ContainerNameTaken", Assert.Single(removeRun.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(id, (await scope.Client.Containers.InspectAsync(name)).Id);
        Assert.False(await scope.VolumeExistsAsync(name));
    }

    [RecipeTheory]
    [MemberData(nameof(EngineNames))]
    public async Task A_server_of_the_recipe_on_other_ports_is_refused_with_the_ports_it_has(string engine)
    {
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        var ports = FreePorts.Take(3);

        // Containers labelled as the scripts label theirs, never started: the scripts compare before they start anything.
        async Task MadeByRecipe(string name, string recipe, string[] publish, string? bind = null, string? environment = null)
        {
            var published = publish.Select(p => PortPublication.Parse("127.0.0.1:" + p)).ToArray();
            await scope.Client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage)
            {
                Name = name,
                Command = new[] { "sleep", "300" },
                Labels = new Dictionary<string, string> { ["dockerps.recipe"] = recipe },
                Binds = bind is null ? null : new[] { bind },
                Environment = environment is null ? null : new[] { environment },
                ExposedPorts = PortPublication.ToExposedPorts(published).ToList(),
                PortBindings = PortPublication.ToPortBindings(published),
            });
        }

        var svn = scope.Name("svn-ports");
        await MadeByRecipe(svn, "svn-server", new[] { $"{ports[0]}:80", $"{ports[1]}:3690" }, bind: $"{svn}:/home/svn");
        var run = ps.RunExample("Deploy-SvnServer.ps1", Svn(scope, svn, ports[2], ports[1]));
        Assert.True(run.TerminatingId == "ContainerMismatch", run.Describe());
        Assert.Contains($"The container '{svn}' publishes HTTP on {ports[0]} and svn on {ports[1]}, not {ports[2]} and {ports[1]}.", run.Terminating!.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("(Remove-SvnServer.ps1 -KeepVolume)", run.Terminating.Exception.Message, StringComparison.Ordinal);

        var desktop = scope.Name("desktop-ports");
        await MadeByRecipe(desktop, "desktop", new[] { $"{ports[0]}:3389", $"{ports[1]}:6081" }, environment: "DESKTOP_USER=toor");
        run = ps.RunExample("Deploy-RemoteDesktop.ps1", new Dictionary<string, object?>
        {
            ["Credential"] = RecipeScope.Credential("toor", "a-password"), ["Name"] = desktop, ["RdpPort"] = ports[0], ["NoVncPort"] = ports[2],
            ["DockerHost"] = scope.Host,
        });
        Assert.True(run.TerminatingId == "ContainerMismatch", run.Describe());
        Assert.Contains($"The desktop '{desktop}' publishes RDP on {ports[0]} and noVNC on {ports[1]}, not {ports[0]} and {ports[2]}.", run.Terminating!.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("(Remove-RemoteDesktop.ps1 -KeepHome)", run.Terminating.Exception.Message, StringComparison.Ordinal);

        foreach (var name in new[] { svn, desktop }) Assert.Equal("created", (await scope.Client.Containers.InspectAsync(name)).State.Status);
    }

    [RecipeTheory]
    [MemberData(nameof(EngineNames))]
    public async Task A_run_that_fails_half_way_removes_what_it_made_and_only_that(string engine)
    {
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        var ports = FreePorts.Take(2);

        // busybox is no SVN server: its container exits at once, so the server never becomes ready.
        var fresh = scope.Name("halfway");
        var run = ps.RunExample("Deploy-SvnServer.ps1", Svn(scope, fresh, ports[0], ports[1], TestEnvironment.BusyboxImage));
        Assert.True(run.TerminatingId == "ContainerNotReady", run.Describe());
        Assert.False(await scope.ContainerExistsAsync(fresh));
        Assert.False(await scope.VolumeExistsAsync(fresh));

        // A volume that was there before the run stays, with what it held.
        var kept = scope.Name("kept");
        await scope.Client.Volumes.CreateAsync(kept);
        run = ps.RunExample("Deploy-SvnServer.ps1", Svn(scope, kept, ports[0], ports[1], TestEnvironment.BusyboxImage));
        Assert.True(run.TerminatingId == "ContainerNotReady", run.Describe());
        Assert.False(await scope.ContainerExistsAsync(kept));
        Assert.True(await scope.VolumeExistsAsync(kept));
    }

    [RecipeTheory]
    [MemberData(nameof(EngineNames))]
    public async Task Bad_credentials_and_values_are_refused_before_the_engine_is_asked(string engine)
    {
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        var name = scope.Name("values");
        var padded = Svn(scope, name, 7001, 7002);
        padded["Credential"] = new[] { RecipeScope.Credential("alice", " padded ") };
        var cases = new (string Script, Dictionary<string, object?> Parameters, string Id)[]
        {
            ("Deploy-SvnServer.ps1", padded, "InvalidPassword"),
            ("Deploy-SvnServer.ps1", Svn(scope, name, 7001, 7001), "SamePorts"),
            ("Deploy-RemoteDesktop.ps1", new() { ["Credential"] = RecipeScope.Credential("toor", "short"), ["DockerHost"] = scope.Host }, "InvalidPassword"),
            ("Deploy-RemoteDesktop.ps1", new() { ["Credential"] = RecipeScope.Credential("Root Admin", "long-enough"), ["DockerHost"] = scope.Host }, "InvalidUserName"),
            ("Deploy-RemoteDesktop.ps1", new() { ["Credential"] = RecipeScope.Credential("toor", "long-enough"), ["Geometry"] = "100x100", ["DockerHost"] = scope.Host }, "InvalidGeometry"),
        };
        foreach (var (script, parameters, id) in cases)
        {
            var run = ps.RunExample(script, parameters);
            Assert.True(run.TerminatingId == id, $"{script} {id}: {run.Describe()}");
        }

        // PowerShell's own validation catches malformed names, ports and addresses.
        var badPort = ps.RunExample("Deploy-SvnServer.ps1", new Dictionary<string, object?>(Svn(scope, name, 7001, 7002)) { ["SvnPort"] = 99999 });
        Assert.StartsWith("ParameterArgumentValidationError", badPort.Terminating!.FullyQualifiedErrorId, StringComparison.Ordinal);
        var badName = ps.RunExample("Deploy-SvnServer.ps1", new Dictionary<string, object?>(Svn(scope, name, 7001, 7002)) { ["Name"] = "bad name!" });
        Assert.StartsWith("ParameterArgumentValidationError", badName.Terminating!.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.False(await scope.ContainerExistsAsync(name));
        Assert.False(await scope.VolumeExistsAsync(name));
    }

    [RecipeTheory]
    [MemberData(nameof(EngineNames))]
    public async Task A_missing_image_is_built_from_the_recipe_or_the_reason_it_cannot_be_is_given(string engine)
    {
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        var name = scope.Name("noimage");
        var ports = FreePorts.Take(2);
        var empty = System.IO.Directory.CreateTempSubdirectory("dpsrecipe-empty-").FullName;
        try
        {
            var parameters = Svn(scope, name, ports[0], ports[1]);
            parameters["RecipePath"] = empty;
            var run = ps.RunExample("Deploy-SvnServer.ps1", parameters);
            Assert.True(run.TerminatingId == "RecipeNotFound", run.Describe());
            Assert.Contains("-RecipePath", run.Terminating!.Exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(empty);
        }

        // With a DockerPS that has no Invoke-DockerBuild (before issue 4), the script says how to build the image instead.
        var hasBuild = ps.Run("[bool] (Get-Command Invoke-DockerBuild -ErrorAction Ignore)").Output[0].BaseObject is true;
        if (!hasBuild)
        {
            var run = ps.RunExample("Deploy-SvnServer.ps1", Svn(scope, name, ports[0], ports[1]));
            Assert.True(run.TerminatingId == "BuildUnavailable", run.Describe());
            Assert.Contains("docker build -t dpsrecipe-not-built:1", run.Terminating!.Exception.Message, StringComparison.Ordinal);
        }
        Assert.False(await scope.ContainerExistsAsync(name));
        Assert.False(await scope.VolumeExistsAsync(name));
    }

    [RecipeTheory]
    [MemberData(nameof(EngineNames))]
    public async Task WhatIf_makes_nothing(string engine)
    {
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        var name = scope.Name("whatif");
        var ports = FreePorts.Take(2);
        var parameters = Svn(scope, name, ports[0], ports[1], TestEnvironment.BusyboxImage);
        parameters["WhatIf"] = true;
        var run = ps.RunExample("Deploy-SvnServer.ps1", parameters).ThrowIfFailed("Deploy-SvnServer -WhatIf");
        Assert.Empty(run.Output);
        var desktop = ps.RunExample("Deploy-RemoteDesktop.ps1", new Dictionary<string, object?>
        {
            ["Credential"] = RecipeScope.Credential("toor", "long-enough"), ["Name"] = name, ["HomeVolume"] = name, ["RdpPort"] = ports[0], ["NoVncPort"] = ports[1],
            ["Image"] = TestEnvironment.BusyboxImage, ["DockerHost"] = scope.Host, ["WhatIf"] = true,
        }).ThrowIfFailed("Deploy-RemoteDesktop -WhatIf");
        Assert.Empty(desktop.Output);
        Assert.False(await scope.ContainerExistsAsync(name));
        Assert.False(await scope.VolumeExistsAsync(name));
    }
}
