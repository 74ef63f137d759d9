using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Images;

/// <summary>
/// Invoke-DockerBuild in pipelines against both engines, under its name and under its alias Build-DockerImage (the
/// name it had first, which users' scripts still call): a folder piped in, the image piped on to Invoke-DockerRun,
/// the cache reused by the other name, and bad input refused as the cmdlet refuses it.
/// </summary>
public sealed class BuildTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_folder_piped_to_Build_DockerImage_builds_an_image_that_runs_and_Invoke_DockerBuild_reuses_its_cache(string engine)
    {
        await using var t = new EngineScope(engine);
        var context = Directory.CreateTempSubdirectory("dpshost-build-");
        var tag = t.Name("build") + ":1";
        var again = t.Name("build") + ":2";
        try
        {
            File.WriteAllText(Path.Combine(context.FullName, "Dockerfile"), $"FROM {TestEnvironment.BusyboxImage}\nCOPY greeting.txt /\nCMD [\"cat\", \"/greeting.txt\"]\n");
            File.WriteAllText(Path.Combine(context.FullName, "greeting.txt"), "built by " + t.Run + "\n");

            // Through the alias, as scripts written before the rename have it: a folder in (Get-Item's DirectoryInfo; Get-Item
            // itself is in a module this host lacks), the image on to docker run.
            var run = t.Ps("[System.IO.DirectoryInfo]::new($context) | Build-DockerImage -Tag $tag | Invoke-DockerRun -Remove -Label $label",
                ("context", context.FullName), ("tag", tag)).ThrowIfFailed();
            Assert.Equal(new[] { "built by " + t.Run }, run.Lines);

            // The same build under the cmdlet's name: every step from the cache, the same image with a second tag.
            var image = t.Ps("Invoke-DockerBuild -Path $context -Tag $again", ("context", context.FullName), ("again", again)).ThrowIfFailed();
            var built = Assert.Single(image.All<DockerImage>());
            Assert.Equal((await t.Client.Images.InspectAsync(tag)).Id, built.Id);
            var output = image.Information.Where(i => i.Tags.Contains("Output")).Select(i => i.MessageData.ToString()).ToList();
            Assert.Equal(2, output.Count(l => l!.Contains("Using cache", StringComparison.Ordinal)));

            // Bad input through either name is the cmdlet's error, before anything is sent.
            foreach (var name in new[] { "Build-DockerImage", "Invoke-DockerBuild" })
            {
                var missing = t.Ps($"{name} -Path $missing -Tag $tag", ("missing", Path.Combine(context.FullName, "missing")), ("tag", tag));
                Assert.Equal("BuildContextNotFound", Assert.Single(missing.ErrorIds));
                Assert.EndsWith(",DockerPS.Commands.InvokeDockerBuildCommand", missing.AllErrors.Single().FullyQualifiedErrorId, StringComparison.Ordinal);
            }
        }
        finally
        {
            t.Ps("Remove-DockerImage $tags -Force -Confirm:$false -ErrorAction SilentlyContinue | Out-Null", ("tags", new[] { tag, again }));
            context.Delete(recursive: true);
        }
    }
}
