using System;
using DockerPS.HelpBuilder.Metadata;

namespace DockerPS.Tests.Support;

/// <summary>Hand-made cmdlet metadata, to show that a convention rule catches what it is meant to catch.</summary>
internal static class Synthetic
{
    public static readonly ParameterType StringArray = new("System.String[]", "String[]", true);
    public static readonly ParameterType String = new("System.String", "String", false);
    public static readonly ParameterType Switch = new(ParameterType.SwitchParameterName, "SwitchParameter", false);

    public static CmdletMetadata Cmdlet(string verb, string noun, params ParameterMetadata[] parameters) =>
        new("DockerPS.Commands." + verb + noun + "Command", verb, noun, null, false, null, parameters, new[] { new OutputTypeMetadata("System.String", Array.Empty<string>()) });

    public static ParameterMetadata Parameter(string name, ParameterType type, params ParameterSetMetadata[] sets) =>
        new(name, type, "DockerPS.Commands.Synthetic", sets.Length == 0 ? new[] { Set() } : sets, Array.Empty<string>(), false, Array.Empty<string>());

    public static ParameterSetMetadata Set(
        string name = ParameterSetMetadata.AllSets, bool mandatory = false, int? position = null, bool byValue = false, bool byPropertyName = false) =>
        new(name, mandatory, position, byValue, byPropertyName, false);

    /// <summary>A Remove-DockerContainer shaped like the style guide asks: -Name by position and pipeline, -Force, ShouldProcess.</summary>
    public static CmdletMetadata WellFormedRemove() =>
        Cmdlet("Remove", "DockerContainer",
            Parameter("Name", StringArray, Set("Name", mandatory: true, position: 0, byValue: true, byPropertyName: true)),
            Parameter("Id", StringArray, Set("Id", mandatory: true, byPropertyName: true)),
            Parameter("Force", Switch)) with { SupportsShouldProcess = true, DefaultParameterSetName = "Name" };
}
