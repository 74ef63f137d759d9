using System;
using System.Collections.Generic;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class VolumeBindingTests
{
    /// <summary>Stands in for PowerShell's current location, /ps/location; records what it was asked.</summary>
    private readonly List<string> _asked = new();

    private string Resolve(string relative)
    {
        _asked.Add(relative);
        return "/ps/location/" + relative;
    }

    private static string NeverCalled(string relative) => throw new InvalidOperationException("no relative path here: " + relative);

    [Theory]
    [InlineData("C:/tools.docker/share:/share.host", VolumeBindingKind.Bind, "C:/tools.docker/share", "/share.host", "", "C:/tools.docker/share:/share.host")]
    [InlineData(@"C:\data:/data", VolumeBindingKind.Bind, @"C:\data", "/data", "", @"C:\data:/data")]
    [InlineData(@"d:\work\src:/src:ro", VolumeBindingKind.Bind, @"d:\work\src", "/src", "ro", @"d:\work\src:/src:ro")]
    [InlineData(@"\\?\C:\long\path:/data", VolumeBindingKind.Bind, @"\\?\C:\long\path", "/data", "", @"\\?\C:\long\path:/data")]
    [InlineData("/dhv/xfce/toor:/home/toor", VolumeBindingKind.Bind, "/dhv/xfce/toor", "/home/toor", "", "/dhv/xfce/toor:/home/toor")]
    [InlineData("/var/run/docker.sock:/var/run/docker.sock", VolumeBindingKind.Bind, "/var/run/docker.sock", "/var/run/docker.sock", "", "/var/run/docker.sock:/var/run/docker.sock")]
    [InlineData("/src:/dst:rw", VolumeBindingKind.Bind, "/src", "/dst", "rw", "/src:/dst:rw")]
    [InlineData("svn-root:/home/svn", VolumeBindingKind.NamedVolume, "svn-root", "/home/svn", "", "svn-root:/home/svn")]
    [InlineData("my_vol.1:/x", VolumeBindingKind.NamedVolume, "my_vol.1", "/x", "", "my_vol.1:/x")]
    [InlineData("a1:/x", VolumeBindingKind.NamedVolume, "a1", "/x", "", "a1:/x")]
    [InlineData("0cache:/cache:nocopy", VolumeBindingKind.NamedVolume, "0cache", "/cache", "nocopy", "0cache:/cache:nocopy")]
    [InlineData(@"data:c:\data", VolumeBindingKind.NamedVolume, "data", @"c:\data", "", @"data:c:\data")]
    [InlineData(@"c:\src:d:\dst:ro", VolumeBindingKind.Bind, @"c:\src", @"d:\dst", "ro", @"c:\src:d:\dst:ro")]
    [InlineData(@"\\.\pipe\docker_engine:\\.\pipe\docker_engine", VolumeBindingKind.NamedPipe, @"\\.\pipe\docker_engine", @"\\.\pipe\docker_engine", "", @"\\.\pipe\docker_engine:\\.\pipe\docker_engine")]
    [InlineData("//./pipe/docker_engine://./pipe/docker_engine:ro", VolumeBindingKind.NamedPipe, "//./pipe/docker_engine", "//./pipe/docker_engine", "ro", "//./pipe/docker_engine://./pipe/docker_engine:ro")]
    public void Reads_binds_named_volumes_and_pipes(string spec, VolumeBindingKind kind, string source, string target, string mode, string bind)
    {
        var v = VolumeBinding.Parse(spec, NeverCalled);
        Assert.Equal(spec, v.Specification);
        Assert.Equal(kind, v.Kind);
        Assert.Equal(source, v.Source);
        Assert.Equal(target, v.Target);
        Assert.Equal(mode, v.Mode);
        Assert.Equal(bind, v.ToBind());
    }

    [Theory]
    [InlineData("/data")]
    [InlineData("/home/svn")]
    [InlineData(@"C:\data")]
    [InlineData("a:/x")]
    public void A_container_path_alone_is_an_anonymous_volume_for_config_volumes(string spec)
    {
        var v = VolumeBinding.Parse(spec, NeverCalled);
        Assert.Equal(VolumeBindingKind.AnonymousVolume, v.Kind);
        Assert.Null(v.Source);
        Assert.Equal(spec, v.Target);
        Assert.Null(v.ToBind());
        Assert.Equal("", v.Mode);
    }

    [Theory]
    [InlineData("/src:/dst:ro", true, null, null, false, null)]
    [InlineData("/src:/dst:rw", false, null, null, false, null)]
    [InlineData("/src:/dst:z", false, null, "z", false, null)]
    [InlineData("/src:/dst:ro,Z", true, null, "Z", false, null)]
    [InlineData("/src:/dst:rshared", false, "rshared", null, false, null)]
    [InlineData("/src:/dst:shared", false, "shared", null, false, null)]
    [InlineData("/src:/dst:slave", false, "slave", null, false, null)]
    [InlineData("/src:/dst:rslave,ro", true, "rslave", null, false, null)]
    [InlineData("/src:/dst:private", false, "private", null, false, null)]
    [InlineData("/src:/dst:ro,rprivate,z", true, "rprivate", "z", false, null)]
    [InlineData("/src:/dst:cached", false, null, null, false, "cached")]
    [InlineData("/src:/dst:delegated,rw", false, null, null, false, "delegated")]
    [InlineData("/src:/dst:consistent", false, null, null, false, "consistent")]
    [InlineData("vol:/dst:nocopy", false, null, null, true, null)]
    [InlineData("vol:/dst:ro,nocopy,z", true, null, "z", true, null)]
    [InlineData("vol:/dst:Z", false, null, "Z", false, null)]
    [InlineData(@"\\.\pipe\p:\\.\pipe\p:ro", true, null, null, false, null)]
    public void Reads_options_comma_separated(string spec, bool readOnly, string? propagation, string? label, bool noCopy, string? consistency)
    {
        var v = VolumeBinding.Parse(spec, NeverCalled);
        Assert.Equal(readOnly, v.ReadOnly);
        Assert.Equal(propagation, v.Propagation);
        Assert.Equal(label, v.SELinuxLabel);
        Assert.Equal(noCopy, v.NoCopy);
        Assert.Equal(consistency, v.Consistency);
        Assert.Equal(spec.Substring(spec.LastIndexOf(':') + 1), v.Mode);
    }

    [Theory]
    [InlineData("./data:/data", "./data", "/ps/location/./data:/data")]
    [InlineData("../x:/x:ro", "../x", "/ps/location/../x:/x:ro")]
    [InlineData(".:/src", ".", "/ps/location/.:/src")]
    [InlineData("..:/up", "..", "/ps/location/..:/up")]
    [InlineData(@".\data:/data", @".\data", @"/ps/location/.\data:/data")]
    [InlineData(".hidden:/h", ".hidden", "/ps/location/.hidden:/h")]
    [InlineData("~/data:/data", "~/data", "/ps/location/~/data:/data")]
    [InlineData("~:/home", "~", "/ps/location/~:/home")]
    public void Relative_host_paths_go_to_the_callback_never_the_process_directory(string spec, string asked, string bind)
    {
        var v = VolumeBinding.Parse(spec, Resolve);
        Assert.Equal(new[] { asked }, _asked);
        Assert.Equal(VolumeBindingKind.Bind, v.Kind);
        Assert.Equal(bind, v.ToBind());
    }

    [Fact]
    public void A_windows_location_resolves_to_a_windows_path_kept_as_given()
    {
        var v = VolumeBinding.Parse("./share:/share.host:ro", rel => rel == "./share" ? @"C:\Users\me\share" : "unexpected");
        Assert.Equal(@"C:\Users\me\share", v.Source);
        Assert.Equal(@"C:\Users\me\share:/share.host:ro", v.ToBind());
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData(":/x", "the source before the first ':' is empty")]
    [InlineData("/a::/b", "it has an empty part between ':' separators")]
    [InlineData("/a:/b:", "it has an empty part between ':' separators")]
    [InlineData("data:", "it has an empty part between ':' separators")]
    [InlineData("/a:/b:ro:extra", "too many ':'-separated parts")]
    [InlineData("/a:/b:c:d:e", "too many ':'-separated parts")]
    [InlineData("relative", "the container path 'relative' is not absolute")]
    [InlineData("/src:dst", "the container path 'dst' is not absolute")]
    [InlineData(@"/src:\data", @"the container path '\data' is not absolute")]
    [InlineData(@"/src:/dst\sub", "mixes '/' and '\\'")]
    [InlineData("/src:/", "the container path cannot be '/' itself")]
    [InlineData("/", "the container path cannot be '/' itself")]
    [InlineData("/src:/a/..", "the container path cannot be '/' itself")]
    [InlineData(@"/src:C:\", "cannot be the root of the system drive")]
    [InlineData("/data:ro", "'ro' are options, which need a source and a target")]
    [InlineData("vol:ro,z", "'ro,z' are options")]
    [InlineData("/src:/dst:ro,rw", "the options 'ro,rw' give ro or rw more than once")]
    [InlineData("/src:/dst:ro,ro", "give ro or rw more than once")]
    [InlineData("/src:/dst:shared,slave", "give a propagation more than once")]
    [InlineData("/src:/dst:z,Z", "give z or Z more than once")]
    [InlineData("vol:/dst:nocopy,nocopy", "give nocopy more than once")]
    [InlineData("/src:/dst:cached,delegated", "give a consistency more than once")]
    [InlineData("/src:/dst:bogus", "'bogus' is not an option docker knows")]
    [InlineData("/src:/dst:RO", "'RO' is not an option docker knows")]
    [InlineData("/src:/dst:ro,", "the options 'ro,' have an empty entry")]
    [InlineData("/src:/dst:ro rw", "'ro rw' is not an option")]
    [InlineData("vol:/dst:rshared", "the propagation 'rshared' applies to a bind of a host path, not to a named volume")]
    [InlineData("/src:/dst:nocopy", "nocopy applies to a named volume, not to a bind")]
    [InlineData(@"\\.\pipe\p:\\.\pipe\p:z", "a named pipe takes only ro or rw")]
    [InlineData(@"\\.\pipe\p:/x", @"the named pipe '\\.\pipe\p' binds to a named pipe in the container")]
    [InlineData(@"/src:\\.\pipe\p", "is a named pipe, which only a host named pipe binds to")]
    [InlineData("data/sub:/x", "'data/sub' is neither an absolute host path nor a volume name")]
    [InlineData("data/sub:/x", "a relative host path must start with '.', as ./data/sub")]
    [InlineData(@"data\sub:/x", @"as ./data\sub")]
    [InlineData("my vol:/x", "'my vol' is neither an absolute host path nor a volume name")]
    [InlineData("-vol:/x", "'-vol' is neither")]
    [InlineData("_vol:/x", "'_vol' is neither")]
    [InlineData("v@l:/x", "'v@l' is neither")]
    [InlineData("~user/x:/x", "'~user/x' is neither")]
    [InlineData("C:data:/x", "the host path 'C:data' is relative to a drive's current directory")]
    [InlineData(@"\\server\share:/x", @"the host path '\\server\share' is a network share")]
    public void Refuses_malformed_values_naming_them(string spec, string reason) =>
        Refusal.Check(() => VolumeBinding.Parse(spec, NeverCalled), "InvalidVolume", spec, reason);

    [Theory]
    [InlineData("relative/path", "resolved to 'relative/path', which is not a local absolute path")]
    [InlineData(@"\\server\share\data", @"resolved to '\\server\share\data'")]
    [InlineData("", "could not be resolved")]
    public void Refuses_a_relative_path_the_location_cannot_make_bindable(string resolved, string reason) =>
        Refusal.Check(() => VolumeBinding.Parse("./data:/data", _ => resolved), "InvalidVolume", "./data:/data", reason);

    [Fact]
    public void Refusal_shows_the_expected_shape_with_examples()
    {
        var ex = Refusal.Check(() => VolumeBinding.Parse(":/x", NeverCalled), "InvalidVolume", ":/x", "empty");
        Assert.Contains("[host-path-or-volume-name:]container-path[:options]", ex.Message);
        Assert.Contains("svn-root:/home/svn", ex.Message);
    }

    [Fact]
    public void The_callback_is_required() =>
        Assert.Throws<ArgumentNullException>(() => VolumeBinding.Parse("/a:/b", null!));
}
