using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using DockerPS.Engine.Tests.Support;
using DockerPS.Recipes.Tests.Support;

namespace DockerPS.Recipes.Tests.Svn;

/// <summary>
/// Recipe A of SEEDS.md section 4 end to end: examples/Start-SvnServe.ps1 in a general-purpose container of the Debian
/// base image (subversion installed into it by the script from Debian's mirror), svnserve started with docker exec;
/// the host's svn client commits; after a restart of the container, which ends a server started by exec, running the
/// script again brings svnserve back.
/// </summary>
public class SvnserveRecipeTests
{
    public static IEnumerable<object[]> EngineNames => TestEnvironment.EngineNames;

    [RecipeTheory(Needs = "svn")]
    [MemberData(nameof(EngineNames))]
    public async Task Svnserve_started_by_exec_serves_the_repository_and_comes_back_when_run_again(string engine)
    {
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();
        using var svn = new SvnClient();
        var name = scope.Name("svnserve");
        var port = FreePorts.Take(1)[0];
        var parameters = new Dictionary<string, object?>
        {
            ["Credential"] = new[] { RecipeScope.Credential("svnadmin", "admin secret") },
            ["Name"] = name,
            ["Port"] = port,
            ["HostAddress"] = "127.0.0.1",
            ["Image"] = TestEnvironment.DebianImage,
            ["DockerHost"] = scope.Host,
        };

        var server = ps.RunExample("Start-SvnServe.ps1", parameters).ThrowIfFailed("Start-SvnServe").Result();
        Assert.Equal("DockerPS.Recipes.Svnserve", server.TypeNames[0]);
        Assert.Equal($"svn://127.0.0.1:{port}/", server.Get<string>("SvnUrl"));
        Assert.Equal("test_repo", server.Get<string>("Repository"));

        // The seed's check, from the host: svn info, then a commit.
        var url = server.Get<string>("SvnUrl");
        Assert.Contains("Revision: 0", svn.Run("svnadmin", "admin secret", svn.Folder, "info", url).Ok().Output);
        var wc = Path.Combine(svn.Folder, "wc");
        svn.Run("svnadmin", "admin secret", svn.Folder, "checkout", url, wc).Ok();
        File.WriteAllText(Path.Combine(wc, "notes.txt"), "recipe A\n");
        svn.Run("svnadmin", "admin secret", wc, "add", "notes.txt").Ok();
        Assert.Contains("Committed revision 1.", svn.Run("svnadmin", "admin secret", wc, "commit", "-m", "recipe A").Ok().Output);
        Assert.Contains("Password incorrect", svn.Run("svnadmin", "wrong", svn.Folder, "info", url).Error);

        // A restart ends svnserve (it is not the container's own process); the script starts it again.
        await scope.Client.Containers.RestartAsync(name, 1);
        Assert.NotEqual(0, svn.Run("svnadmin", "admin secret", svn.Folder, "info", url).ExitCode);
        var again = ps.RunExample("Start-SvnServe.ps1", parameters).ThrowIfFailed("Start-SvnServe again");
        Assert.Contains(again.Verbose, v => v.Message.Contains("Start svnserve", System.StringComparison.Ordinal));
        Assert.DoesNotContain(again.Verbose, v => v.Message.Contains("Install Debian's subversion", System.StringComparison.Ordinal));
        Assert.Equal("recipe A\n", svn.Run("svnadmin", "admin secret", svn.Folder, "cat", url + "notes.txt").Ok().Output);
    }
}
