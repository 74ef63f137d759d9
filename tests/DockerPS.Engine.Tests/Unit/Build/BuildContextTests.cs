using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Build;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Unit.Build;

/// <summary>A build context prepared and archived as the docker CLI does, without an engine.</summary>
[SupportedOSPlatform("linux")]
public class BuildContextTests
{
    private static CopyTracker Tracker() => new(new DockerCopyOptions(), DockerCopyDirection.ToContainer, "context", "engine");

    private static async Task<List<(TarEntry Entry, string Data)>> Archive(BuildContext context)
    {
        var output = new MemoryStream();
        await context.WriteAsync(output, Tracker(), default);
        output.Position = 0;
        var result = new List<(TarEntry, string)>();
        using var reader = new TarReader(output);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            var data = new byte[reader.DataRemaining];
            await reader.ReadDataFullyAsync(data, 0, data.Length);
            result.Add((entry, Encoding.UTF8.GetString(data)));
        }
        return result;
    }

    [Fact]
    public void The_folders_Dockerfile_is_found_else_a_lower_case_one()
    {
        using var temp = new TempDirectory();
        temp.Write("dockerfile", "FROM scratch");
        Assert.Equal("dockerfile", BuildContext.Prepare(temp.Path).DockerfileName);
        temp.Write("Dockerfile", "FROM scratch");
        var context = BuildContext.Prepare(temp.Path);
        Assert.Equal("Dockerfile", context.DockerfileName);
        Assert.False(context.DockerfileOutside);
        Assert.Equal(Path.Combine(temp.Path, "Dockerfile"), context.DockerfilePath);
    }

    [Fact]
    public void A_missing_folder_or_Dockerfile_is_refused_naming_it()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "nope");
        var ex = Assert.Throws<DockerException>(() => BuildContext.Prepare(missing));
        Assert.Equal(("BuildContextNotFound", DockerErrorCategory.ObjectNotFound, (object?)missing), (ex.ErrorId, ex.Category, ex.Target));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);

        var file = temp.Write("file.txt", "x");
        Assert.Equal("BuildContextNotADirectory", Assert.Throws<DockerException>(() => BuildContext.Prepare(file)).ErrorId);

        ex = Assert.Throws<DockerException>(() => BuildContext.Prepare(temp.Path));
        Assert.Equal("DockerfileNotFound", ex.ErrorId);
        var named = Path.Combine(temp.Path, "Other.dockerfile");
        ex = Assert.Throws<DockerException>(() => BuildContext.Prepare(temp.Path, named));
        Assert.Equal(("DockerfileNotFound", (object?)named), (ex.ErrorId, ex.Target));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Dockerfile_in_a_subfolder_is_named_relative_to_the_context()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("build/Dockerfile.dev", "FROM scratch");
        Assert.Equal("build/Dockerfile.dev", BuildContext.Prepare(temp.Path, path).DockerfileName);
    }

    [Fact]
    public async Task The_Dockerfile_and_dockerignore_are_sent_even_when_excluded()
    {
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM scratch");
        temp.Write(".dockerignore", "*\n");
        temp.Write("app.txt", "x");
        temp.Write("sub/Dockerfile.x", "FROM scratch");
        var context = BuildContext.Prepare(temp.Path);
        Assert.Equal(new[] { "*", "!.dockerignore", "!Dockerfile" }, context.Excludes);
        Assert.Equal(new[] { ".dockerignore", "Dockerfile" }, context.ListEntries());
        Assert.Equal(new[] { ".dockerignore", "Dockerfile" }, (await Archive(context)).Select(e => e.Entry.Name));

        // A Dockerfile in an excluded folder: the folder is walked for it, the rest of it is not sent.
        var nested = BuildContext.Prepare(temp.Path, Path.Combine(temp.Path, "sub", "Dockerfile.x"));
        Assert.Equal(new[] { ".dockerignore", "sub/Dockerfile.x" }, nested.ListEntries());
    }

    [Fact]
    public async Task An_exception_reincludes_a_file_of_an_excluded_folder_without_the_folder()
    {
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM scratch");
        temp.Write(".dockerignore", "dir\n!dir/keep\n");
        temp.Write("dir/keep", "k");
        temp.Write("dir/other", "o");
        var context = BuildContext.Prepare(temp.Path);
        Assert.Equal(new[] { ".dockerignore", "Dockerfile", "dir/keep" }, context.ListEntries());
        Assert.Equal(context.ListEntries(), (await Archive(context)).Select(e => e.Entry.Name));
    }

    [Fact]
    public async Task Entries_are_owned_by_root_keep_modes_and_links_and_whole_second_times()
    {
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM scratch");
        var script = temp.Write("bin/run.sh", "#!/bin/sh");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        File.SetLastWriteTimeUtc(script, new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc));
        File.CreateSymbolicLink(Path.Combine(temp.Path, "bin", "run"), "run.sh");
        var entries = (await Archive(BuildContext.Prepare(temp.Path))).ToDictionary(e => e.Entry.Name, e => e.Entry);
        Assert.Equal(new[] { "Dockerfile", "bin/", "bin/run", "bin/run.sh" }, entries.Keys);
        Assert.All(entries.Values, e => Assert.Equal((0L, 0L, "", ""), (e.Uid, e.Gid, e.UserName, e.GroupName)));
        Assert.Equal(0x1E8, entries["bin/run.sh"].Mode); // 0750
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), entries["bin/run.sh"].ModificationTime);
        Assert.Equal((TarEntryType.SymbolicLink, "run.sh"), (entries["bin/run"].Type, entries["bin/run"].LinkName));
        Assert.Equal(TarEntryType.Directory, entries["bin/"].Type);
    }

    [Fact]
    public async Task A_Dockerfile_outside_the_context_is_sent_under_a_random_name_that_dockerignore_then_lists()
    {
        using var temp = new TempDirectory();
        var outside = temp.Write("elsewhere/Build.dockerfile", "FROM scratch\nCOPY . /ctx\n");
        var root = Path.Combine(temp.Path, "context");
        temp.Write("context/app.txt", "app");
        temp.Write("context/.dockerignore", "*.log");
        temp.Write("context/debug.log", "log");
        var context = BuildContext.Prepare(root, outside);
        Assert.True(context.DockerfileOutside);
        Assert.Matches(new Regex(@"^\.dockerfile\.[0-9a-f]{20}$"), context.DockerfileName);

        var archive = await Archive(context);
        Assert.Equal(new[] { "app.txt", context.DockerfileName, ".dockerignore" }, archive.Select(e => e.Entry.Name));
        var dockerfile = archive.Single(e => e.Entry.Name == context.DockerfileName);
        Assert.Equal(("FROM scratch\nCOPY . /ctx\n", 0x180), (dockerfile.Data, dockerfile.Entry.Mode));
        Assert.Equal("*.log\n" + context.DockerfileName + "\n", archive.Single(e => e.Entry.Name == ".dockerignore").Data);

        // Without a .dockerignore, one is made that lists itself and the Dockerfile.
        File.Delete(Path.Combine(root, ".dockerignore"));
        context = BuildContext.Prepare(root, outside);
        archive = await Archive(context);
        Assert.Equal(".dockerignore\n" + context.DockerfileName + "\n", archive.Single(e => e.Entry.Name == ".dockerignore").Data);
        Assert.NotEqual(context.DockerfileName, BuildContext.Prepare(root, outside).DockerfileName);
    }

    [Fact]
    public void Symbolic_links_to_the_context_and_the_Dockerfile_are_resolved_first()
    {
        using var temp = new TempDirectory();
        temp.Write("real/Dockerfile", "FROM scratch");
        var outsideFile = temp.Write("shared/Dockerfile", "FROM scratch");
        var link = Path.Combine(temp.Path, "link");
        Directory.CreateSymbolicLink(link, "real");
        var context = BuildContext.Prepare(link);
        Assert.Equal(Path.Combine(temp.Path, "real"), context.Directory);

        // A Dockerfile inside the context that links outside it is an outside Dockerfile, as for docker.
        File.CreateSymbolicLink(Path.Combine(temp.Path, "real", "Linked.dockerfile"), outsideFile);
        Assert.True(BuildContext.Prepare(link, Path.Combine(link, "Linked.dockerfile")).DockerfileOutside);
    }

    [Fact]
    public void A_bad_dockerignore_pattern_is_refused_before_anything_is_sent()
    {
        using var temp = new TempDirectory();
        temp.Write("Dockerfile", "FROM scratch");
        temp.Write(".dockerignore", "ok\n[unclosed\n");
        var ex = Assert.Throws<DockerArgumentException>(() => BuildContext.Prepare(temp.Path));
        Assert.Equal(("InvalidDockerignorePattern", (object?)"[unclosed"), (ex.ErrorId, ex.Target));
    }
}
