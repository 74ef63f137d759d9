using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using System.Threading.Tasks;
using DockerPS.Engine.Build;
using DockerPS.Engine.Tests.Support;
using Xunit.Abstractions;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>
/// .dockerignore against docker itself: for each row of patterns, the same context is built by the docker CLI's
/// classic builder and by DockerPS with <c>FROM scratch</c> + <c>COPY . /ctx</c>, and three things must agree:
/// what the CLI's image received, what DockerPS's image received, and what DockerPS's matcher says it sends (after
/// the engine drops the Dockerfile and .dockerignore as it does). The second build must also hit the first one's
/// cache, which the engine only allows when every file's content, mode, owner and link is the same.
/// </summary>
/// <remarks>
/// .dockerignore is applied by the docker CLI, not the engine, so the rules are those of the CLI version. Both
/// engines are driven here by the current CLI (the one installed with engine28, docker 28.5: moby/patternmatcher).
/// docker 20.10's CLI (pkg/fileutils) differs on three rows, which is why it is not the reference: it compiles every
/// pattern up front (so "!\q" fails), treats "a^b" as a regular expression that matches nothing, and re-includes
/// through a parent folder differently ("**/*.log" then "!logs/nested").
/// </remarks>
[SupportedOSPlatform("linux")]
public class DockerignoreTests
{
    private readonly ITestOutputHelper _output;

    public DockerignoreTests(ITestOutputHelper output) => _output = output;

    /// <summary>Rows of .dockerignore contents; each covers one pattern shape or one of docker's quirks.</summary>
    public static readonly string[] Rows =
    {
        "",
        "*.md",
        "**/*.go",
        "docs\n!docs/README.md",
        "dir\n!dir/keep",
        "dir\n!*/keep",                      // a wildcard exception does not open the excluded folder
        "dir\n!dir/*/keep",                  // ... nor one level below it
        "**\n!main.go\n!cmd",
        "# comment\n  logs  \n/node_modules\n./.git/",
        "**/*.log\n!logs/nested",
        "file[0-9].txt\n[!a]bang",           // '!' inside a class is a member, as in Go's regexp
        "a^b\n\\[x\\]",
        "file\\d.txt",                       // \d is a digit, as in Go's regexp
        "*\n!*.md\n!docs",
        "space name.txt\nünïcødé.txt\nemoji-?.txt",
        "Dockerfile\n.dockerignore",
        "link\nempty-dir",
        "**/keep",
        "docs/**\n!docs/img/**",
        ".*",
        "**/.git\n*/tool",
        "!README.md",
        "!\\q",                              // never tried, so never compiled: docker accepts it
        "dir/\n!dir/sub/\ndir/sub/x.txt",
        "README*\n!README-secret.md\n\n#!README.md",
        "cmd/**/*.go\n!cmd/tool",
    };

    /// <summary>The docker CLI that comes with the newer engine: its .dockerignore rules are the reference.</summary>
    private static string CurrentCli => TestEnvironment.Engine("engine28").Cli;

    private static void MakeTree(string root)
    {
        void W(string relative, string content = "x")
        {
            var full = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content + " " + relative);
        }
        W("Dockerfile", "FROM scratch\nCOPY . /ctx\n#");
        foreach (var f in new[]
                 {
                     "README.md", "README-secret.md", "main.go", "cmd/main.go", "cmd/tool/tool.go", "docs/README.md", "docs/guide.md", "docs/img/logo.png",
                     "dir/keep", "dir/other", "dir/sub/keep", "dir/sub/x.txt", "logs/a.log", "logs/nested/b.log", "node_modules/pkg/index.js", ".git/HEAD",
                     ".git/objects/ab/cd", "a^b", "[x]", "file7.txt", "fileA.txt", "filed.txt", "!bang", "space name.txt", "ünïcødé.txt", "emoji-\U0001F600.txt",
                 })
        {
            W(f);
        }
        File.SetUnixFileMode(Path.Combine(root, "main.go"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(root, "link"), "README.md");
        Directory.CreateDirectory(Path.Combine(root, "empty-dir"));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Every_row_sends_what_docker_sends(string engine)
    {
        await using var scope = new BuildScope(engine);
        using var temp = new TempDirectory();
        var root = Path.Combine(temp.Path, "context");
        MakeTree(root);

        var failures = new List<string>();
        for (var row = 0; row < Rows.Length; row++)
        {
            File.WriteAllText(Path.Combine(root, ".dockerignore"), Rows[row]);
            var cliTag = scope.NewTag("ignore-cli", "r" + row);
            var psTag = scope.NewTag("ignore-ps", "r" + row);

            var cliId = Cli.Run(engine, $"build -q --label {BuildScope.LabelKey}={scope.Run} -t {cliTag} {root}", cli: CurrentCli).Trim();
            var cliFiles = await scope.ListAsync(cliTag, "/ctx");

            var options = new DockerBuildOptions();
            options.Tags.Add(psTag);
            options.Labels[BuildScope.LabelKey] = scope.Run;
            var result = await scope.Client.Images.BuildAsync(root, options);
            var psFiles = await scope.ListAsync(psTag, "/ctx");

            var expected = Expected(result.Context, Rows[row]);

            var what = $"row {row} ({Rows[row].Replace("\n", " | ", StringComparison.Ordinal)})";
            _output.WriteLine($"{what}: docker's image got {cliFiles.Count} items, DockerPS's {psFiles.Count}; same image: {result.ImageId == cliId}");
            if (!cliFiles.SetEquals(psFiles))
                failures.Add($"{what}: image contents differ. docker only: [{string.Join(", ", cliFiles.Except(psFiles))}]; DockerPS only: [{string.Join(", ", psFiles.Except(cliFiles))}]");
            if (!cliFiles.SetEquals(expected))
                failures.Add($"{what}: the matcher's list differs. docker only: [{string.Join(", ", cliFiles.Except(expected))}]; matcher only: [{string.Join(", ", expected.Except(cliFiles))}]");
            if (result.ImageId != cliId)
                failures.Add($"{what}: DockerPS's build did not reuse docker's cached image ({result.ImageId} vs {cliId}): some file differs in content, mode, owner or link.");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>What COPY . sees: the entries sent, their folders, minus what the engine drops (Dockerfile and .dockerignore when .dockerignore lists them).</summary>
    private static SortedSet<string> Expected(BuildContext context, string ignoreText)
    {
        var sent = context.ListEntries();
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in sent)
        {
            set.Add(name);
            var parts = name.TrimEnd('/').Split('/');
            for (var i = 1; i < parts.Length; i++) set.Add(string.Join("/", parts.Take(i)) + "/");
        }
        var engineView = new IgnoreMatcher(IgnoreFile.Parse(Encoding.UTF8.GetBytes(ignoreText)));
        foreach (var dropped in new[] { IgnoreFile.FileName, context.DockerfileName })
        {
            if (engineView.IsExcluded(dropped)) set.Remove(dropped);
        }
        return set;
    }
}
