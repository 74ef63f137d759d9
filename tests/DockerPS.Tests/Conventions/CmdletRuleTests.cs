using System.Linq;
using DockerPS.HelpBuilder.Metadata;
using DockerPS.Tests.Support;
using static DockerPS.Tests.Support.Synthetic;

namespace DockerPS.Tests.Conventions;

/// <summary>The convention rules on hand-made cmdlets: each rule catches its violation and accepts the right shape.</summary>
public class CmdletRuleTests
{
    public static readonly TheoryData<string> Destructive = new(CmdletRules.DestructiveVerbs.Order());

    [Theory]
    [MemberData(nameof(Destructive))]
    public void A_destructive_verb_without_ShouldProcess_is_reported(string verb)
    {
        var cmdlet = Cmdlet(verb, "DockerThing");
        Assert.Single(CmdletRules.ShouldProcess(cmdlet));
        Assert.Empty(CmdletRules.ShouldProcess(cmdlet with { SupportsShouldProcess = true }));
    }

    [Theory]
    [InlineData("Get")]
    [InlineData("New")]
    [InlineData("Start")]
    [InlineData("Wait")]
    public void A_verb_that_changes_nothing_needs_no_ShouldProcess(string verb) =>
        Assert.Empty(CmdletRules.ShouldProcess(Cmdlet(verb, "DockerThing")));

    [Fact]
    public void A_well_formed_remove_cmdlet_passes_every_rule()
    {
        var cmdlet = WellFormedRemove();
        Assert.Empty(CmdletRules.ShouldProcess(cmdlet));
        Assert.Empty(CmdletRules.PipelineBinding(cmdlet));
        Assert.Empty(CmdletRules.ParameterSets(cmdlet));
    }

