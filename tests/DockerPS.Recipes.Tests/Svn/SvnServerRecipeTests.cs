using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Engine.Tests.Support;
using DockerPS.Recipes.Tests.Support;

namespace DockerPS.Recipes.Tests.Svn;

/// <summary>
/// Recipe B of SEEDS.md section 4 end to end: examples/Deploy-SvnServer.ps1 against a real engine, then the host's own
/// svn client over svn:// and http://; the container removed and made again by the scripts, the commits still there
/// because the volume kept them; wrong passwords refused by both servers and by the script.
/// </summary>
public class SvnServerRecipeTests
{
    private const string Script = "Deploy-SvnServer.ps1";
    private const string Remove = "Remove-SvnServer.ps1";

    // Characters that shells, INI files and svnserve's own config syntax could trip over.
    private const string AlicePassword = "p@ss w0rd %(x)s #1;=";

    public static IEnumerable<object[]> EngineNames => TestEnvironment.EngineNames;

    private static Dictionary<string, object?> Parameters(RecipeScope scope, string name, int httpPort, int svnPort, string image, params (string Key, object? Value)[] more)
    {
        var p = new Dictionary<string, object?>
        {
            ["Credential"] = new[] { RecipeScope.Credential("alice", AlicePassword) },
            ["Repository"] = new[] { "test-repo" },
            ["Name"] = name,
            ["VolumeName"] = name,
            ["HttpPort"] = httpPort,
            ["SvnPort"] = svnPort,
            ["HostAddress"] = "127.0.0.1",
            ["Image"] = image,
            ["DockerHost"] = scope.Host,
        };
        foreach (var (k, v) in more) p[k] = v;
        return p;
    }

