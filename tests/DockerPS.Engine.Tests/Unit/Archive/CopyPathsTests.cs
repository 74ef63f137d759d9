using System;
using System.IO;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Tests.Unit.Archive;

/// <summary>docker cp's path rules (cli cp.go splitCpArg, go-archive copy.go), one case per shape.</summary>
public class CopyPathsTests
{
    [Theory]
    [InlineData("web:/etc/hosts", false, "web", "/etc/hosts")]
    [InlineData("web:etc/hosts", false, "web", "etc/hosts")]
    [InlineData("3f2a9c:/data/.", false, "3f2a9c", "/data/.")]
    [InlineData("host0/cname1:/x", false, "host0/cname1", "/x")]
    [InlineData("web:", false, "web", "")]
    [InlineData("C:foo", true, "C", "foo")]
    public void Splits_CONTAINER_colon_PATH(string argument, bool windows, string container, string path)
    {
        Assert.True(CopyPaths.TrySplitContainerPath(argument, windows, out var c, out var p));
        Assert.Equal((container, path), (c, p));
    }

    [Theory]
    [InlineData("./hosts", false)]
    [InlineData("hosts", false)]
    [InlineData("./file:name.txt", false)]
    [InlineData("/abs/file:name.txt", false)]
    [InlineData("../up:name", false)]
    [InlineData(@"C:\Users\me\file.txt", true)]
    [InlineData("C:/Users/me", true)]
    [InlineData(@"\share\x:y", true)]
    [InlineData("", false)]
    public void Host_paths_are_not_split(string argument, bool windows) =>
        Assert.False(CopyPaths.TrySplitContainerPath(argument, windows, out _, out _));

    [Fact]
    public void A_colon_with_no_container_before_it_is_refused() =>
        Assert.Equal("InvalidCopyPath", Assert.Throws<DockerArgumentException>(() => CopyPaths.TrySplitContainerPath(":/x", false, out _, out _)).ErrorId);

    [Theory]
    [InlineData("/a/b", "/a", "b")]
    [InlineData("/a/b/", "/a", "b")]
    [InlineData("/a/b/.", "/a/b", ".")]
    [InlineData("/a/b/./", "/a/b", ".")]
    [InlineData("a", ".", "a")]
    [InlineData("/a", "/", "a")]
    [InlineData("/", "/", "/")]
    [InlineData("/a//b/../c", "/a", "c")]
    public void Splits_container_paths_into_directory_and_entry(string path, string dir, string name) =>
        Assert.Equal((dir, name), CopyPaths.SplitPathDirEntryPosix(path));

    [Theory]
    [InlineData("/a/b", "a/b/.", "/a/b/.")]
    [InlineData("/a/b", "a/b/", "/a/b/")]
    [InlineData("/a/b", "a/b", "/a/b")]
    [InlineData("/", "/.", "/.")]
    [InlineData("/a/b/.", "a/b/.", "/a/b/.")]
    public void Keeps_a_trailing_dot_or_separator(string cleaned, string original, string expected) =>
        Assert.Equal(expected, CopyPaths.PreserveTrailingDotOrSeparatorPosix(cleaned, original));

    [Theory]
    [InlineData("dir/", true)]
    [InlineData("dir/.", true)]
    [InlineData(".", true)]
    [InlineData("dir", false)]
    [InlineData("dir/.hidden", false)]
    public void A_trailing_separator_or_dot_asserts_a_directory(string path, bool asserts)
    {
        Assert.Equal(asserts, CopyPaths.AssertsDirectoryPosix(path));
        Assert.Equal(asserts, CopyPaths.AssertsDirectoryHost(path.Replace('/', Path.DirectorySeparatorChar)));
    }

    [Fact]
    public void Host_paths_keep_what_the_user_typed_after_resolution()
    {
        var root = Path.GetTempPath();
        var resolved = Path.Combine(root, "site");
        Assert.Equal(resolved + Path.DirectorySeparatorChar + ".", CopyPaths.PreserveTrailingDotOrSeparatorHost(resolved, "./site/."));
        Assert.Equal(resolved + Path.DirectorySeparatorChar, CopyPaths.PreserveTrailingDotOrSeparatorHost(resolved, "site/"));
        Assert.Equal(resolved, CopyPaths.PreserveTrailingDotOrSeparatorHost(resolved, "site"));
        Assert.Equal((resolved, "."), CopyPaths.SplitPathDirEntryHost(resolved + "/."));
        Assert.Equal((Path.GetDirectoryName(resolved), "site"), CopyPaths.SplitPathDirEntryHost(resolved + "/"));
    }

