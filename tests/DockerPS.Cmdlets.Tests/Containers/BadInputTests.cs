using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Containers;

/// <summary>Every malformed value is refused before anything is created, with a message that names it.</summary>
public sealed class BadInputTests
{
    /// <summary>A parameter, the bad value as PowerShell source, the text the message must contain, and the ErrorId.</summary>
    private static readonly (string Parameter, string Value, string Named, string ErrorId)[] Cases =
    {
        ("Publish", "'8080:'", "8080:", "InvalidPublish"),
        ("Publish", "'99999:80'", "99999", "InvalidPublish"),
        ("Publish", "'abc:80'", "abc:80", "InvalidPublish"),
        ("Publish", "@{ 8080 = 'x' }", "x", "InvalidPublish"),
        ("Volume", "':/x'", ":/x", "InvalidVolume"),
        ("Volume", "'relative/dir:/data'", "relative/dir", "InvalidVolume"),
        ("Mount", "'type=bogus,target=/x'", "bogus", "InvalidMount"),
        ("Memory", "'-1m'", "-1m", "InvalidMemory"),
        ("Memory", "'12q'", "12q", "InvalidMemory"),
        ("Cpus", "0", "0", "InvalidCpus"),
        ("Cpus", "'lots'", "lots", "InvalidCpus"),
        ("RestartPolicy", "'sometimes'", "sometimes", "InvalidRestartPolicy"),
        ("RestartPolicy", "'on-failure:-2'", "on-failure:-2", "InvalidRestartPolicy"),
        ("Environment", "'=nameless'", "=nameless", "InvalidEnvironment"),
        ("Label", "'=v'", "=v", "InvalidLabel"),
        ("Network", "'container:'", "container:", "InvalidNetwork"),
        ("EnvFile", "'./dpshost-missing.env'", "dpshost-missing.env", "EnvFileNotFound"),
    };

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Malformed_values_are_refused_before_anything_is_created_naming_the_value(string engine)
    {
        await using var t = new EngineScope(engine);
        var problems = new List<string>();
        foreach (var command in new[] { "New-DockerContainer", "Invoke-DockerRun -Detach", "Invoke-DockerRun -Remove" })
        {
            foreach (var (parameter, value, named, errorId) in Cases)
            {
                var given = parameter == "Label" ? $"-Label $label, {value}" : $"-Label $label -{parameter} {value}";
                var script = $"{command} -Name \"dpshost-bad-$run\" {given} $busybox sleep 300";
                var r = t.Ps(script);
                var error = r.AllErrors.Count > 0 ? r.AllErrors[0] : null;
                if (r.Output.Count > 0) problems.Add($"{script}: wrote {r.Output.Count} object(s).");
                if (error is null)
                {
                    problems.Add($"{script}: no error.");
                    continue;
                }
                if (r.AllErrors.Count != 1) problems.Add($"{script}: {r.AllErrors.Count} errors: {string.Join(" | ", r.ErrorIds)}");
                if (r.ErrorIds[0] != errorId) problems.Add($"{script}: ErrorId {r.ErrorIds[0]}, not {errorId} ({error.Exception.Message})");
                if (error.CategoryInfo.Category is not (ErrorCategory.InvalidArgument or ErrorCategory.ObjectNotFound))
                    problems.Add($"{script}: category {error.CategoryInfo.Category}.");
                if (!error.Exception.Message.Contains(named, StringComparison.Ordinal)) problems.Add($"{script}: the message does not name '{named}': {error.Exception.Message}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(await t.ContainersAsync());
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Bad_names_and_update_values_change_nothing(string engine)
    {
        await using var t = new EngineScope(engine);
        var bind = t.Ps("New-DockerContainer -Name 'bad name' -Label $label $busybox");
        Assert.Equal("ParameterArgumentValidationError", bind.ErrorIds.Single());
        Assert.Contains("bad name", bind.AllErrors[0].Exception.Message, StringComparison.Ordinal);

        t.Ps("$null = New-DockerContainer -Name $name -Label $label -Memory 64m $busybox sleep 300", ("name", t.Name("upd"))).ThrowIfFailed();
        foreach (var (parameter, value) in new[] { ("Memory", "'lots'"), ("Cpus", "-1"), ("RestartPolicy", "'never'"), ("MemorySwap", "'1x'") })
        {
            var r = t.Ps($"Update-DockerContainer $name -{parameter} {value} -CpuShares 512");
            var error = Assert.Single(r.AllErrors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains(value.Trim('\''), error.Exception.Message, StringComparison.Ordinal);
        }
        var details = await t.Client.Containers.InspectAsync(t.Name("upd"));
        Assert.Equal(64L * 1024 * 1024, details.HostConfig.Memory);
        Assert.Equal(0, details.HostConfig.NanoCpus);

        // One bad value among good ones: nothing is changed in any container.
        t.Ps("$null = New-DockerContainer -Name \"$name-2\" -Label $label $busybox sleep 300").ThrowIfFailed();
        var many = t.Ps("Update-DockerContainer $name, \"$name-2\" -Cpus 0.5 -Memory 'x1'");
        Assert.Equal("InvalidMemory", many.ErrorIds.Single());
        Assert.All(await t.ContainersAsync(), c => Assert.Equal(0, t.Client.Containers.InspectAsync(c.Id).Result.HostConfig.NanoCpus));
    }
}