    [RecipeTheory(Needs = "svn")]
    [MemberData(nameof(EngineNames))]
    public async Task The_server_serves_both_protocols_and_keeps_commits_in_its_volume(string engine)
    {
        var image = RecipeImages.Ensure(engine, "svn-server");
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        using var svn = new SvnClient();
        var name = scope.Name("svn");
        var ports = FreePorts.Take(2);
        var (http, svnPort) = (ports[0], ports[1]);
        var parameters = Parameters(scope, name, http, svnPort, image);
        var svnUrl = $"svn://127.0.0.1:{svnPort}/test-repo";
        var httpUrl = $"http://127.0.0.1:{http}/svn/test-repo";

        // First run: volume, container, user and repository are made.
        var first = ps.RunExample(Script, parameters);
        var server = first.ThrowIfFailed("Deploy-SvnServer").Result();
        Assert.Equal("DockerPS.Recipes.SvnServer", server.TypeNames[0]);
        Assert.Equal("Created", server.Get<string>("Status"));
        Assert.Equal(new[] { "test-repo" }, server.Strings("Repositories"));
        Assert.Equal(new[] { "alice" }, server.Strings("Users"));
        Assert.Equal(new[] { svnUrl }, server.Strings("SvnUrl"));
        Assert.Equal(new[] { httpUrl }, server.Strings("HttpUrl"));
        var details = await scope.Client.Containers.InspectAsync(name);
        Assert.Equal("/home/svn", details.Config.WorkingDirectory);
        Assert.Contains(details.Mounts, m => m.Name == name && m.Destination == "/home/svn");

        // svn:// checkout and commit, then http:// sees it and commits too.
        var wc1 = Path.Combine(svn.Folder, "wc1");
        svn.Run("alice", AlicePassword, svn.Folder, "checkout", svnUrl, wc1).Ok();
        File.WriteAllText(Path.Combine(wc1, "readme.txt"), "committed over svn://\n");
        svn.Run("alice", AlicePassword, wc1, "add", "readme.txt").Ok();
        Assert.Contains("Committed revision 1.", svn.Run("alice", AlicePassword, wc1, "commit", "-m", "first, over svn://").Ok().Output);

        var wc2 = Path.Combine(svn.Folder, "wc2");
        svn.Run("alice", AlicePassword, svn.Folder, "checkout", httpUrl, wc2).Ok();
        Assert.Equal("committed over svn://\n", File.ReadAllText(Path.Combine(wc2, "readme.txt")));
        File.WriteAllText(Path.Combine(wc2, "web.txt"), "committed over http://\n");
        svn.Run("alice", AlicePassword, wc2, "add", "web.txt").Ok();
        Assert.Contains("Committed revision 2.", svn.Run("alice", AlicePassword, wc2, "commit", "-m", "second, over http://").Ok().Output);

        // Wrong passwords are refused by both servers.
        var wrongSvn = svn.Run("alice", "not the password", svn.Folder, "info", svnUrl);
        Assert.NotEqual(0, wrongSvn.ExitCode);
        Assert.Contains("Password incorrect", wrongSvn.Error);
        var wrongHttp = svn.Run("alice", "not the password", svn.Folder, "info", httpUrl);
        Assert.NotEqual(0, wrongHttp.ExitCode);
        Assert.Contains("E215004", wrongHttp.Error); // "No more credentials or we tried too many times. Authentication failed"
        Assert.NotEqual(0, svn.Run("mallory", AlicePassword, svn.Folder, "info", svnUrl).ExitCode);

        // Second run with the same input: everything is found and reused.
        var again = ps.RunExample(Script, parameters).ThrowIfFailed("Deploy-SvnServer again").Result();
        Assert.Equal("Reused", again.Get<string>("Status"));
        Assert.Equal(details.Id, (await scope.Client.Containers.InspectAsync(name)).Id);

        // A wrong password for an existing user is an error of the script; the server is left as it was.
        var wrong = ps.RunExample(Script, Parameters(scope, name, http, svnPort, image, ("Credential", new[] { RecipeScope.Credential("alice", "guessed") })));
        Assert.Equal("WrongPassword", wrong.TerminatingId);
        Assert.Contains("-ResetPassword", wrong.Terminating!.Exception.Message);
        Assert.True(await scope.ContainerExistsAsync(name));

        // The container goes, the volume stays; a new container serves the same commits and users.
        ps.RunExample(Remove, new Dictionary<string, object?> { ["Name"] = name, ["KeepVolume"] = true, ["Confirm"] = false, ["DockerHost"] = scope.Host })
            .ThrowIfFailed("Remove-SvnServer -KeepVolume");
        Assert.False(await scope.ContainerExistsAsync(name));
        Assert.True(await scope.VolumeExistsAsync(name));

        var recreated = ps.RunExample(Script, parameters).ThrowIfFailed("Deploy-SvnServer after removal").Result();
        Assert.Equal("Created", recreated.Get<string>("Status"));
        Assert.NotEqual(details.Id, (await scope.Client.Containers.InspectAsync(name)).Id);
        Assert.Equal("committed over svn://\n", svn.Run("alice", AlicePassword, svn.Folder, "cat", svnUrl + "/readme.txt").Ok().Output);
        Assert.Equal("committed over http://\n", svn.Run("alice", AlicePassword, svn.Folder, "cat", httpUrl + "/web.txt").Ok().Output);
        Assert.Contains("Revision: 2", svn.Run("alice", AlicePassword, svn.Folder, "info", svnUrl).Ok().Output);
        svn.Run("alice", AlicePassword, wc1, "update").Ok();
        Assert.True(File.Exists(Path.Combine(wc1, "web.txt")));

        // -ResetPassword changes it for both protocols.
        ps.RunExample(Script, Parameters(scope, name, http, svnPort, image, ("Credential", new[] { RecipeScope.Credential("alice", "new secret") }), ("ResetPassword", true)))
            .ThrowIfFailed("Deploy-SvnServer -ResetPassword");
        svn.Run("alice", "new secret", svn.Folder, "info", svnUrl).Ok();
        svn.Run("alice", "new secret", svn.Folder, "info", httpUrl).Ok();
        Assert.NotEqual(0, svn.Run("alice", AlicePassword, svn.Folder, "info", httpUrl).ExitCode);

        // All of it removed.
        var removed = ps.RunExample(Remove, new Dictionary<string, object?> { ["Name"] = name, ["Confirm"] = false, ["DockerHost"] = scope.Host })
            .ThrowIfFailed("Remove-SvnServer");
        Assert.Equal(new[] { "Container", "Volume" }, removed.Output.Select(o => o.Get<string>("Kind")));
        Assert.False(await scope.ContainerExistsAsync(name));
        Assert.False(await scope.VolumeExistsAsync(name));
        Assert.Empty(ps.RunExample(Remove, new Dictionary<string, object?> { ["Name"] = name, ["Confirm"] = false, ["DockerHost"] = scope.Host })
            .ThrowIfFailed("Remove-SvnServer when all is gone").Output);
    }