    [Theory]
    [InlineData("data", "copy", "data/x", "copy/x")]
    [InlineData("data", "copy", "data", "copy")]
    [InlineData("data", "copy", "data/", "copy/")]
    [InlineData("data", "copy", "database/x", "database/x")]   // only whole elements
    [InlineData(".", "copy", "./x", "copy/x")]                  // the '/.' form
    [InlineData(".", "copy", "./", "copy/")]
    [InlineData("", "copy", "/x", "copy/x")]                    // from the archive root
    [InlineData("a/b", "c", "a/b/d", "c/d")]
    public void Rebases_entry_names(string oldBase, string newBase, string name, string expected) =>
        Assert.Equal(expected, CopyPaths.Rebaser(oldBase, newBase)(name));

    [Fact]
    public void Rebase_names_follow_a_resolved_link_as_go_archive_GetRebaseName()
    {
        Assert.Equal(("/real/target", "link"), ContainerCopier.GetRebaseNamePosix("/x/link", "/real/target"));
        Assert.Equal(("/real/target/.", ""), ContainerCopier.GetRebaseNamePosix("/x/link/.", "/real/target"));
        Assert.Equal(("/real/link/", ""), ContainerCopier.GetRebaseNamePosix("/x/link/", "/real/link"));
    }

    // ---- where an upload lands (PrepareArchiveCopy) ----

    private static ContainerCopier.CopyInfo Dest(string path, bool exists = false, bool dir = false) => new(path, exists, dir);

    [Theory]
    [InlineData("site", true, "/srv", true, true, "/srv", "site")]          // into an existing directory
    [InlineData(".", true, "/srv", true, true, "/srv", ".")]                // contents into an existing directory
    [InlineData("site", true, "/srv/new", false, false, "/srv", "new")]     // a new directory takes the new name
    [InlineData(".", true, "/srv/new", false, false, "/srv", "new")]
    [InlineData("a.txt", false, "/srv/b.txt", true, false, "/srv", "b.txt")] // over an existing file
    [InlineData("a.txt", false, "/srv/c.txt", false, false, "/srv", "c.txt")]
    public void Uploads_land_as_docker_cp_decides(string sourceBase, bool sourceIsDir, string dest, bool exists, bool destIsDir, string dir, string root) =>
        Assert.Equal((dir, root), ContainerCopier.PrepareUpload(sourceBase, sourceIsDir, Dest(dest, exists, destIsDir), "web"));

    [Fact]
    public void A_directory_onto_a_file_and_a_file_into_a_missing_directory_are_errors()
    {
        Assert.Equal("CannotCopyDirectoryToFile", Assert.Throws<DockerException>(() => ContainerCopier.PrepareUpload("site", true, Dest("/srv/file", true), "web")).ErrorId);
        Assert.Equal("DestinationDirectoryNotFound", Assert.Throws<DockerException>(() => ContainerCopier.PrepareUpload("a.txt", false, Dest("/srv/new/"), "web")).ErrorId);
        Assert.Equal("DestinationDirectoryNotFound", Assert.Throws<DockerException>(() => ContainerCopier.PrepareUpload("a.txt", false, Dest("/srv/new/."), "web")).ErrorId);
    }

