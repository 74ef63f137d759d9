using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerPS.Recipes.Tests.Support;

namespace DockerPS.Recipes.Tests.Scripts;

/// <summary>
/// The example scripts and the Pester suite, read by PowerShell's own parser: they parse, and every example a user runs
/// has what a PowerShell script of its kind should have (help, CmdletBinding with ShouldProcess, validated parameters,
/// credentials as PSCredential and never a password as a plain string parameter).
/// </summary>
public class ExampleScriptTests
{
    public static IEnumerable<object[]> Examples =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples"), "*.ps1").Select(f => new object[] { Path.GetFileName(f) });

    public static IEnumerable<object[]> AllScripts =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples"), "*.ps1", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "Pester"), "*.ps1"))
            .Select(f => new object[] { Path.GetRelativePath(RepositoryPaths.Root, f) });

    private static ScriptBlockAst Parse(string relative)
    {
        var ast = Parser.ParseFile(Path.Combine(RepositoryPaths.Root, relative), out _, out var errors);
        Assert.True(errors.Length == 0, relative + ": " + string.Join("; ", errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}")));
        return ast;
    }

    [Theory]
    [MemberData(nameof(AllScripts))]
    public void Parses_without_errors(string script) => Parse(script);

    [Fact]
    public void There_are_the_recipes_scripts() =>
        Assert.Equal(
            new[] { "Deploy-RemoteDesktop.ps1", "Deploy-SvnServer.ps1", "Remove-RemoteDesktop.ps1", "Remove-SvnServer.ps1", "Start-SvnServe.ps1" },
            Examples.Select(e => (string)e[0]).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Has_comment_based_help_with_examples(string script)
    {
        var help = Parse(Path.Combine("examples", script)).GetHelpContent();
        Assert.NotNull(help);
        Assert.False(string.IsNullOrWhiteSpace(help.Synopsis), "no .SYNOPSIS");
        Assert.False(string.IsNullOrWhiteSpace(help.Description), "no .DESCRIPTION");
        Assert.NotEmpty(help.Examples);
        var parameters = Parse(Path.Combine("examples", script)).ParamBlock!.Parameters.Select(p => p.Name.VariablePath.UserPath);
        Assert.All(parameters, p => Assert.True(help.Parameters.ContainsKey(p.ToUpperInvariant()), $"no .PARAMETER {p}"));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Supports_ShouldProcess_and_declares_its_output(string script)
    {
        var ast = Parse(Path.Combine("examples", script));
        var binding = ast.ParamBlock!.Attributes.Single(a => a.TypeName.Name == "CmdletBinding");
        Assert.Contains(binding.NamedArguments, a => a.ArgumentName == "SupportsShouldProcess");
        Assert.Contains(ast.ParamBlock.Attributes, a => a.TypeName.Name == "OutputType");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Takes_passwords_only_as_credentials(string script)
    {
        var parameters = Parse(Path.Combine("examples", script)).ParamBlock!.Parameters;
        Assert.DoesNotContain(parameters, p => p.Name.VariablePath.UserPath.Contains("Password", StringComparison.OrdinalIgnoreCase) && p.StaticType != typeof(SwitchParameter));
        foreach (var credential in parameters.Where(p => p.Name.VariablePath.UserPath == "Credential"))
        {
            Assert.True(typeof(PSCredential).IsAssignableFrom(credential.StaticType.IsArray ? credential.StaticType.GetElementType() : credential.StaticType));
            Assert.Null(credential.DefaultValue);
        }
    }
}
