using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Images;

/// <summary>
/// Export-DockerImage as a user pipes it, against both engines: images gathered from several pipeline records are
/// saved in one archive that loads back with their tags; a wildcard that matches nothing is an error naming it, and no
/// file is written.
/// </summary>
public sealed class ExportTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Piped_images_are_saved_in_one_archive_and_a_wildcard_matching_nothing_writes_no_file(string engine)
    {
        await using var t = new EngineScope(engine);
        var folder = Directory.CreateTempSubdirectory("dpshost-export-");
        var first = t.Name("export") + ":a";
        var second = t.Name("export") + ":b";
        try
        {
            t.Ps("Add-DockerImageTag $source $first; Add-DockerImageTag $source $second",
                ("source", TestEnvironment.BusyboxImage), ("first", first), ("second", second)).ThrowIfFailed();
            var archive = Path.Combine(folder.FullName, "both.tar");

            // Two records down the pipeline, one archive at the end.
            var saved = t.Ps("$first, $second | Export-DockerImage -Path $archive -PassThru",
                ("first", first), ("second", second), ("archive", archive)).ThrowIfFailed();
            Assert.Equal(archive, Assert.Single(saved.All<FileInfo>()).FullName);
            t.Ps("Remove-DockerImage $first, $second -Confirm:$false | Out-Null", ("first", first), ("second", second)).ThrowIfFailed();
            var loaded = await t.Client.Images.LoadFromFileAsync(archive);
            Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), loaded.References.Order(StringComparer.Ordinal));

            var none = Path.Combine(folder.FullName, "none.tar");
            var nothing = t.Ps("Export-DockerImage -Reference $pattern -Path $none", ("pattern", t.Name("nothing") + "*"), ("none", none));
            Assert.Equal("NoImageToExport", Assert.Single(nothing.ErrorIds));
            Assert.Contains(t.Name("nothing") + "*", nothing.AllErrors.Single().Exception.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(none));
        }
        finally
        {
            t.Ps("Remove-DockerImage $tags -Confirm:$false -ErrorAction SilentlyContinue | Out-Null", ("tags", new[] { first, second }));
            folder.Delete(recursive: true);
        }
    }
}