    [Fact]
    public void Downloads_land_as_docker_cp_decides()
    {
        var root = Path.Combine(Path.GetTempPath(), "land");
        var (dir, rename, result) = ContainerCopier.PrepareExtraction(new("/var/log", true, true), Dest(root, true, true));
        Assert.Equal((root, Path.Combine(root, "log"), "log/x"), (dir, result, rename("log/x")));

        (dir, rename, result) = ContainerCopier.PrepareExtraction(new("/var/log/.", true, true), Dest(root, true, true));
        Assert.Equal((root, root, "./x"), (dir, result, rename("./x")));

        (dir, rename, result) = ContainerCopier.PrepareExtraction(new("/var/log/.", true, true), Dest(Path.Combine(root, "new")));
        Assert.Equal((root, Path.Combine(root, "new"), "new/x"), (dir, result, rename("./x")));

        (dir, rename, result) = ContainerCopier.PrepareExtraction(new("/etc/hosts", true, false), Dest(Path.Combine(root, "h"), true));
        Assert.Equal((root, Path.Combine(root, "h"), "h"), (dir, result, rename("hosts")));

        // -FollowLink: the link's name is kept for what it points to.
        (dir, rename, result) = ContainerCopier.PrepareExtraction(new("/real/target", true, false, "link"), Dest(root, true, true));
        Assert.Equal((Path.Combine(root, "link"), "link"), (result, rename("target")));

        Assert.Equal("CannotCopyDirectoryToFile", Assert.Throws<DockerException>(() => ContainerCopier.PrepareExtraction(new("/var/log", true, true), Dest(Path.Combine(root, "f"), true))).ErrorId);
        Assert.Equal("DestinationDirectoryNotFound", Assert.Throws<DockerException>(() => ContainerCopier.PrepareExtraction(new("/etc/hosts", true, false), Dest(Path.Combine(root, "new") + "/"))).ErrorId);
    }

    [Theory]
    [InlineData(0x800001EDu, DockerItemType.Directory, 0x1ED, "drwxr-xr-x")]
    [InlineData(0x1A4u, DockerItemType.File, 0x1A4, "-rw-r--r--")]
    [InlineData(0x080001FFu, DockerItemType.SymbolicLink, 0x1FF, "lrwxrwxrwx")]
    [InlineData(0x008001EDu, DockerItemType.File, 0x9ED, "-rwsr-xr-x")]            // setuid
    [InlineData(0x801001FFu, DockerItemType.Directory, 0x3FF, "drwxrwxrwt")]        // sticky /tmp
    [InlineData(0x004001A4u, DockerItemType.File, 0x5A4, "-rw-r-Sr--")]            // setgid without x
    [InlineData(0x04200000u | 0x1B6u, DockerItemType.CharacterDevice, 0x1B6, "crw-rw-rw-")]
    [InlineData(0x04000000u | 0x1B0u, DockerItemType.BlockDevice, 0x1B0, "brw-rw----")]
    [InlineData(0x02000000u | 0x1A4u, DockerItemType.NamedPipe, 0x1A4, "prw-r--r--")]
    [InlineData(0x01000000u | 0x1FFu, DockerItemType.Socket, 0x1FF, "srwxrwxrwx")]
    public void Go_file_modes_become_unix_modes(uint goMode, DockerItemType type, int unix, string text)
    {
        Assert.Equal((type, unix), GoFileMode.ToUnix(goMode));
        Assert.Equal(text, GoFileMode.Format(type, unix));
        Assert.Equal(goMode, GoFileMode.FromUnix(type, unix));
    }
}

public class CopyArgumentTests
{
    [Fact]
    public void The_argument_with_a_container_decides_the_direction()
    {
        Assert.Equal(DockerCopyDirection.FromContainer, CopyPaths.ParseCopyArguments("web:/etc/hosts", "./hosts", null, out var c, out var cp, out var hp));
        Assert.Equal(("web", "/etc/hosts", "./hosts"), (c, cp, hp));
        Assert.Equal(DockerCopyDirection.ToContainer, CopyPaths.ParseCopyArguments("./site/.", "web:/usr/share/nginx/html", null, out c, out cp, out hp));
        Assert.Equal(("web", "/usr/share/nginx/html", "./site/."), (c, cp, hp));
    }

    [Fact]
    public void A_PowerShell_drive_path_can_be_claimed_for_the_host()
    {
        Assert.Equal(DockerCopyDirection.ToContainer, CopyPaths.ParseCopyArguments("Temp:/site", "web:/srv", p => p.StartsWith("Temp:", StringComparison.Ordinal), out var c, out _, out var hp));
        Assert.Equal(("web", "Temp:/site"), (c, hp));
    }

    [Fact]
    public void Two_containers_or_none_are_refused()
    {
        Assert.Equal("CopyBetweenContainers", Assert.Throws<DockerArgumentException>(() => CopyPaths.ParseCopyArguments("a:/x", "b:/y", null, out _, out _, out _)).ErrorId);
        Assert.Equal("NoContainerInCopy", Assert.Throws<DockerArgumentException>(() => CopyPaths.ParseCopyArguments("./x", "/y", null, out _, out _, out _)).ErrorId);
    }
}
