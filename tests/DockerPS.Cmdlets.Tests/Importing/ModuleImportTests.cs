using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Cmdlets.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Importing;

/// <summary>Import-Module of the module folder, as a user does it: what it exports, its version, its help.</summary>
public sealed class ModuleImportTests
{
    [Fact]
    public void Import_Module_exports_exactly_the_cmdlets_and_aliases_the_manifest_lists_and_the_assembly_has()
    {
        using var shell = PowerShellSession.Open(ModuleFolder.Path);
        var result = shell.Run("""
            $m = Get-Module DockerPS
            $manifest = Test-ModuleManifest $manifestPath
            $declared = @($m.ImplementingAssembly.GetExportedTypes() | Where-Object { $_.IsDefined([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" })
            [pscustomobject]@{
                Exported = @($m.ExportedCmdlets.Keys)
                Manifest = @($manifest.ExportedCmdlets.Keys)
                Declared = $declared
                Commands = @(Get-Command -Module DockerPS -CommandType Cmdlet).Count
                Aliases = @($m.ExportedAliases.Keys)
                ManifestAliases = @($manifest.ExportedAliases.Keys)
                DeclaredAliases = @($m.ImplementingAssembly.GetExportedTypes() | ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.AliasAttribute], $false) } | ForEach-Object { $_.AliasNames })
                Assembly = $m.ImplementingAssembly.Location
                Functions = $m.ExportedFunctions.Count
            }
            """, ("manifestPath", ModuleFolder.Manifest)).ThrowIfFailed();
        var o = result.Output.Single();
        var exported = Strings(o, "Exported");
        Assert.NotEmpty(exported);
        Assert.Equal(Strings(o, "Manifest").Order(StringComparer.OrdinalIgnoreCase), exported.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(Strings(o, "Declared").Order(StringComparer.OrdinalIgnoreCase), exported.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(exported.Length, (int)o.Properties["Commands"].Value);
        var aliases = Strings(o, "Aliases");
        Assert.Contains("Build-DockerImage", aliases);
        Assert.Equal(Strings(o, "ManifestAliases").Order(StringComparer.OrdinalIgnoreCase), aliases.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(Strings(o, "DeclaredAliases").Order(StringComparer.OrdinalIgnoreCase), aliases.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(0, (int)o.Properties["Functions"].Value);
        Assert.Equal(Path.Combine(ModuleFolder.Path, "DockerPS.dll"), (string)o.Properties["Assembly"].Value);
    }

    [Fact]
    public void The_module_version_is_the_one_Directory_Build_props_gives()
    {
        using var shell = PowerShellSession.Open(ModuleFolder.Path);
        var module = shell.Run("Get-Module DockerPS").One<PSModuleInfo>();
        Assert.Equal(ModuleFolder.Version, module.Version.ToString(3));
        Assert.Equal(ModuleFolder.Path.TrimEnd('/'), module.ModuleBase.TrimEnd('/'));
        Assert.Equal("DockerPS.dll", Path.GetFileName(module.RootModule));
    }

    [Fact]
    public void Get_Help_finds_a_synopsis_examples_and_every_parameter_for_every_cmdlet()
    {
        using var shell = PowerShellSession.Open(ModuleFolder.Path);
        var rows = shell.Run("""
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            foreach ($c in Get-Command -Module DockerPS -CommandType Cmdlet) {
                $help = Get-Help $c.Name -Full
                [pscustomobject]@{
                    Name = $c.Name
                    Synopsis = [string]$help.Synopsis
                    Examples = @($help.Examples.Example).Count
                    ExampleCode = @($help.Examples.Example | ForEach-Object { [string]$_.code })
                    HelpParameters = @($help.Parameters.Parameter | ForEach-Object { [string]$_.name })
                    Parameters = @($c.Parameters.Keys | Where-Object { $_ -notin $common })
                    Description = [string]($help.Description | ForEach-Object { $_.Text })
                }
            }
            """).ThrowIfFailed().Output;
        Assert.Equal(shell.Run("@(Get-Command -Module DockerPS -CommandType Cmdlet).Count").ThrowIfFailed().Objects.Single(), rows.Count);
        var problems = rows.SelectMany(r =>
        {
            var name = (string)r.Properties["Name"].Value;
            var synopsis = (string)r.Properties["Synopsis"].Value;
            var list = new System.Collections.Generic.List<string>();
            // Without MAML, Get-Help makes a synopsis of the syntax itself ("Get-DockerContainer [[-Name] <string[]>] ...").
            if (string.IsNullOrWhiteSpace(synopsis) || synopsis.StartsWith(name, StringComparison.OrdinalIgnoreCase)) list.Add($"{name}: no synopsis from the MAML ('{synopsis}').");
            if ((int)r.Properties["Examples"].Value == 0) list.Add($"{name}: no example.");
            if (!Strings(r, "ExampleCode").Any(code => code.Contains(name, StringComparison.OrdinalIgnoreCase))) list.Add($"{name}: no example uses it.");
            if (string.IsNullOrWhiteSpace((string)r.Properties["Description"].Value)) list.Add($"{name}: no description.");
            var documented = Strings(r, "HelpParameters");
            list.AddRange(Strings(r, "Parameters").Where(p => !documented.Contains(p, StringComparer.OrdinalIgnoreCase)).Select(p => $"{name}: -{p} is not in Get-Help."));
            return list;
        }).ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void Get_Help_Examples_shows_the_examples_text()
    {
        using var shell = PowerShellSession.Open(ModuleFolder.Path);
        shell.Run("Get-Help Get-DockerContainer -Examples | Out-Host").ThrowIfFailed();
        Assert.Contains("Get-DockerContainer", shell.Host.Console, StringComparison.Ordinal);
        Assert.Contains("EXAMPLE 1", shell.Host.Console, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_type_data_adds_its_members()
    {
        using var shell = PowerShellSession.Open(ModuleFolder.Path);
        // Get-TypeData is in Microsoft.PowerShell.Utility, which SMA alone lacks: look at the members on objects instead.
        var counts = shell.Run("""
            $c = [psobject]::AsPSObject([System.Runtime.CompilerServices.RuntimeHelpers]::GetUninitializedObject([DockerPS.Engine.Model.DockerContainer]))
            $i = [psobject]::AsPSObject([System.Runtime.CompilerServices.RuntimeHelpers]::GetUninitializedObject([DockerPS.Engine.Model.DockerImage]))
            @($c.PSObject.Properties.Match('ContainerId')).Count
            @($c.PSObject.Properties.Match('SizeText')).Count
            @($i.PSObject.Properties.Match('ImageId')).Count
            @($i.PSObject.Properties.Match('SizeText')).Count
            """).ThrowIfFailed();
        Assert.Equal(new object[] { 1, 1, 1, 1 }, counts.Objects);
    }

    private static string[] Strings(PSObject o, string property) =>
        (o.Properties[property].Value is PSObject wrapped ? wrapped.BaseObject : o.Properties[property].Value) is object[] items
            ? items.Select(x => x.ToString()!).ToArray()
            : throw new Xunit.Sdk.XunitException($"{property} is not a list.");
}
