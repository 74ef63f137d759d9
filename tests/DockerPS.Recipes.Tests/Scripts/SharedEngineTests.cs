using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;
using DockerPS.Recipes.Tests.Support;

namespace DockerPS.Recipes.Tests.Scripts;

/// <summary>
/// The recipes run on engines that other runs use at the same time (a second CI run, the hosted tier): what those runs
/// create and remove while a script looks must not fail the script. "Deploy-SvnServer after removal" once failed on
/// engine20 with ContainerNotFound ("No such container: a6161bd5…", from Get-RecipePortConflict): the port check lists
/// every container and then inspects each, and a container of another run was removed between the two calls.
/// </summary>
public class SharedEngineTests
{
    [RecipeTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task The_port_check_is_not_upset_by_containers_another_run_removes_while_it_looks(string engine)
    {
        await using var scope = new RecipeScope(engine);
        using var ps = RecipeSession.Open();

        // "Other runs": two loops that make containers and remove them again, in the created state that the port check
        // inspects (a created container holds its ports without running). Several live at any moment, each briefly.
        using var stop = new CancellationTokenSource();
        var removed = 0;
        async Task Churn(string[] slots)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var name = slots[i % slots.Length];
                try
                {
                    await scope.Client.Containers.RemoveAsync(name, force: true, volumes: true);
                    Interlocked.Increment(ref removed);
                }
                catch (DockerNotFoundException)
                {
                }
                await scope.Client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage) { Name = name, Command = new[] { "true" } });
            }
        }
        var first = new[] { scope.Name("churn-a0"), scope.Name("churn-a1"), scope.Name("churn-a2"), scope.Name("churn-a3") };
        var second = new[] { scope.Name("churn-b0"), scope.Name("churn-b1"), scope.Name("churn-b2"), scope.Name("churn-b3") };
        var churn = Task.WhenAll(Task.Run(() => Churn(first)), Task.Run(() => Churn(second)));

        try
        {
            while (Volatile.Read(ref removed) < 4) await Task.Delay(20);
            var before = Volatile.Read(ref removed);
            // Port checks for a few seconds, so that many removals fall between a list and an inspect.
            var run = ps.Run(
                """
                . $common
                $engine = @{ DockerHost = $dockerHost }
                $deadline = [datetime]::UtcNow.AddSeconds(5)
                while ([datetime]::UtcNow -lt $deadline) { $null = Get-RecipePortConflict -Port $port -Engine $engine }
                """,
                ("common", RepositoryPaths.Example("Private/RecipeCommon.ps1")),
                ("dockerHost", scope.Host),
                ("port", FreePorts.Take(1)[0]));
            var removedMeanwhile = Volatile.Read(ref removed) - before;
            run.ThrowIfFailed("the port check while another run removes containers");
            Assert.True(removedMeanwhile >= 40, $"only {removedMeanwhile} containers were removed during the port checks: the race was hardly tried");
        }
        finally
        {
            stop.Cancel();
            await churn;
        }
    }
}
