using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class MountSpecificationTests
{
    private static string Resolve(string relative) => "/ps/location/" + relative;

    /// <summary>Only what was set, in a fixed order, so each row states the whole result.</summary>
    private static string Describe(MountSpecification m)
    {
        var parts = new List<string> { "type=" + m.Type };
        if (m.Source is not null) parts.Add("src=" + m.Source);
        parts.Add("dst=" + m.Target);
        if (m.ReadOnly) parts.Add("ro");
        if (m.Consistency is not null) parts.Add("consistency=" + m.Consistency);
        if (m.BindPropagation is not null) parts.Add("propagation=" + m.BindPropagation);
        if (m.BindNonRecursive) parts.Add("nonrecursive");
        if (m.BindReadOnlyNonRecursive) parts.Add("ro-nonrecursive");
        if (m.BindReadOnlyForceRecursive) parts.Add("ro-forcerecursive");
        if (m.BindCreateSource is bool create) parts.Add("create-src=" + create);
        if (m.VolumeNoCopy is bool nocopy) parts.Add("nocopy=" + nocopy);
        if (m.VolumeSubpath is not null) parts.Add("subpath=" + m.VolumeSubpath);
        if (m.VolumeDriver is not null) parts.Add("driver=" + m.VolumeDriver);
        parts.AddRange(m.VolumeLabels.Select(kv => "label:" + kv.Key + "=" + kv.Value));
        parts.AddRange(m.VolumeDriverOptions.Select(kv => "opt:" + kv.Key + "=" + kv.Value));
        if (m.ImageSubpath is not null) parts.Add("image-subpath=" + m.ImageSubpath);
        if (m.TmpfsSizeBytes is long size) parts.Add("size=" + size);
        if (m.TmpfsMode is int mode) parts.Add("mode=" + mode);
        return string.Join(";", parts);
    }

    [Theory]
    [InlineData("type=bind,source=/src,target=/dst", "type=bind;src=/src;dst=/dst")]
    [InlineData("type=bind,src=/src,dst=/dst", "type=bind;src=/src;dst=/dst")]
    [InlineData("type=bind,src=/src,destination=/dst", "type=bind;src=/src;dst=/dst")]
    [InlineData("type=bind,src=/src,dst=/dst,readonly", "type=bind;src=/src;dst=/dst;ro")]
    [InlineData("type=bind,src=/src,dst=/dst,ro", "type=bind;src=/src;dst=/dst;ro")]
    [InlineData("type=bind,src=/src,dst=/dst,ro=true", "type=bind;src=/src;dst=/dst;ro")]
    [InlineData("type=bind,src=/src,dst=/dst,readonly=1", "type=bind;src=/src;dst=/dst;ro")]
    [InlineData("type=bind,src=/src,dst=/dst,readonly=false", "type=bind;src=/src;dst=/dst")]
    [InlineData("type=bind,src=/src,dst=/dst,ro=0", "type=bind;src=/src;dst=/dst")]
    [InlineData("type=bind,src=C:/tools.docker/share,dst=/share.host", "type=bind;src=C:/tools.docker/share;dst=/share.host")]
    [InlineData(@"type=bind,src=C:\data,dst=/data", @"type=bind;src=C:\data;dst=/data")]
    [InlineData("type=bind,src=./data,dst=/data", "type=bind;src=/ps/location/./data;dst=/data")]
    [InlineData("type=bind,src=.,dst=/src", "type=bind;src=/ps/location/.;dst=/src")]
    [InlineData("type=bind,src=~/x,dst=/x", "type=bind;src=/ps/location/~/x;dst=/x")]
    [InlineData("dst=/x,src=../up,type=bind", "type=bind;src=/ps/location/../up;dst=/x")]
    [InlineData("type=bind,src=/a,dst=/b,bind-propagation=rshared", "type=bind;src=/a;dst=/b;propagation=rshared")]
    [InlineData("type=bind,src=/a,dst=/b,bind-propagation=RSLAVE", "type=bind;src=/a;dst=/b;propagation=rslave")]
    [InlineData("type=bind,src=/a,dst=/b,bind-recursive=enabled", "type=bind;src=/a;dst=/b")]
    [InlineData("type=bind,src=/a,dst=/b,bind-recursive=disabled", "type=bind;src=/a;dst=/b;nonrecursive")]
    [InlineData("type=bind,src=/a,dst=/b,readonly,bind-recursive=writable", "type=bind;src=/a;dst=/b;ro;ro-nonrecursive")]
    [InlineData("type=bind,src=/a,dst=/b,readonly,bind-recursive=readonly,bind-propagation=rprivate", "type=bind;src=/a;dst=/b;ro;propagation=rprivate;ro-forcerecursive")]
    [InlineData("type=bind,src=/a,dst=/b,bind-create-src", "type=bind;src=/a;dst=/b;create-src=True")]
    [InlineData("type=bind,src=/a,dst=/b,bind-create-src=false", "type=bind;src=/a;dst=/b;create-src=False")]
    [InlineData("type=bind,src=/a,dst=/b,consistency=cached", "type=bind;src=/a;dst=/b;consistency=cached")]
    [InlineData("TYPE=BIND,SRC=/Src,DST=/Dst,ReadOnly", "type=bind;src=/Src;dst=/Dst;ro")]
    [InlineData("  type=bind,src=/a,dst=/b  ", "type=bind;src=/a;dst=/b")]
    [InlineData("type=volume,type=bind,src=/a,dst=/b", "type=bind;src=/a;dst=/b")]
    [InlineData("type=bind,\"src=/a,b\",dst=/x", "type=bind;src=/a,b;dst=/x")]
    [InlineData("type=bind,\"src=/a \"\"q\"\"\",dst=/x", "type=bind;src=/a \"q\";dst=/x")]
    [InlineData("\"type=bind\",\"src=/a\",\"dst=/x\"", "type=bind;src=/a;dst=/x")]
    [InlineData("type=volume,src=svn-root,dst=/home/svn", "type=volume;src=svn-root;dst=/home/svn")]
    [InlineData("source=svn-root,target=/home/svn", "type=volume;src=svn-root;dst=/home/svn")]
    [InlineData("target=/data", "type=volume;dst=/data")]
    [InlineData("type=volume,src=vol,dst=/x,volume-nocopy", "type=volume;src=vol;dst=/x;nocopy=True")]
    [InlineData("type=volume,src=vol,dst=/x,volume-nocopy=false", "type=volume;src=vol;dst=/x;nocopy=False")]
    [InlineData("type=volume,src=vol,dst=/x,volume-subpath=sub/dir", "type=volume;src=vol;dst=/x;subpath=sub/dir")]
    [InlineData("type=volume,dst=/x,volume-label=a=b,volume-label=c", "type=volume;dst=/x;label:a=b;label:c=")]
    [InlineData("type=volume,dst=/x,volume-label=a=1,volume-label=a=2", "type=volume;dst=/x;label:a=2")]
    [InlineData("type=volume,src=nfs,dst=/x,volume-driver=local,volume-opt=type=nfs,volume-opt=device=:/export", "type=volume;src=nfs;dst=/x;driver=local;opt:type=nfs;opt:device=:/export")]
    [InlineData("type=volume,src=nfs,dst=/x,\"volume-opt=o=addr=10.0.0.1,rw\"", "type=volume;src=nfs;dst=/x;opt:o=addr=10.0.0.1,rw")]
    [InlineData("type=volume,src=share:data,dst=/x,volume-driver=my-driver", "type=volume;src=share:data;dst=/x;driver=my-driver")]
    [InlineData("type=tmpfs,dst=/cache,tmpfs-size=64m,tmpfs-mode=1777", "type=tmpfs;dst=/cache;size=67108864;mode=1023")]
    [InlineData("type=tmpfs,dst=/t,tmpfs-mode=0700", "type=tmpfs;dst=/t;mode=448")]
    [InlineData("type=tmpfs,dst=/t,tmpfs-size=1000000", "type=tmpfs;dst=/t;size=1000000")]
    [InlineData("type=tmpfs,dst=/t,readonly", "type=tmpfs;dst=/t;ro")]
    [InlineData(@"type=npipe,src=\\.\pipe\docker_engine,dst=\\.\pipe\docker_engine", @"type=npipe;src=\\.\pipe\docker_engine;dst=\\.\pipe\docker_engine")]
    [InlineData("type=image,src=alpine:3.20,dst=/img,image-subpath=etc", "type=image;src=alpine:3.20;dst=/img;image-subpath=etc")]
    [InlineData(@"type=bind,src=C:\src,dst=D:\dst", @"type=bind;src=C:\src;dst=D:\dst")]
    public void Reads_the_long_form_like_docker_run_mount(string value, string expected)
    {
        var m = MountSpecification.Parse(value, Resolve);
        Assert.Equal(expected, Describe(m));
        Assert.Equal(value, m.Specification);
    }

    [Theory]
    [InlineData("type=bind,src=/a,dst=/b", false, false)]
    [InlineData("type=bind,src=/a,dst=/b,bind-propagation=rslave", true, false)]
    [InlineData("type=bind,src=/a,dst=/b,bind-recursive=enabled", true, false)]
    [InlineData("type=volume,src=vol,dst=/b", false, false)]
    [InlineData("type=volume,src=vol,dst=/b,volume-nocopy=false", false, true)]
    [InlineData("type=volume,dst=/b,volume-label=a=b", false, true)]
    [InlineData("type=volume,src=vol,dst=/b,volume-driver=local", false, true)]
    public void Says_which_option_blocks_the_engine_request_needs(string value, bool bind, bool volume)
    {
        var m = MountSpecification.Parse(value, Resolve);
        Assert.Equal(bind, m.HasBindOptions);
        Assert.Equal(volume, m.HasVolumeOptions);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData("type=bind,src=/a", "it has no target")]
    [InlineData("type=volume,src=vol", "it has no target")]
    [InlineData("type=bind,dst=/x", "a bind needs a source")]
    [InlineData("type=tmpfs,src=/a,dst=/x", "a tmpfs mount takes no source")]
    [InlineData("type=image,dst=/x", "an image mount needs a source")]
    [InlineData("type=npipe,dst=/x", "an npipe mount needs a source")]
    [InlineData(@"type=npipe,src=/a,dst=\\.\pipe\p", "the source '/a' is not a named pipe")]
    [InlineData(@"type=npipe,src=\\.\pipe\p,dst=/x", "the target '/x' is not a named pipe")]
    [InlineData(@"type=bind,src=\\.\pipe\p,dst=/x", "is a named pipe; use type=npipe")]
    [InlineData(@"type=bind,src=/a,dst=\\.\pipe\p", "a named pipe target needs type=npipe")]
    [InlineData("type=volume,dst=/x,bogus=1", "'bogus' is not a key docker knows")]
    [InlineData("type=volume,dst=/x,bogus", "'bogus' is not a key docker knows")]
    [InlineData("type=volume,dst=/x,volume-driver", "'volume-driver' needs a value: volume-driver=...")]
    [InlineData("type,dst=/x", "'type' needs a value")]
    [InlineData("type=foo,dst=/x", "the type 'foo' is not bind, volume, tmpfs, npipe or image")]
    [InlineData("type=cluster,dst=/x", "the type 'cluster' is not")]
    [InlineData("type=tmpfs,dst=/x,tmpfs-size=abc", "tmpfs-size 'abc' is not a size")]
    [InlineData("type=tmpfs,dst=/x,tmpfs-size=-1m", "tmpfs-size '-1m' is not a size (it is negative)")]
    [InlineData("type=tmpfs,dst=/x,tmpfs-size=1x", "tmpfs-size '1x' is not a size")]
    [InlineData("type=tmpfs,dst=/x,tmpfs-mode=999", "tmpfs-mode '999' is not octal permission bits")]
    [InlineData("type=tmpfs,dst=/x,tmpfs-mode=17777", "tmpfs-mode '17777' is not octal")]
    [InlineData("type=tmpfs,dst=/x,tmpfs-mode=0x1ff", "tmpfs-mode '0x1ff' is not octal")]
    [InlineData("type=tmpfs,dst=/x,tmpfs-mode=-1", "tmpfs-mode '-1' is not octal")]
    [InlineData("type=volume,src=vol,dst=/x,bind-propagation=rprivate", "'bind-propagation' is a bind option and cannot be used with type=volume")]
    [InlineData("type=bind,src=/a,dst=/x,volume-nocopy", "'volume-nocopy' is a volume option and cannot be used with type=bind")]
    [InlineData("type=volume,dst=/x,tmpfs-size=1m", "'tmpfs-size' is a tmpfs option and cannot be used with type=volume")]
    [InlineData("type=tmpfs,dst=/x,volume-label=a=b", "'volume-label' is a volume option and cannot be used with type=tmpfs")]
    [InlineData("type=bind,src=/a,dst=/x,image-subpath=etc", "'image-subpath' is a image option")]
    [InlineData("type=bind,src=/a,dst=/x,bind-propagation=bogus", "the propagation 'bogus' is not shared, rshared")]
    [InlineData("type=bind,src=/a,dst=/x,bind-nonrecursive", "bind-nonrecursive is deprecated in docker; use bind-recursive=disabled")]
    [InlineData("type=bind,src=/a,dst=/x,bind-recursive=maybe", "bind-recursive 'maybe' is not enabled, disabled, writable or readonly")]
    [InlineData("type=bind,src=/a,dst=/x,bind-recursive=writable", "bind-recursive=writable needs readonly as well")]
    [InlineData("type=bind,src=/a,dst=/x,bind-recursive=readonly,bind-propagation=rprivate", "bind-recursive=readonly needs readonly as well")]
    [InlineData("type=bind,src=/a,dst=/x,readonly,bind-recursive=readonly", "bind-recursive=readonly needs bind-propagation=rprivate as well")]
    [InlineData("type=bind,src=/a,dst=/x,readonly=no", "readonly 'no' is not true, false, 1 or 0")]
    [InlineData("type=volume,src=v1,dst=/x,volume-nocopy=yes", "volume-nocopy 'yes' is not true, false, 1 or 0")]
    [InlineData("type=bind,src=/a,dst=/x,readonly=", "the value of 'readonly' is empty")]
    [InlineData("type=bind,src=,dst=/x", "the value of 'src' is empty")]
    [InlineData("type=bind, src=/a,dst=/x", "the key in ' src=/a' has spaces around it")]
    [InlineData("type=bind,src =/a,dst=/x", "the key in 'src =/a' has spaces around it")]
    [InlineData("type=bind,src= /a,dst=/x", "the value in 'src= /a' has spaces around it")]
    [InlineData("type=bind,src=/a ,dst=/x", "the value in 'src=/a ' has spaces around it")]
    [InlineData("type=bind,,src=/a,dst=/x", "it has an empty field")]
    [InlineData("type=bind,src=/a,dst=/x,", "it has an empty field")]
    [InlineData("=bind,dst=/x", "the field '=bind' has no key before '='")]
    [InlineData("type=bind,src=/a\"b,dst=/x", "a '\"' appears inside a field that does not start with one")]
    [InlineData("type=bind,\"src=/a,dst=/x", "a quoted field has no closing '\"'")]
    [InlineData("type=bind,\"src=/a\"x,dst=/x", "there is text after a closing '\"'")]
    [InlineData("type=bind,src=/a,dst=/x\nreadonly", "it spans more than one line")]
    [InlineData("type=bind,src=data,dst=/x", "the bind source 'data' is not an absolute host path; a relative one must start with '.', as ./data")]
    [InlineData("type=bind,src=C:data,dst=/x", "the bind source 'C:data' is not an absolute host path")]
    [InlineData(@"type=bind,src=\\srv\share,dst=/x", @"the source '\\srv\share' is a network share")]
    [InlineData("type=bind,src=/a,dst=relative", "the container path 'relative' is not absolute")]
    [InlineData("type=bind,src=/a,dst=/", "the container path cannot be '/' itself")]
    [InlineData("type=volume,src=./data,dst=/x", "'./data' is not a volume name")]
    [InlineData("type=volume,src=./data,dst=/x", "for a host path use type=bind")]
    [InlineData("type=volume,src=/srv/data,dst=/x", "for a host path use type=bind")]
    [InlineData("type=volume,src=bad name,dst=/x", "'bad name' is not a volume name")]
    [InlineData("type=volume,dst=/x,volume-subpath=a", "volume-subpath needs a named volume")]
    [InlineData("type=volume,src=vol,dst=/x,volume-subpath=../up", "volume-subpath '../up' must be a relative path inside the volume")]
    [InlineData("type=volume,src=vol,dst=/x,volume-subpath=/abs", "volume-subpath '/abs' must be a relative path")]
    [InlineData("type=image,src=alpine,dst=/x,image-subpath=../../etc", "image-subpath '../../etc' must be a relative path inside the image")]
    [InlineData("type=volume,src=vol,dst=/x,volume-label==v", "volume-label '=v' has no name before '='")]
    [InlineData("type=volume,src=vol,dst=/x,volume-opt==v", "volume-opt '=v' has no name before '='")]
    [InlineData("type=volume,src=vol,dst=/x,consistency=weird", "the consistency 'weird' is not default, consistent, cached or delegated")]
    public void Refuses_malformed_values_naming_them(string value, string reason) =>
        Refusal.Check(() => MountSpecification.Parse(value, Resolve), "InvalidMount", value, reason);

    [Fact]
    public void Refusal_shows_the_expected_shape_with_examples()
    {
        var ex = Refusal.Check(() => MountSpecification.Parse("type=bind,src=/a", Resolve), "InvalidMount", "type=bind,src=/a", "no target");
        Assert.Contains("type=bind,source=C:/data,target=/data,readonly", ex.Message);
    }

    [Fact]
    public void A_relative_source_of_another_type_is_not_resolved()
    {
        var asked = new List<string>();
        MountSpecification.Parse("type=volume,src=.cache,dst=/x,volume-driver=custom", rel => { asked.Add(rel); return "/r/" + rel; });
        Assert.Empty(asked);
    }

    [Fact]
    public void The_callback_is_required() =>
        Assert.Throws<ArgumentNullException>(() => MountSpecification.Parse("type=tmpfs,dst=/x", null!));
}