    [RecipeTheory]
    [MemberData(nameof(EngineNames))]
    public async Task The_script_builds_its_image_from_the_recipe_when_the_engine_has_none(string engine)
    {
        RecipeImages.Ensure(engine, "svn-server"); // its cached steps make the script's own build quick
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        Assert.True(ps.Run("[bool] (Get-Command Invoke-DockerBuild -ErrorAction Ignore)").Output[0].BaseObject is true, "no Invoke-DockerBuild in the module");
        var name = scope.Name("built");
        var tag = $"dpsrecipe-svn-server:script-{scope.Run}";
        var ports = FreePorts.Take(2);
        try
        {
            var run = ps.RunExample(Script, Parameters(scope, name, ports[0], ports[1], tag));
            var server = run.ThrowIfFailed("Deploy-SvnServer with a missing image").Result();
            Assert.Contains(run.Verbose, v => v.Message.Contains("Build the image from", StringComparison.Ordinal));
            Assert.Equal("Created", server.Get<string>("Status"));
            Assert.Equal(tag, server.Get<string>("Image"));
            Assert.Contains("\"dockerps.recipe\":\"svn-server\"", Cli.Run(engine, "image inspect --format \"{{json .Config.Labels}}\" " + tag), StringComparison.Ordinal);
            Assert.Equal(new[] { "alice" }, server.Strings("Users"));
        }
        finally
        {
            await scope.DisposeContainersAsync();
            Cli.Run(engine, $"image rm {tag}", check: false);
        }
    }

    [RecipeTheory(Needs = "svn")]
    [MemberData(nameof(EngineNames))]
    public async Task A_second_user_and_repository_are_added_to_a_running_server(string engine)
    {
        var image = RecipeImages.Ensure(engine, "svn-server");
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        using var svn = new SvnClient();
        var name = scope.Name("svn2");
        var ports = FreePorts.Take(2);
        ps.RunExample(Script, Parameters(scope, name, ports[0], ports[1], image)).ThrowIfFailed("Deploy-SvnServer");

        // Credentials from the pipeline, one more repository.
        var run = ps.Run(
            "$creds | & $script -Repository test-repo, docs -Name $name -VolumeName $name -HttpPort $http -SvnPort $svn -HostAddress 127.0.0.1 -Image $image -DockerHost $engine",
            ("creds", new[] { RecipeScope.Credential("alice", AlicePassword), RecipeScope.Credential("bob", "bobs-secret") }),
            ("script", RepositoryPaths.Example(Script)),
            ("name", name),
            ("http", ports[0]),
            ("svn", ports[1]),
            ("image", image),
            ("engine", scope.Host));
        var server = run.ThrowIfFailed("Deploy-SvnServer with piped credentials").Result();
        Assert.Equal(new[] { "docs", "test-repo" }, server.Strings("Repositories"));
        Assert.Equal(new[] { "alice", "bob" }, server.Strings("Users"));
        svn.Run("bob", "bobs-secret", svn.Folder, "info", $"svn://127.0.0.1:{ports[1]}/docs").Ok();
        svn.Run("bob", "bobs-secret", svn.Folder, "info", $"http://127.0.0.1:{ports[0]}/svn/docs").Ok();
        // The users file is on the volume, readable by the servers' user only.
        var (code, listing) = await scope.ExecAsync(name, "stat", "-c", "%U %a", "/home/svn/.svn-users");
        Assert.Equal(0, code);
        Assert.Equal("www-data 600", listing);
    }
}
