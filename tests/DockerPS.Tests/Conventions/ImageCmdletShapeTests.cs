using System.Linq;
using DockerPS.HelpBuilder.Metadata;
using DockerPS.Tests.Support;

namespace DockerPS.Tests.Conventions;

/// <summary>
/// How the image cmdlets take their input from the pipeline, pinned against the built module (there is no PowerShell
/// here to pipe for real): a piped image binds its own row, a piped container its image, strings by value.
/// </summary>
[Collection(SharedModule.Name)]
public class ImageCmdletShapeTests
{
    private readonly ModuleFixture _module;

    public ImageCmdletShapeTests(ModuleFixture module) => _module = module;

    private CmdletMetadata Cmdlet(string name) => _module.Cmdlets.Single(c => c.Name == name);

    [Theory]
    [InlineData("Remove-DockerImage")]
    [InlineData("Export-DockerImage")]
    public void A_piped_image_binds_its_own_row_and_a_piped_container_its_image(string name)
    {
        var cmdlet = Cmdlet(name);
        Assert.Equal("Reference", cmdlet.DefaultParameterSetName);
        var input = cmdlet.FindParameter("InputObject")!;
        Assert.Equal("DockerPS.Engine.Model.DockerImage[]", input.Type.FullName);
        Assert.Equal(new ParameterSetMetadata("InputObject", true, null, true, false, false), Assert.Single(input.Sets));
        var reference = cmdlet.FindParameter("Reference")!;
        Assert.Equal(new ParameterSetMetadata("Reference", true, 0, true, false, false), Assert.Single(reference.Sets));
        Assert.True(reference.SupportsWildcards);
        var id = cmdlet.FindParameter("ImageId")!;
        Assert.Contains("Id", id.Aliases);
        Assert.Equal(new ParameterSetMetadata("Id", true, null, false, true, false), Assert.Single(id.Sets));
    }

    [Fact]
    public void Remove_DockerImage_prunes_in_its_own_sets_and_says_what_it_writes_in_each()
    {
        var cmdlet = Cmdlet("Remove-DockerImage");
        Assert.True(cmdlet.SupportsShouldProcess);
        Assert.Equal(new[] { "Reference", "Id", "InputObject", "Dangling", "Unused" }, cmdlet.ParameterSetNames);
        Assert.Equal(new[] { "Dangling" }, cmdlet.FindParameter("Dangling")!.Sets.Select(s => s.Name));
        Assert.True(cmdlet.FindParameter("Dangling")!.AlwaysMandatory);
        Assert.Equal(new[] { "Dangling", "Unused" }, cmdlet.FindParameter("Filter")!.Sets.Select(s => s.Name));
        Assert.Equal(new[] { "Reference", "Id", "InputObject" }, cmdlet.FindParameter("NoPrune")!.Sets.Select(s => s.Name));
        Assert.True(cmdlet.FindParameter("Force")!.Sets.Single().IsAllSets);
        var outputs = cmdlet.OutputTypes.ToDictionary(o => o.TypeName, o => o.ParameterSetNames);
        Assert.Equal(new[] { "Reference", "Id", "InputObject" }, outputs["DockerPS.Engine.Model.DockerImageDeletion"]);
        Assert.Equal(new[] { "Dangling", "Unused" }, outputs["DockerPS.Engine.Model.DockerImagePruneResult"]);
    }

    [Fact]
    public void A_piped_container_or_image_names_what_Invoke_DockerCommit_and_Add_DockerImageTag_act_on()
    {
        var commit = Cmdlet("Invoke-DockerCommit").FindParameter("Container")!;
        Assert.Equal(new[] { "Id", "ContainerId" }, commit.Aliases);
        Assert.Equal(new ParameterSetMetadata(ParameterSetMetadata.AllSets, true, 0, true, true, false), Assert.Single(commit.Sets));
        var source = Cmdlet("Add-DockerImageTag").FindParameter("Source")!;
        Assert.Equal(new[] { "ImageId" }, source.Aliases);
        Assert.True(Assert.Single(source.Sets).ValueFromPipelineByPropertyName);
    }

    [Theory]
    [InlineData("Invoke-DockerRun")]
    [InlineData("New-DockerContainer")]
    public void Creating_a_container_binds_a_piped_image_by_its_ImageReference_first(string name)
    {
        var image = Cmdlet(name).FindParameter("Image")!;
        Assert.Equal(new[] { "ImageReference", "Reference" }, image.Aliases);
        Assert.True(Assert.Single(image.Sets).ValueFromPipelineByPropertyName);
    }

    [Fact]
    public void Import_DockerImage_loads_by_default_and_imports_a_root_file_system_only_when_asked()
    {
        var cmdlet = Cmdlet("Import-DockerImage");
        Assert.Equal("Path", cmdlet.DefaultParameterSetName);
        var path = cmdlet.FindParameter("Path")!;
        Assert.Contains("FullName", path.Aliases);
        Assert.Equal(new ParameterSetMetadata("Path", true, 0, true, true, false), Assert.Single(path.Sets));
        foreach (var name in new[] { "RootFileSystem", "Reference", "Change", "Message", "Platform" })
        {
            var set = Assert.Single(cmdlet.FindParameter(name)!.Sets);
            Assert.Equal("RootFileSystem", set.Name);
            Assert.Null(set.Position);
        }
    }
}
