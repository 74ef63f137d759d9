using DockerPS.Engine.Arguments;

namespace DockerPS.Engine.Tests.Unit.Arguments;

public class RestartPolicyTests
{
    [Theory]
    [InlineData("no", "no", 0)]
    [InlineData("always", "always", 0)]
    [InlineData("unless-stopped", "unless-stopped", 0)]
    [InlineData("on-failure", "on-failure", 0)]
    [InlineData("on-failure:5", "on-failure", 5)]
    [InlineData("on-failure:0", "on-failure", 0)]
    [InlineData("on-failure:007", "on-failure", 7)]
    [InlineData("on-failure:2147483647", "on-failure", int.MaxValue)]
    [InlineData("always:0", "always", 0)]
    [InlineData("no:0", "no", 0)]
    [InlineData("Always", "always", 0)]
    [InlineData("UNLESS-STOPPED", "unless-stopped", 0)]
    [InlineData("On-Failure:3", "on-failure", 3)]
    public void Reads_docker_restart_policies(string value, string name, int count)
    {
        var p = RestartPolicy.Parse(value);
        Assert.Equal(name, p.Name);
        Assert.Equal(count, p.MaximumRetryCount);
    }

    [Theory]
    [InlineData("on-failure:5", "on-failure:5")]
    [InlineData("ALWAYS", "always")]
    [InlineData("always:0", "always")]
    public void Writes_itself_as_docker_would(string value, string text) => Assert.Equal(text, RestartPolicy.Parse(value).ToString());

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("sometimes", "'sometimes' is not a restart policy")]
    [InlineData("on failure", "'on failure' is not a restart policy")]
    [InlineData("onfailure:3", "'onfailure' is not a restart policy")]
    [InlineData(" always", "' always' is not a restart policy")]
    [InlineData("always:3", "a retry count can only be given with on-failure")]
    [InlineData("unless-stopped:1", "a retry count can only be given with on-failure")]
    [InlineData("no:1", "a retry count can only be given with on-failure")]
    [InlineData("on-failure:-1", "the retry count cannot be negative")]
    [InlineData("always:-1", "the retry count cannot be negative")]
    [InlineData("on-failure:x", "the retry count 'x' is not a whole number")]
    [InlineData("on-failure:1.5", "the retry count '1.5' is not a whole number")]
    [InlineData("on-failure:+3", "the retry count '+3' is not a whole number")]
    [InlineData("on-failure: 3", "the retry count ' 3' is not a whole number")]
    [InlineData("on-failure:3:4", "the retry count '3:4' is not a whole number")]
    [InlineData("on-failure:", "the retry count after ':' is empty")]
    [InlineData("on-failure:2147483648", "the retry count '2147483648' is too large")]
    [InlineData("on-failure:99999999999999", "is too large")]
    [InlineData(":3", "there is no policy name before ':'")]
    public void Refuses_malformed_values_naming_them(string value, string reason) =>
        Refusal.Check(() => RestartPolicy.Parse(value), "InvalidRestartPolicy", value, reason);
}
