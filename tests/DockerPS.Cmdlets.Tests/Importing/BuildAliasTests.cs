using System;
using System.Linq;
using System.Management.Automation;
using DockerPS.Cmdlets.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Importing;

/// <summary>
/// Build-DockerImage, Invoke-DockerBuild's first name, as an alias: what Get-Command and Get-Help make of it, and an
/// import that warns about nothing. Build is approved only from PowerShell 6, so Windows PowerShell 5.1 warned about
/// the old cmdlet name on every Import-Module; scripts that call it must keep working.
/// </summary>
public sealed class BuildAliasTests
{
    [Fact]
    public void Get_Command_Build_DockerImage_is_the_alias_of_Invoke_DockerBuild()
    {
        using var shell = PowerShellSession.Open(ModuleFolder.Path);
        var alias = shell.Run("Get-Command Build-DockerImage").One<AliasInfo>();
        Assert.Equal(CommandTypes.Alias, alias.CommandType);
        Assert.Equal("DockerPS", alias.ModuleName);
        var cmdlet = Assert.IsType<CmdletInfo>(alias.ResolvedCommand);
        Assert.Equal("Invoke-DockerBuild", cmdlet.Name);
        Assert.Equal("DockerPS.Commands.InvokeDockerBuildCommand", cmdlet.ImplementingType.FullName);

        // Both names take the same parameters, so calls written for either bind alike.
        Assert.Equal(cmdlet.Parameters.Keys.Order(), shell.Run("(Get-Command Build-DockerImage).Parameters.Keys").Lines.Order());
        Assert.Equal("Invoke-DockerBuild", shell.Run("(Get-Command Invoke-DockerBuild).Name").Lines.Single());
    }

    [Fact]
    public void Get_Help_Build_DockerImage_shows_Invoke_DockerBuilds_help()
    {
        using var shell = PowerShellSession.Open(ModuleFolder.Path);
        var help = shell.Run("""
            foreach ($name in 'Invoke-DockerBuild', 'Build-DockerImage') {
                $h = Get-Help $name -Full
                [pscustomobject]@{
                    Name = [string]$h.Name
                    Synopsis = [string]$h.Synopsis
                    Examples = @($h.Examples.Example).Count
                    Notes = [string](@($h.alertSet.alert) | ForEach-Object { $_.Text })
                }
            }
            """).ThrowIfFailed().Output;
        Assert.Equal(2, help.Count);
        var (cmdlet, alias) = (help[0], help[1]);
        Assert.Equal("Invoke-DockerBuild", alias.Get<string>("Name"));
        Assert.Equal(cmdlet.Get<string>("Synopsis"), alias.Get<string>("Synopsis"));
        Assert.StartsWith("Builds an image from a Dockerfile", alias.Get<string>("Synopsis"), StringComparison.Ordinal);
        Assert.Equal(cmdlet.Get<int>("Examples"), alias.Get<int>("Examples"));
        Assert.True(alias.Get<int>("Examples") > 0);
        // The notes say what the alias is, so a reader of the old name learns the new one.
        Assert.Contains("Build-DockerImage is an alias of Invoke-DockerBuild", alias.Get<string>("Notes"), StringComparison.Ordinal);

        shell.Run("Get-Help Build-DockerImage | Out-Host").ThrowIfFailed();
        Assert.Contains("Invoke-DockerBuild", shell.Host.Console, StringComparison.Ordinal);
        Assert.Contains("Builds an image from a Dockerfile", shell.Host.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Module_writes_no_warning_and_imports_the_cmdlet_and_its_alias()
    {
        using var shell = PowerShellSession.Open(module: null);
        var import = shell.Run("Import-Module $module -Verbose", ("module", ModuleFolder.Path)).ThrowIfFailed("Import-Module");
        Assert.True(import.Warnings.Count == 0, string.Join("\n", import.Warnings.Select(w => w.Message)));
        var verbose = import.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(verbose, m => m.Contains("Importing cmdlet 'Invoke-DockerBuild'", StringComparison.Ordinal));
        Assert.Contains(verbose, m => m.Contains("Importing alias 'Build-DockerImage'", StringComparison.Ordinal));
        Assert.DoesNotContain(verbose, m => m.Contains("Importing cmdlet 'Build-DockerImage'", StringComparison.Ordinal));

        // PowerShell 7.6 approves Build and Deploy, so it would not warn about them; Windows PowerShell 5.1, which
        // predates both, does. The conventions tier checks every verb against 5.1's own list; this is the same rule
        // as PowerShell 7 sees the module.
        var verbs = shell.Run("@(Get-Command -Module DockerPS -CommandType Cmdlet).Verb").ThrowIfFailed().Lines.Distinct().ToList();
        Assert.Contains("Invoke", verbs);
        Assert.DoesNotContain("Build", verbs);
        Assert.DoesNotContain("Deploy", verbs);
    }
}
