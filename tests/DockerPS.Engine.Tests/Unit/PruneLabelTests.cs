using System.Collections.Generic;
using DockerPS.Engine.Api;

namespace DockerPS.Engine.Tests.Unit;

/// <summary>The prune plan's label matching, as moby's matchLabels: all label filters match, not all label! filters do.</summary>
public class PruneLabelTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Theory]
    [InlineData(new string[0], new string[0], true)]
    [InlineData(new[] { "app" }, new string[0], true)]
    [InlineData(new[] { "app=web" }, new string[0], true)]
    [InlineData(new[] { "app=db" }, new string[0], false)]
    [InlineData(new[] { "app=web", "tier=front" }, new string[0], true)]
    [InlineData(new[] { "app=web", "tier=back" }, new string[0], false)]
    [InlineData(new[] { "owner" }, new string[0], false)]
    [InlineData(new string[0], new[] { "app=web" }, false)]
    [InlineData(new string[0], new[] { "app=db" }, true)]
    [InlineData(new string[0], new[] { "app=web", "tier=back" }, true)]
    [InlineData(new[] { "app" }, new[] { "tier" }, false)]
    public void Matches_as_the_engine_does(string[] label, string[] notLabel, bool expected)
    {
        var filters = new DockerFilters();
        foreach (var l in label) filters.Add("label", l);
        foreach (var l in notLabel) filters.Add("label!", l);
        Assert.Equal(expected, ImageOperations.MatchesLabels(filters, Labels));
    }

    [Fact]
    public void An_image_without_labels_matches_only_when_no_label_filter_is_given()
    {
        var none = new Dictionary<string, string>();
        Assert.True(ImageOperations.MatchesLabels(new DockerFilters(), none));
        Assert.False(ImageOperations.MatchesLabels(new DockerFilters().Add("label", "app"), none));
        Assert.True(ImageOperations.MatchesLabels(new DockerFilters().Add("label!", "app"), none));
    }
}