    [Fact]
    public void A_container_cmdlet_without_an_identity_parameter_from_the_pipeline_is_reported()
    {
        var cmdlet = Cmdlet("Stop", "DockerContainer",
            Parameter("Name", StringArray, Set(position: 0, byValue: true)),
            Parameter("Force", Switch));
        Assert.Contains(CmdletRules.PipelineBinding(cmdlet), m => m.Contains("ValueFromPipelineByPropertyName", System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_identity_parameter_that_is_not_a_string_array_does_not_count()
    {
        var cmdlet = Cmdlet("Get", "DockerVolume",
            Parameter("Name", String, Set(position: 0, byValue: true, byPropertyName: true)));
        Assert.Single(CmdletRules.PipelineBinding(cmdlet));
    }

    [Fact]
    public void A_first_positional_parameter_without_pipeline_input_is_reported()
    {
        var cmdlet = Cmdlet("Remove", "DockerImage",
            Parameter("Reference", StringArray, Set(position: 0)),
            Parameter("Id", StringArray, Set(byPropertyName: true)));
        Assert.Contains(CmdletRules.PipelineBinding(cmdlet), m => m.Contains("takes no pipeline input", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_piped_noun_without_a_positional_parameter_is_reported()
    {
        var cmdlet = Cmdlet("Remove", "DockerNetwork",
            Parameter("Id", StringArray, Set(byValue: true, byPropertyName: true)));
        Assert.Contains(CmdletRules.PipelineBinding(cmdlet), m => m.Contains("position 0", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Other_nouns_are_not_held_to_the_pipeline_rule() =>
        Assert.Empty(CmdletRules.PipelineBinding(Cmdlet("Get", "DockerInfo")));

    [Fact]
    public void A_default_set_that_no_parameter_declares_is_reported()
    {
        var cmdlet = WellFormedRemove() with { DefaultParameterSetName = "ByName" };
        Assert.Contains(CmdletRules.ParameterSets(cmdlet), m => m.Contains("'ByName'", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Several_sets_without_a_default_are_reported()
    {
        var cmdlet = WellFormedRemove() with { DefaultParameterSetName = null };
        Assert.Contains(CmdletRules.ParameterSets(cmdlet), m => m.Contains("no DefaultParameterSetName", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Set_names_that_differ_only_in_case_are_reported()
    {
        var cmdlet = Cmdlet("Get", "DockerThing",
            Parameter("Name", StringArray, Set("Name", position: 0)),
            Parameter("Id", StringArray, Set("name"))) with { DefaultParameterSetName = "Name" };
        Assert.Contains(CmdletRules.ParameterSets(cmdlet), m => m.Contains("differ only in case", System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_OutputType_for_a_missing_set_is_reported()
    {
        var cmdlet = WellFormedRemove() with { OutputTypes = new[] { new OutputTypeMetadata("System.String", new[] { "ByObject" }) } };
        Assert.Contains(CmdletRules.ParameterSets(cmdlet), m => m.Contains("'ByObject'", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Two_parameters_at_one_position_in_a_set_are_reported()
    {
        var cmdlet = Cmdlet("Get", "DockerThing",
            Parameter("Name", StringArray, Set(position: 0)),
            Parameter("Path", String, Set(position: 0)));
        Assert.Contains(CmdletRules.ParameterSets(cmdlet), m => m.Contains("share position 0", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_parameter_in_all_sets_shares_positions_with_every_set()
    {
        var cmdlet = WellFormedRemove();
        cmdlet = cmdlet with { Parameters = cmdlet.Parameters.Append(Parameter("Path", String, Set(position: 0))).ToArray() };
        Assert.Contains(CmdletRules.ParameterSets(cmdlet), m => m.Contains("in set 'Name'", System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_alias_exported_and_declared_on_an_exported_cmdlet_passes()
    {
        var build = Cmdlet("Invoke", "DockerThing") with { Aliases = new[] { "Make-DockerThing" } };
        Assert.Empty(CmdletRules.ExportedAliases(new[] { build }, new[] { "Invoke-DockerThing" }, new[] { "Make-DockerThing" }));
    }

    [Fact]
    public void An_alias_left_out_of_AliasesToExport_is_reported()
    {
        var build = Cmdlet("Invoke", "DockerThing") with { Aliases = new[] { "Make-DockerThing" } };
        Assert.Contains(CmdletRules.ExportedAliases(new[] { build }, new[] { "Invoke-DockerThing" }, System.Array.Empty<string>()),
            m => m.StartsWith("Make-DockerThing (the [Alias] of Invoke-DockerThing) is not in AliasesToExport", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Make-DockerOther")]
    [InlineData("make-dockerthing")]
    [InlineData("*")]
    public void An_exported_alias_that_no_cmdlet_declares_exactly_is_reported(string exported)
    {
        var build = Cmdlet("Invoke", "DockerThing") with { Aliases = new[] { "Make-DockerThing" } };
        var problems = CmdletRules.ExportedAliases(new[] { build }, new[] { "Invoke-DockerThing" }, new[] { "Make-DockerThing", exported }).ToList();
        Assert.True(problems.Count >= 1, string.Join("\n", problems));
        Assert.Contains(problems, m => m.Contains($"AliasesToExport lists {exported}", System.StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void An_alias_of_a_cmdlet_that_is_not_exported_is_reported()
    {
        var build = Cmdlet("Invoke", "DockerThing") with { Aliases = new[] { "Make-DockerThing" } };
        Assert.Contains(CmdletRules.ExportedAliases(new[] { build }, System.Array.Empty<string>(), new[] { "Make-DockerThing" }),
            m => m.Contains("an alias of Invoke-DockerThing, which CmdletsToExport does not list", System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_alias_on_two_cmdlets_or_named_like_a_cmdlet_is_reported()
    {
        var one = Cmdlet("Invoke", "DockerThing") with { Aliases = new[] { "Make-DockerThing", "Get-DockerThing" } };
        var two = Cmdlet("Get", "DockerThing") with { Aliases = new[] { "Make-DockerThing" } };
        var problems = CmdletRules.ExportedAliases(new[] { one, two }, new[] { "Invoke-DockerThing", "Get-DockerThing" }, new[] { "Get-DockerThing", "Make-DockerThing" }).ToList();
        Assert.Contains("The alias Make-DockerThing is declared on Invoke-DockerThing and Get-DockerThing.", problems);
        Assert.Contains("The alias Get-DockerThing of Invoke-DockerThing is also the name of a cmdlet.", problems);
    }
}
