using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Images;

/// <summary>
/// The registry round trip through the cmdlets, ending in docker run's pull of a missing image: login, tag, push,
/// remove the local tag, run (which pulls it back), -Pull never, logout. The only test of this tier that sets
/// DOCKER_CONFIG (process-wide: the credential store reads the process environment, as docker does), to a folder of
/// its own, restored at the end.
/// </summary>
public sealed class RegistryRunTests
{
    private static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Run_pulls_a_missing_image_with_the_stored_login_and_Pull_never_refuses(string engine)
    {
        await using var t = new EngineScope(engine);
        var config = Directory.CreateTempSubdirectory("dpshost-config-");
        var registry = TestEnvironment.Get("registry", "address");
        var credential = new PSCredential(TestEnvironment.Get("registry", "username"), Secure(TestEnvironment.Get("registry", "password")));
        var reference = $"{registry}/{t.Name("pull")}:1";
        var previous = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", Path.Combine(config.FullName, "docker"));
        try
        {
            t.Ps("Connect-DockerRegistry $registry -Credential $credential", ("registry", registry), ("credential", credential)).ThrowIfFailed();
            t.Ps("Add-DockerImageTag $busybox $ref; Invoke-DockerPush $ref -Quiet | Out-Null; Remove-DockerImage $ref -Confirm:$false | Out-Null", ("ref", reference)).ThrowIfFailed();
            Assert.False(await t.Client.Images.ExistsAsync(reference));

            // -Pull never: the engine's "No such image", nothing created.
            var never = t.Ps("Invoke-DockerRun -Remove -Pull never -Label $label $ref echo hi", ("ref", reference));
            Assert.Equal("ImageNotFound", Assert.Single(never.ErrorIds));
            Assert.Empty(await t.ContainersAsync());

            // The default (missing) pulls it back with docker's warning, then runs it.
            var run = t.Ps("Invoke-DockerRun -Remove -Label $label $ref echo pulled-and-ran", ("ref", reference)).ThrowIfFailed();
            Assert.Equal(new[] { "pulled-and-ran" }, run.Lines);
            Assert.Contains(run.Warnings, w => w.Message.Contains($"Unable to find image '{reference}' locally", StringComparison.Ordinal));
            Assert.True(await t.Client.Images.ExistsAsync(reference));

            // Present now: no second pull, no warning.
            var again = t.Ps("Invoke-DockerRun -Remove -Label $label $ref echo again", ("ref", reference)).ThrowIfFailed();
            Assert.Empty(again.Warnings);

            // Logged out, -Pull always cannot reach the image: an authentication error naming what to do.
            t.Ps("Disconnect-DockerRegistry $registry", ("registry", registry)).ThrowIfFailed();
            var refused = t.Ps("New-DockerContainer -Pull always -Label $label $ref", ("ref", reference));
            Assert.Equal("RegistryAuthenticationRequired", Assert.Single(refused.ErrorIds));
            Assert.Empty(await t.ContainersAsync());
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", previous);
            config.Delete(recursive: true);
            t.Ps("Remove-DockerImage $ref -Confirm:$false -ErrorAction SilentlyContinue | Out-Null", ("ref", reference));
        }
    }
}
