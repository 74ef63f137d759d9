using System;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// An image reference as users type it to docker (<c>busybox</c>, <c>busybox:1.36</c>, <c>127.0.0.1:5000/team/app:v2</c>,
/// <c>debian@sha256:…</c>), checked against the distribution reference grammar and normalised as docker normalises it:
/// no registry means Docker Hub (<c>docker.io</c>), a one-part Hub name lives under <c>library/</c>. Everything the
/// engine or a registry would refuse is refused here first, with the value and the reason: upper case in the
/// repository, an empty or over-long tag, <c>a::b</c>, a 64-hex string used as a name.
/// </summary>
public sealed class ImageName
{
    /// <summary>Docker Hub's canonical domain.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The key docker keeps Docker Hub's credentials under in config.json.</summary>
    public const string DockerHubAuthKey = "https://index.docker.io/v1/";

    private const string What = "image reference";
    private const string Expected = "[registry[:port]/]repository[:tag][@digest] with a lower-case repository; for example busybox, busybox:1.36 or 127.0.0.1:5000/team/app:v2";
    private const int MaxNameLength = 255;
    private const int MaxTagLength = 128;

    private ImageName(string domain, string path, string? tag, string? digest)
    {
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry: <c>docker.io</c>, <c>localhost:5000</c>, <c>[::1]:5000</c>.</summary>
    public string Domain { get; }

    /// <summary>The repository path inside the registry (<c>library/busybox</c>, <c>team/app</c>).</summary>
    public string Path { get; }

    /// <summary>The tag, when one was given.</summary>
    public string? Tag { get; }

    /// <summary>The digest (<c>sha256:…</c>), when one was given.</summary>
    public string? Digest { get; }

    /// <summary>Whether the reference is on Docker Hub.</summary>
    public bool IsDockerHub => Domain == DockerHub;

    /// <summary>The repository as docker shows it: <c>busybox</c>, <c>user/app</c>, <c>127.0.0.1:5000/app</c>.</summary>
    public string Repository
    {
        get
        {
            if (!IsDockerHub) return Domain + "/" + Path;
            const string library = "library/";
            return Path.StartsWith(library, StringComparison.Ordinal) && Path.IndexOf('/', library.Length) < 0
                ? Path.Substring(library.Length)
                : Path;
        }
    }

    /// <summary>The repository with its registry always written: <c>docker.io/library/busybox</c>.</summary>
    public string FullRepository => Domain + "/" + Path;

    /// <summary>The key under which docker stores this registry's credentials.</summary>
    public string AuthKey => IsDockerHub ? DockerHubAuthKey : Domain;

    /// <summary>The same reference with <c>:latest</c> when neither a tag nor a digest was given (docker's default).</summary>
    public ImageName WithDefaultTag() => Tag is null && Digest is null ? new ImageName(Domain, Path, "latest", null) : this;

    /// <summary>The same repository with another tag (and no digest).</summary>
    public ImageName WithTag(string tag)
    {
        if (tag is null) throw new ArgumentNullException(nameof(tag));
        var reason = TagProblem(tag);
        if (reason is not null) throw ArgumentFailure.Create("InvalidImageTag", "image tag", tag, reason, "1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'; for example 1.36 or v2-rc");
        return new ImageName(Domain, Path, tag, null);
    }

    /// <summary>What the engine accepts after the repository: the digest, or the tag.</summary>
    public string? TagOrDigest => Digest ?? Tag;

    /// <summary>As docker shows it: the familiar repository, then <c>:tag</c> and <c>@digest</c> when given.</summary>
    public override string ToString() =>
        Repository + (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);

    /// <summary>Parses and normalises a reference. Throws <see cref="DockerArgumentException"/> (InvalidImageReference).</summary>
    public static ImageName Parse(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (TryParse(value, out var name, out var reason)) return name!;
        throw ArgumentFailure.Create("InvalidImageReference", What, value, reason!, Expected);
    }

    /// <summary>As <see cref="Parse"/> for a repository alone: a tag or digest is refused.</summary>
    public static ImageName ParseRepository(string value)
    {
        var name = Parse(value);
        if (name.Tag is not null || name.Digest is not null)
            throw ArgumentFailure.Create("InvalidImageRepository", "image repository", value, "a repository here takes no tag or digest",
                "a repository such as busybox or 127.0.0.1:5000/team/app");
        return name;
    }

    public static bool TryParse(string value, out ImageName? name, out string? reason)
    {
        name = null;
        reason = Problem(value, out var domain, out var path, out var tag, out var digest);
        if (reason is not null) return false;
        name = new ImageName(domain!, path!, tag, digest);
        return true;
    }

    private static string? Problem(string value, out string? domain, out string? path, out string? tag, out string? digest)
    {
        domain = path = tag = digest = null;
        if (value.Length == 0) return "it is empty";
        if (IsHexId(value)) return "a 64-character hexadecimal string is an image id, not a repository name";
        foreach (var c in value)
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return "it contains white space";

        var rest = value;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest.Substring(at + 1);
            rest = rest.Substring(0, at);
            var digestReason = DigestProblem(digest);
            if (digestReason is not null) return digestReason;
        }

        // The tag is after the last ':' that follows the last '/' (a ':' before it is a registry port).
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.IndexOf(':', lastSlash + 1);
        if (colon >= 0)
        {
            tag = rest.Substring(colon + 1);
            rest = rest.Substring(0, colon);
            var tagReason = TagProblem(tag);
            if (tagReason is not null) return "the tag " + tagReason;
        }
        if (rest.Length == 0) return "the repository name is empty";
        if (rest.Length > MaxNameLength) return $"the repository name is longer than {MaxNameLength} characters";

        // docker's splitDockerDomain: the first part is a registry when it has a '.' or ':' or is localhost. docker
        // also takes a first part with upper case for a registry host (UPPER/case would be looked up as the host
        // "UPPER"); that is nearly always a mistyped repository, so here it is refused as one.
        var slash = rest.IndexOf('/');
        string remainder;
        if (slash < 0)
        {
            domain = DockerHub;
            remainder = rest;
        }
        else
        {
            var first = rest.Substring(0, slash);
            if (first.IndexOf('.') < 0 && first.IndexOf(':') < 0 && first != "localhost")
            {
                domain = DockerHub;
                remainder = rest;
            }
            else
            {
                domain = first;
                remainder = rest.Substring(slash + 1);
                var domainReason = DomainProblem(domain);
                if (domainReason is not null) return domainReason;
            }
        }
        if (domain == "index.docker.io") domain = DockerHub;
        if (HasUpperCase(remainder)) return $"the repository name '{remainder}' must be lower case";
        var pathReason = PathProblem(remainder);
        if (pathReason is not null) return pathReason;
        path = domain == DockerHub && remainder.IndexOf('/') < 0 ? "library/" + remainder : remainder;
        return null;
    }

