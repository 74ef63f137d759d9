using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Containers;

/// <summary>Invoke-DockerRun attached: stdout, stderr, exit codes and what reaches the container.</summary>
public sealed class RunOutputTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Standard_error_is_an_error_record_standard_output_a_string_and_2_to_1_merges_them(string engine)
    {
        await using var t = new EngineScope(engine);
        var r = t.Ps("Invoke-DockerRun -Remove -Label $label $busybox -- sh -c 'echo to-stdout; echo to-stderr >&2'");
        Assert.Equal(new[] { "to-stdout" }, r.Lines);
        var error = Assert.Single(r.Errors);
        Assert.Equal("ContainerStandardError,DockerPS.Commands.InvokeDockerRunCommand", error.FullyQualifiedErrorId);
        Assert.Equal("to-stderr", error.Exception.Message);

        var merged = t.Ps("Invoke-DockerRun -Remove -Label $label $busybox -- sh -c 'echo to-stdout; echo to-stderr >&2' 2>&1").ThrowIfFailed();
        Assert.Equal(new[] { "to-stdout" }, merged.Objects.OfType<string>());
        Assert.Equal("to-stderr", Assert.Single(merged.Objects.OfType<ErrorRecord>()).Exception.Message);

        // -ErrorVariable collects them as with any cmdlet; 2>$null drops them.
        var quiet = t.Ps("$out = Invoke-DockerRun -Remove -Label $label $busybox -- sh -c 'echo a; echo b >&2' 2>$null; $out").ThrowIfFailed();
        Assert.Equal(new[] { "a" }, quiet.Lines);
        Assert.Empty(await t.ContainersAsync());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_non_zero_exit_is_an_error_carrying_ExitCode_and_sets_LASTEXITCODE(string engine)
    {
        await using var t = new EngineScope(engine);
        var r = t.Ps("""
            Invoke-DockerRun -Remove -Name $name -Label $label $busybox -- sh -c 'echo before; exit 3'
            $LASTEXITCODE
            """, ("name", t.Name("exit3")));
        Assert.Equal(new object[] { "before", 3 }, r.Objects);
        var error = Assert.Single(r.Errors);
        Assert.Equal("ContainerExitedWithError,DockerPS.Commands.InvokeDockerRunCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal(3, Assert.IsType<DockerContainerExitException>(error.Exception).ExitCode);
        Assert.Equal(t.Name("exit3"), error.TargetObject);

        // -ErrorAction Stop makes it terminating, so try/catch sees it.
        var caught = t.Ps("""
            try { Invoke-DockerRun -Remove -Label $label -ErrorAction Stop $busybox -- sh -c 'exit 4'; 'not caught' }
            catch { $_.Exception.ExitCode }
            """).ThrowIfFailed();
        Assert.Equal(new object[] { 4L }, caught.Objects);
        Assert.Empty(await t.ContainersAsync());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Environment_working_directory_user_hostname_and_entrypoint_reach_the_container(string engine)
    {
        await using var t = new EngineScope(engine);
        var r = t.Ps("""
            Invoke-DockerRun -Remove -Label $label -Environment @{ A = 1; B = 'two words' } -WorkingDirectory /tmp -User nobody -Hostname dpshost-h $busybox -- sh -c 'echo "$A|$B"; pwd; id -u; hostname'
            Invoke-DockerRun -Remove -Label $label -Environment 'C=3' -Entrypoint /bin/echo $busybox from entrypoint
            """).ThrowIfFailed();
        Assert.Equal(new[] { "1|two words", "/tmp", "65534", "dpshost-h", "from entrypoint" }, r.Lines);
        Assert.Empty(await t.ContainersAsync());
    }
}
