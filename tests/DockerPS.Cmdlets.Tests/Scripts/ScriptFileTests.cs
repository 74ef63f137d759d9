using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerPS.Cmdlets.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Scripts;

/// <summary>
/// The repository's PowerShell files (tests/Pester, examples/ and the build script), which nothing here can run under
/// Pester: each parses without a syntax error, and every DockerPS command they call, with every parameter they
/// name, exists in the imported module. PowerShell would only find a misspelt one when the line runs.
/// </summary>
public sealed class ScriptFileTests
{
    private static readonly string[] Folders = { Path.Combine("tests", "Pester"), "examples" };

    public static IEnumerable<object[]> Files =>
        Folders.Select(f => Path.Combine(ModuleFolder.RepositoryRoot, f))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
            .Append(Path.Combine(ModuleFolder.RepositoryRoot, "build.ps1"))
            .Append(Path.Combine(ModuleFolder.RepositoryRoot, "DockerPS.psd1"))
            .Select(f => new object[] { Path.GetRelativePath(ModuleFolder.RepositoryRoot, f) });

    [Fact]
    public void There_are_Pester_files_to_check() =>
        Assert.Contains(Files, f => ((string)f[0]).EndsWith(".Tests.ps1", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void The_file_parses_and_calls_only_DockerPS_commands_and_parameters_that_exist(string file)
    {
        var ast = Parser.ParseFile(Path.Combine(ModuleFolder.RepositoryRoot, file), out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{file}:{e.Extent.StartLineNumber}: {e.Message}")));

        var problems = CheckCalls(ast, file);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_check_finds_unknown_commands_and_parameters_and_ambiguous_prefixes()
    {
        var ast = Parser.ParseInput("""
            Get-DockerContainer -All -Lab x -Inspect:$true
            Get-DockerContainers
            Stop-DockerContainer web -Timout 3
            Invoke-DockerRun -D busybox -- sh -c 'exit 1'
            New-DockerContainer -C 1 busybox
            Build-DockerImage -Fil ./web.dockerfile -Tag web:1
            Build-DockerImage -Tga web:1
            """, out _, out var errors);
        Assert.Empty(errors);
        var problems = CheckCalls(ast, "x.ps1");
        Assert.Equal(4, problems.Count);
        Assert.Contains("x.ps1:7: Build-DockerImage has no parameter -Tga.", problems);
        Assert.Contains("x.ps1:2: Get-DockerContainers is not a DockerPS command.", problems);
        Assert.Contains("x.ps1:3: Stop-DockerContainer has no parameter -Timout.", problems);
        Assert.Contains(problems, p => p.StartsWith("x.ps1:5: New-DockerContainer has no parameter -C (ambiguous:", StringComparison.Ordinal));
    }

    private static List<string> CheckCalls(Ast ast, string file)
    {
        var calls = ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>()
            .Where(c => c.GetCommandName() is { } n && n.Contains("-Docker", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var problems = new List<string>();
        if (calls.Count == 0) return problems;

        var commands = Commands.Value;
        foreach (var call in calls)
        {
            var name = call.GetCommandName();
            var where = $"{file}:{call.Extent.StartLineNumber}";
            if (!commands.TryGetValue(name, out var parameters))
            {
                problems.Add($"{where}: {name} is not a DockerPS command.");
                continue;
            }
            // "--" ends the parameters (what follows is the container's command line); it is no parameter itself.
            foreach (var parameter in call.CommandElements.OfType<CommandParameterAst>().Where(p => p.Extent.Text != "--"))
            {
                var given = parameter.ParameterName;
                // PowerShell takes a parameter by its full name, an alias, or a prefix of exactly one of them.
                var exact = parameters.Where(p => string.Equals(p, given, StringComparison.OrdinalIgnoreCase)).ToList();
                var prefixed = parameters.Where(p => p.StartsWith(given, StringComparison.OrdinalIgnoreCase)).ToList();
                if (exact.Count == 0 && prefixed.Count != 1)
                    problems.Add($"{where}: {name} has no parameter -{given}{(prefixed.Count > 1 ? " (ambiguous: " + string.Join(", ", prefixed) + ")" : string.Empty)}.");
            }
        }
        return problems;
    }

    /// <summary>
    /// Each DockerPS command with the names and aliases of all its parameters, common ones included; an exported alias
    /// (Build-DockerImage) with those of the cmdlet it stands for.
    /// </summary>
    private static readonly Lazy<Dictionary<string, List<string>>> Commands = new(() =>
    {
        using var shell = PowerShellSession.Open(ModuleFolder.Path);
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var command in shell.Run("Get-Command -Module DockerPS").ThrowIfFailed().All<CommandInfo>())
        {
            var cmdlet = command as CmdletInfo ?? (command as AliasInfo)?.ResolvedCommand as CmdletInfo
                ?? throw new Xunit.Sdk.XunitException($"DockerPS exports {command.CommandType} {command.Name}, which is neither a cmdlet nor an alias of one.");
            result[command.Name] = cmdlet.Parameters.Values.SelectMany(p => p.Aliases.Prepend(p.Name)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }
        return result;
    });
}