    private static bool HasUpperCase(string value)
    {
        foreach (var c in value)
            if (char.IsUpper(c)) return true;
        return false;
    }

    private static bool IsHexId(string value)
    {
        if (value.Length != 64) return false;
        foreach (var c in value)
            if (!(c is >= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        return true;
    }

    /// <summary>tag := [\w][\w.-]{0,127}</summary>
    private static string? TagProblem(string tag)
    {
        if (tag.Length == 0) return "is empty";
        if (tag.Length > MaxTagLength) return $"is longer than {MaxTagLength} characters";
        if (!IsWord(tag[0])) return $"'{tag}' must start with a letter, digit or '_'";
        foreach (var c in tag)
            if (!IsWord(c) && c != '.' && c != '-') return $"'{tag}' holds '{c}'; only letters, digits, '_', '.' and '-' are allowed";
        return null;
    }

    private static bool IsWord(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';

    /// <summary>digest := algorithm ':' hex{32,}; algorithm := [A-Za-z][A-Za-z0-9]* ([+._-][A-Za-z][A-Za-z0-9]*)*</summary>
    private static string? DigestProblem(string digest)
    {
        var colon = digest.IndexOf(':');
        if (colon <= 0) return $"the digest '{digest}' is not of the form algorithm:hex (sha256:…)";
        var algorithm = digest.Substring(0, colon);
        var hex = digest.Substring(colon + 1);
        var expectLetter = true;
        foreach (var c in algorithm)
        {
            if (expectLetter)
            {
                if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')) return $"the digest algorithm '{algorithm}' is not valid";
                expectLetter = false;
            }
            else if (c is '+' or '.' or '_' or '-') expectLetter = true;
            else if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9')) return $"the digest algorithm '{algorithm}' is not valid";
        }
        if (expectLetter) return $"the digest algorithm '{algorithm}' is not valid";
        if (hex.Length < 32) return $"the digest '{digest}' is too short";
        foreach (var c in hex)
            if (!(c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F')) return $"the digest '{digest}' is not hexadecimal after '{algorithm}:'";
        if (algorithm == "sha256" && hex.Length != 64) return $"a sha256 digest has 64 hexadecimal digits; '{digest}' has {hex.Length}";
        return null;
    }

    /// <summary>host[:port] where host is a DNS name, an IPv4 address or a bracketed IPv6 address.</summary>
    private static string? DomainProblem(string domain)
    {
        var host = domain;
        string? port = null;
        if (domain.StartsWith("[", StringComparison.Ordinal))
        {
            var close = domain.IndexOf(']');
            if (close < 0) return $"the registry '{domain}' has no closing ']'";
            var inner = domain.Substring(1, close - 1);
            if (inner.Length == 0) return $"the registry '{domain}' has an empty IPv6 address";
            foreach (var c in inner)
                if (!(c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F' or ':' or '.')) return $"the registry '{domain}' is not a valid IPv6 address";
            var after = domain.Substring(close + 1);
            if (after.Length > 0)
            {
                if (after[0] != ':') return $"the registry '{domain}' has text after ']'";
                port = after.Substring(1);
            }
        }
        else
        {
            var colon = domain.IndexOf(':');
            if (colon >= 0)
            {
                host = domain.Substring(0, colon);
                port = domain.Substring(colon + 1);
            }
            if (host.Length == 0) return $"the registry '{domain}' has no host name";
            foreach (var component in host.Split('.'))
            {
                if (component.Length == 0) return $"the registry '{domain}' has an empty part between dots";
                if (component[0] == '-' || component[component.Length - 1] == '-') return $"the registry '{domain}' has a part that starts or ends with '-'";
                foreach (var c in component)
                    if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-')) return $"the registry '{domain}' holds '{c}'";
            }
        }
        if (port is not null)
        {
            if (port.Length == 0) return $"the registry '{domain}' has an empty port after ':'";
            foreach (var c in port)
                if (c is < '0' or > '9') return $"the registry port '{port}' is not a number";
        }
        return null;
    }

    /// <summary>path := component ('/' component)*; component := [a-z0-9]+ ((\.|_|__|-+)[a-z0-9]+)*</summary>
    private static string? PathProblem(string path)
    {
        foreach (var component in path.Split('/'))
        {
            if (component.Length == 0) return $"the repository name '{path}' has an empty part between slashes";
            var i = 0;
            var needAlnum = true;
            while (i < component.Length)
            {
                var c = component[i];
                if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
                {
                    needAlnum = false;
                    i++;
                    continue;
                }
                if (needAlnum) return $"the repository name part '{component}' must start with a letter or digit and have one between separators";
                if (c == '.') i++;
                else if (c == '_') i += i + 1 < component.Length && component[i + 1] == '_' ? 2 : 1;
                else if (c == '-') { while (i < component.Length && component[i] == '-') i++; }
                else return $"the repository name part '{component}' holds '{c}'; only lower-case letters, digits, '.', '_', '__' and '-' are allowed";
                needAlnum = true;
            }
            if (needAlnum) return $"the repository name part '{component}' ends with a separator";
        }
        return null;
    }
}
