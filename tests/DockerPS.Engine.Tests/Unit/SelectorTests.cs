using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DockerPS.Engine.Matching;
using DockerPS.Engine.Model;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Tests.Unit;

public class SelectorTests
{
    private static DockerContainer C(string id, params string[] names) =>
        new(new ContainerSummaryDto { Id = id, Names = names.Select(n => "/" + n).ToList() }, "test");

    private static readonly DockerContainer[] Containers =
    {
        C("e2af613aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "web-1"),
        C("e2b00000bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "web-2", "api/web"),
        C("27d4e000cccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "centos"),
    };

    [Fact]
    public void Nothing_asked_is_everything() => Assert.Equal(3, Selector.Containers(Containers, null, null).Matches.Count);

    [Fact]
    public void Wildcard_names_select_any_number_and_never_complain()
    {
        var s = Selector.Containers(Containers, new[] { "web*", "zzz*" }, null);
        Assert.Equal(new[] { "web-1", "web-2" }, s.Matches.Select(c => c.Name));
        Assert.Empty(s.Unmatched);
    }

    [Fact]
    public void Literal_name_is_exact_and_case_insensitive()
    {
        Assert.Equal("centos", Assert.Single(Selector.Containers(Containers, new[] { "CENTOS" }, null).Matches).Name);
        Assert.Empty(Selector.Containers(Containers, new[] { "cent" }, null).Matches);
    }

    [Fact]
    public void Literal_falls_back_to_an_id_prefix_like_docker()
    {
        Assert.Equal("centos", Assert.Single(Selector.Containers(Containers, new[] { "27d4e" }, null).Matches).Name);
        Assert.Equal(2, Selector.Containers(Containers, new[] { "e2" }, null).Matches.Count);
    }

    [Fact]
    public void Unmatched_literals_are_reported_in_order()
    {
        var s = Selector.Containers(Containers, new[] { "nosuch", "web-1" }, new[] { "ffff" });
        Assert.Equal(new[] { "nosuch", "ffff" }, s.Unmatched);
        Assert.Single(s.Matches);
    }

    [Fact]
    public void Ids_are_prefixes_or_wildcards_and_output_keeps_engine_order_without_duplicates()
    {
        var s = Selector.Containers(Containers, new[] { "centos", "web-1" }, new[] { "e2af613", "*c" });
        Assert.Equal(new[] { "web-1", "centos" }, s.Matches.Select(c => c.Name));
    }

    [Fact]
    public void Once_items_are_removed_only_literals_that_picked_nothing_else_are_unmatched()
    {
        // web-1 removed after the list: "web-1" and "e2af" named only it; "e2" also picked web-2, which is still there;
        // "web*" is a wildcard; "nosuch" never matched.
        var s = Selector.Containers(Containers, new[] { "web-1", "e2", "web*", "nosuch" }, new[] { "e2af" });
        Assert.Equal(new[] { "nosuch" }, s.Unmatched);
        Assert.Equal(new[] { "web-1", "nosuch", "e2af" }, s.UnmatchedWithout(c => c.Name == "web-1"));
        Assert.Equal(new[] { "web-1", "e2", "nosuch", "e2af" }, s.UnmatchedWithout(c => c.Name.StartsWith("web", System.StringComparison.Ordinal)));
        Assert.Empty(Selector.Containers(Containers, null, null).UnmatchedWithout(_ => true));
    }

    [Fact]
    public void By_name_a_literal_may_be_an_id_prefix_when_ids_are_given()
    {
        Assert.Equal(new[] { "nosuch", "27d4e" }, Selector.ByName(Containers, c => c.Name, new[] { "nosuch", "27d4e" }).Unmatched);
        var s = Selector.ByName(Containers, c => c.Name, new[] { "27d4e", "e2", "nosuch" }, c => c.Id);
        Assert.Equal(new[] { "web-1", "web-2", "centos" }, s.Matches.Select(c => c.Name));
        Assert.Equal(new[] { "nosuch" }, s.Unmatched);
    }

    [Theory]
    [InlineData("web-1", "web-1")]
    [InlineData("WEB-1", "web-1")]
    [InlineData("/centos", "centos")]
    [InlineData("27d4e", "centos")]
    [InlineData("e2af", "web-1")]
    [InlineData("e2b00000bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "web-2")]
    public void Resolving_a_literal_finds_exactly_one(string input, string expected) =>
        Assert.Equal(expected, Assert.Single(Selector.ResolveContainers(Containers, input)).Name);

    [Fact]
    public void Resolving_an_ambiguous_prefix_lists_the_matches()
    {
        var ex = Assert.Throws<Errors.DockerException>(() => Selector.ResolveContainers(Containers, "e2"));
        Assert.Equal("AmbiguousContainer", ex.ErrorId);
        Assert.Contains("web-1 (e2af613aaaaa)", ex.Message);
        Assert.Contains("web-2 (e2b00000bbbb)", ex.Message);
        Assert.Equal("e2", ex.Target);
    }

    [Fact]
    public void Resolving_nothing_is_not_found_and_a_wildcard_may_find_none()
    {
        Assert.Equal("ContainerNotFound", Assert.Throws<Errors.DockerException>(() => Selector.ResolveContainers(Containers, "nosuch")).ErrorId);
        Assert.Empty(Selector.ResolveContainers(Containers, "nosuch*"));
        Assert.Equal(2, Selector.ResolveContainers(Containers, "web-?").Count);
    }

    [Fact]
    public void Link_names_do_not_hide_the_container_name() => Assert.Equal("web-2", Containers[1].Name);

    [Theory]
    [InlineData("sha256:54188809fbc2", "54188809fbc2f75a", true)]
    [InlineData("54188809FBC2", "54188809fbc2f75a", true)]
    [InlineData("", "54188809fbc2f75a", false)]
    [InlineData("xyz", "xyz", false)]
    public void Id_prefix_rules(string prefix, string id, bool expected) => Assert.Equal(expected, Selector.IsIdPrefix("sha256:" + id, prefix));

    private static IReadOnlyList<DockerImage> Images()
    {
        var json = """
        [
          {"Id":"sha256:aaaa1111","RepoTags":["busybox:latest","busybox:1.35","127.0.0.1:5000/busybox:latest"],"RepoDigests":["127.0.0.1:5000/busybox@sha256:dd"],"Created":1,"Size":10},
          {"Id":"sha256:bbbb2222","RepoTags":["debian:bookworm"],"RepoDigests":[],"Created":2,"Size":20},
          {"Id":"sha256:cccc3333","RepoTags":[],"RepoDigests":[],"Created":3,"Size":30},
          {"Id":"sha256:dddd4444","RepoTags":["<none>:<none>"],"RepoDigests":["<none>@<none>"],"Created":3,"Size":30}
        ]
        """;
        var dtos = JsonSerializer.Deserialize(json, WireJsonContext.Default.ListImageSummaryDto)!;
        var rows = new List<DockerImage>();
        foreach (var d in dtos)
        {
            var tags = d.RepoTags!.Where(t => t != "<none>:<none>").ToList();
            if (tags.Count == 0) rows.Add(new DockerImage(d, null, "t"));
            else rows.AddRange(tags.Select(t => new DockerImage(d, t, "t")));
        }
        return rows;
    }

    [Fact]
    public void Image_rows_are_one_per_tag_with_none_for_untagged_and_old_engines_none_markers()
    {
        var rows = Images();
        Assert.Equal(6, rows.Count);
        Assert.Equal(("127.0.0.1:5000/busybox", "latest"), (rows[2].Repository, rows[2].Tag));
        Assert.Equal("sha256:dd", rows[2].Digest);
        Assert.Null(rows[0].Digest);
        Assert.True(rows[4].Dangling);
        Assert.True(rows[5].Dangling);
        Assert.Equal("<none>", rows[5].Repository);
        Assert.Null(rows[5].Reference);
        Assert.Equal("aaaa1111", rows[0].ShortId);
    }

    [Fact]
    public void Reference_without_tag_matches_the_repository_with_tag_the_reference()
    {
        Assert.Equal(2, Selector.Images(Images(), new[] { "busybox" }, null).Matches.Count);
        Assert.Single(Selector.Images(Images(), new[] { "busybox:1.35" }, null).Matches);
        Assert.Equal(3, Selector.Images(Images(), new[] { "*busybox" }, null).Matches.Count);
        Assert.Equal(3, Selector.Images(Images(), new[] { "*:latest", "debian:*" }, null).Matches.Count);
    }

    [Fact]
    public void Image_literal_falls_back_to_id_and_unmatched_is_reported()
    {
        var s = Selector.Images(Images(), new[] { "bbbb", "ubuntu:git" }, null);
        Assert.Equal("debian:bookworm", Assert.Single(s.Matches).Reference);
        Assert.Equal(new[] { "ubuntu:git" }, s.Unmatched);
    }
}
