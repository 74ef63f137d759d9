using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;
using Xunit.Abstractions;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>docker cp against both engines: round trips that keep every byte, mode, time and link, docker cp's path rules, errors, cancellation.</summary>
[SupportedOSPlatform("linux")]
public class CopyTests
{
    private const UnixFileMode Mode755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const int BigFileSize = 200 * 1024 * 1024;
    private static readonly DateTime BaseTime = new(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    private readonly ITestOutputHelper _output;

    public CopyTests(ITestOutputHelper output) => _output = output;

    // ---- the tree ----

    private const string UnicodeName = "ünïcødé-日本語.txt";
    private static readonly string LongDir = "long-" + new string('d', 110);
    private static readonly string LongFile = "file-" + new string('f', 120) + ".txt";

    /// <summary>
    /// 1,000 small files in nested directories, a 200 MB file, relative symbolic links (to a file, to a directory,
    /// dangling), names over 100 characters in paths over 255 bytes, a Unicode name, modes 0755/0644/0600/0700,
    /// distinct modification times, an empty file and an empty directory.
    /// </summary>
    private static void BuildTree(string root)
    {
        Directory.CreateDirectory(root);
        var random = new Random(42);
        var n = 0;
        var dirs = new List<string>();
        for (var a = 0; a < 10; a++)
        {
            for (var b = 0; b < 10; b++)
            {
                var dir = Path.Combine(root, "small", "a" + a, "b" + b);
                Directory.CreateDirectory(dir);
                for (var f = 0; f < 10; f++)
                {
                    var path = Path.Combine(dir, $"file-{f}.dat");
                    var data = new byte[random.Next(0, 3000)];
                    random.NextBytes(data);
                    File.WriteAllBytes(path, data);
                    File.SetUnixFileMode(path, (n % 3) switch { 0 => Mode644, 1 => Mode600, _ => Mode755 });
                    File.SetLastWriteTimeUtc(path, BaseTime.AddSeconds(n));
                    n++;
                }
            }
        }

        var big = Path.Combine(root, "big");
        Directory.CreateDirectory(big);
        using (var file = new FileStream(Path.Combine(big, "data.bin"), FileMode.CreateNew))
        {
            var chunk = new byte[1024 * 1024];
            var prng = new Random(7);
            for (var written = 0; written < BigFileSize; written += chunk.Length)
            {
                prng.NextBytes(chunk);
                file.Write(chunk, 0, chunk.Length);
            }
        }
        File.SetUnixFileMode(Path.Combine(big, "data.bin"), Mode600);
        File.SetLastWriteTimeUtc(Path.Combine(big, "data.bin"), BaseTime.AddDays(-100));

        var names = Path.Combine(root, "names", LongDir, LongDir);
        Directory.CreateDirectory(names);
        File.WriteAllText(Path.Combine(names, LongFile), "a long path: " + Path.Combine(names, LongFile).Length + " characters");
        File.WriteAllText(Path.Combine(root, "names", UnicodeName), "ünïcødé");
        File.SetLastWriteTimeUtc(Path.Combine(root, "names", UnicodeName), BaseTime.AddDays(1));
        File.WriteAllBytes(Path.Combine(root, "names", "empty"), Array.Empty<byte>());
        Directory.CreateDirectory(Path.Combine(root, "names", "empty-dir"));

        var links = Path.Combine(root, "links");
        Directory.CreateDirectory(links);
        File.CreateSymbolicLink(Path.Combine(links, "to-big"), "../big/data.bin");
        File.CreateSymbolicLink(Path.Combine(links, "to-dir"), "../small/a1");
        File.CreateSymbolicLink(Path.Combine(links, "dangling"), "nowhere/at/all");

        // Directory times last: writing into a directory changes its time.
        dirs.AddRange(Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Where(d => new DirectoryInfo(d).LinkTarget is null));
        dirs.Add(root);
        var i = 0;
        foreach (var dir in dirs.OrderByDescending(d => d.Length))
        {
            File.SetUnixFileMode(dir, i % 7 == 3 ? Mode700 : Mode755);
            Directory.SetLastWriteTimeUtc(dir, BaseTime.AddHours(i++));
        }
    }

    /// <summary>Every item under a root: kind, mode, time to the second, SHA-256 or link target.</summary>
    private static SortedDictionary<string, string> Manifest(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add(FileSystemInfo info, string relative)
        {
            var time = info.LastWriteTimeUtc;
            var seconds = new DateTime(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            if (info.LinkTarget is { } target) result[relative] = "link -> " + target;
            else if (info is DirectoryInfo d) result[relative] = $"dir {Convert.ToString((int)d.UnixFileMode, 8)} {seconds}";
            else
            {
                using var stream = File.OpenRead(info.FullName);
                result[relative] = $"file {Convert.ToString((int)info.UnixFileMode, 8)} {seconds} {((FileInfo)info).Length} {Convert.ToHexString(SHA256.HashData(stream))}";
            }
        }
        Add(new DirectoryInfo(root), ".");
        foreach (var info in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            Add(info, Path.GetRelativePath(root, info.FullName));
        return result;
    }

    private static void AssertSameTree(string expected, string actual)
    {
        var e = Manifest(expected);
        var a = Manifest(actual);
        Assert.Equal(e.Keys, a.Keys);
        var differences = e.Where(kv => a[kv.Key] != kv.Value).Select(kv => $"{kv.Key}: expected {kv.Value}, got {a[kv.Key]}").ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
    }

    /// <summary>Samples managed memory from the progress callbacks of a copy: the peak growth over the baseline.</summary>
    private sealed class MemoryProbe : IProgress<DockerCopyProgress>
    {
        private readonly long _baseline;

        public MemoryProbe()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            _baseline = GC.GetTotalMemory(false);
        }

        public long PeakGrowth { get; private set; }

        public int Reports { get; private set; }

        public DockerCopyProgress? Last { get; private set; }

        public void Report(DockerCopyProgress value)
        {
            Reports++;
            Last = value;
            PeakGrowth = Math.Max(PeakGrowth, GC.GetTotalMemory(false) - _baseline);
        }
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_tree_round_trips_with_every_byte_mode_time_link_and_name(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var container = await scope.CreateAsync("cp-tree");
        using var temp = new TempDirectory();
        var source = Path.Combine(temp.Path, "tree");
        BuildTree(source);

        var upMemory = new MemoryProbe();
        var up = await client.Archive.CopyToContainerAsync(source, container, "/tmp", new DockerCopyOptions { Progress = upMemory, ProgressInterval = TimeSpan.FromMilliseconds(20) });
        Assert.Equal("/tmp/tree", up.Destination);
        Assert.Equal(DockerItemType.Directory, up.DestinationType);
        Assert.True(up.Bytes > BigFileSize);
        Assert.True(upMemory.Last!.Completed);
        Assert.Equal(up.Bytes, upMemory.Last.TotalBytes);

        var back = Path.Combine(temp.Path, "back");
        Directory.CreateDirectory(back);
        var downMemory = new MemoryProbe();
        var down = await client.Archive.CopyFromContainerAsync(container, "/tmp/tree", back, new DockerCopyOptions { Progress = downMemory, ProgressInterval = TimeSpan.FromMilliseconds(20) });
        Assert.Equal(Path.Combine(back, "tree"), down.Destination);
        Assert.Equal(up.Bytes, down.Bytes);
        Assert.Equal(up.Entries, down.Entries);
        Assert.Empty(down.Warnings);

        AssertSameTree(source, Path.Combine(back, "tree"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(back, ".dockerps-cp-*", SearchOption.AllDirectories));
        var line = $"{engine}: {up.Entries} entries, {up.Bytes / 1048576.0:F0} MiB; in {up.Elapsed.TotalSeconds:F2}s, peak managed growth {upMemory.PeakGrowth / 1048576.0:F1} MiB ({upMemory.Reports} samples); " +
            $"out {down.Elapsed.TotalSeconds:F2}s, peak managed growth {downMemory.PeakGrowth / 1048576.0:F1} MiB ({downMemory.Reports} samples)";
        _output.WriteLine(line);
    }

    // ---- docker cp's path rules, checked against the docker CLI itself ----

    private static (int Code, string Output) Docker(string engine, string arguments)
    {
        var e = TestEnvironment.Engine(engine);
        var info = new System.Diagnostics.ProcessStartInfo(e.Cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-H");
        info.ArgumentList.Add(e.Host);
        foreach (var a in arguments.Split('\u0001')) info.ArgumentList.Add(a);
        info.Environment.Remove("DOCKER_HOST");
        info.Environment.Remove("DOCKER_CONTEXT");
        using var p = System.Diagnostics.Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }

    private static string Args(params string[] args) => string.Join('\u0001', args);

    /// <summary>A small tree: a directory (with a subdirectory), a file, a link to the file and a link to the directory.</summary>
    private static void BuildSmall(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "dir", "sub"));
        File.WriteAllText(Path.Combine(root, "dir", "a.txt"), "a");
        File.WriteAllText(Path.Combine(root, "dir", "sub", "b.txt"), "bb");
        File.WriteAllText(Path.Combine(root, "file.txt"), "file");
        File.SetUnixFileMode(Path.Combine(root, "dir", "a.txt"), Mode600);
        File.CreateSymbolicLink(Path.Combine(root, "link"), "file.txt");
        File.CreateSymbolicLink(Path.Combine(root, "dirlink"), "dir");
        var i = 0;
        foreach (var path in new[] { "dir/a.txt", "dir/sub/b.txt", "file.txt", "dir/sub", "dir", "." })
        {
            var full = Path.Combine(root, path);
            if (Directory.Exists(full)) Directory.SetLastWriteTimeUtc(full, BaseTime.AddMinutes(i++));
            else File.SetLastWriteTimeUtc(full, BaseTime.AddMinutes(i++));
        }
    }

    /// <summary>What a copy lands in: an empty directory and a file that already exist.</summary>
    private static void BuildLanding(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "existing-dir"));
        File.WriteAllText(Path.Combine(root, "existing-file"), "old");
    }

    /// <summary>Source, destination: each case is run by docker cp and by DockerPS, which must agree (both fail, or make the same tree).</summary>
    public static readonly (string Source, string Destination)[] Cases =
    {
        ("dir", "existing-dir"),
        ("dir", "new-name"),
        ("dir", "existing-file"),
        ("dir", "new-name/"),
        ("dir/", "existing-dir"),
        ("dir/.", "existing-dir"),
        ("dir/.", "new-name"),
        ("dir/.", "existing-dir/."),
        ("file.txt", "existing-dir"),
        ("file.txt", "existing-dir/"),
        ("file.txt", "new-name"),
        ("file.txt", "existing-file"),
        ("file.txt", "new-name/"),
        ("link", "existing-dir"),
        ("link", "new-name"),
        ("dirlink/", "new-name"),
        ("missing", "existing-dir"),
    };

    /// <summary>Strips the times of the landing's own directories, which the copies touch at different moments.</summary>
    private static SortedDictionary<string, string> LandingManifest(string root)
    {
        var manifest = Manifest(root);
        foreach (var key in new[] { ".", "existing-dir" })
        {
            if (manifest.TryGetValue(key, out var value) && value.StartsWith("dir ", StringComparison.Ordinal)) manifest[key] = value.Substring(0, value.LastIndexOf(' '));
        }
        return manifest;
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Copies_out_of_a_container_land_where_docker_cp_puts_them(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var container = await scope.CreateAsync("cp-rules-out");
        using var temp = new TempDirectory();
        BuildSmall(Path.Combine(temp.Path, "t"));
        await client.Archive.CopyToContainerAsync(Path.Combine(temp.Path, "t"), container, "/tmp/");

        var i = 0;
        foreach (var (source, destination) in Cases)
        {
            var cliRoot = Path.Combine(temp.Path, "cli" + i);
            var oursRoot = Path.Combine(temp.Path, "ours" + i++);
            BuildLanding(cliRoot);
            BuildLanding(oursRoot);
            var cli = Docker(engine, Args("cp", container + ":/tmp/t/" + source, Path.Combine(cliRoot, destination)));
            Exception? failure = null;
            try
            {
                await client.Archive.CopyFromContainerAsync(container, "/tmp/t/" + source, Path.Combine(oursRoot, destination));
            }
            catch (DockerException ex)
            {
                failure = ex;
            }
            var what = $"docker cp {source} {destination}: docker exit {cli.Code} ({cli.Output.Trim()}), DockerPS {failure?.Message ?? "succeeded"}";
            Assert.True((cli.Code == 0) == (failure is null), what);
            if (failure is null) Assert.Equal(LandingManifest(cliRoot), LandingManifest(oursRoot));
            _output.WriteLine(what);
        }
    }

    /// <summary>The items under a container directory, read back through the engine: name, kind, mode, size, link target, time.</summary>
    private static async Task<SortedDictionary<string, string>> ContainerManifest(DockerClient client, string container, string path)
    {
        using var archive = await client.Archive.GetArchiveAsync(container, path);
        using var reader = new TarReader(archive.Content, leaveOpen: true);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        TarEntry? entry;
        while ((entry = await reader.GetNextEntryAsync()) is not null)
        {
            var name = entry.Name.TrimEnd('/');
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            var relative = slash < 0 ? "." : name.Substring(slash + 1);
            var time = relative is "." or "existing-dir" ? "" : entry.ModificationTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            var data = new MemoryStream();
            var buffer = new byte[8192];
            int n;
            while ((n = await reader.ReadDataAsync(buffer, 0, buffer.Length)) > 0) data.Write(buffer, 0, n);
            result[relative] = $"{entry.Type} {Convert.ToString(entry.Mode, 8)} {entry.Size} {entry.LinkName} {time} {Encoding.UTF8.GetString(data.ToArray())}";
        }
        return result;
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Copies_into_a_container_land_where_docker_cp_puts_them(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var container = await scope.CreateAsync("cp-rules-in");
        using var temp = new TempDirectory();
        var source = Path.Combine(temp.Path, "t");
        BuildSmall(source);
        var landing = Path.Combine(temp.Path, "landing");
        BuildLanding(landing);

        var i = 0;
        foreach (var (from, destination) in Cases)
        {
            var root = "/tmp/case" + i++;
            await client.Archive.CopyToContainerAsync(landing, container, root + "-cli");
            await client.Archive.CopyToContainerAsync(landing, container, root + "-ours");
            var hostSource = Path.Combine(source, from);
            var cli = Docker(engine, Args("cp", hostSource, container + ":" + root + "-cli/" + destination));
            Exception? failure = null;
            try
            {
                await client.Archive.CopyToContainerAsync(hostSource, container, root + "-ours/" + destination);
            }
            catch (DockerException ex)
            {
                failure = ex;
            }
            var what = $"docker cp {from} {destination}: docker exit {cli.Code} ({cli.Output.Trim()}), DockerPS {failure?.Message ?? "succeeded"}";
            Assert.True((cli.Code == 0) == (failure is null), what);
            if (failure is null) Assert.Equal(await ContainerManifest(client, container, root + "-cli"), await ContainerManifest(client, container, root + "-ours"));
            _output.WriteLine(what);
        }
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_trailing_slash_dot_copies_the_contents_and_a_file_goes_into_a_directory_or_takes_a_new_name(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var container = await scope.CreateAsync("cp-shapes");
        using var temp = new TempDirectory();
        var source = Path.Combine(temp.Path, "t");
        BuildSmall(source);

        // Into the container.
        Assert.Equal("/tmp/t", (await client.Archive.CopyToContainerAsync(source, container, "/tmp")).Destination);
        Assert.Equal("/tmp/contents", (await client.Archive.CopyToContainerAsync(source + "/.", container, "/tmp/contents")).Destination);
        Assert.Equal("/tmp/t", (await client.Archive.CopyToContainerAsync(Path.Combine(source, "dir") + "/.", container, "/tmp/t")).Destination);
        Assert.Equal(DockerItemType.File, (await client.Archive.StatAsync(container, "/tmp/t/a.txt")).ItemType);
        Assert.Equal(DockerItemType.Directory, (await client.Archive.StatAsync(container, "/tmp/contents/dir")).ItemType);
        Assert.Equal("/tmp/t/file.txt", (await client.Archive.CopyToContainerAsync(Path.Combine(source, "file.txt"), container, "/tmp/t")).Destination);
        Assert.Equal("/tmp/renamed.txt", (await client.Archive.CopyToContainerAsync(Path.Combine(source, "file.txt"), container, "/tmp/renamed.txt")).Destination);
        var renamed = await client.Archive.StatAsync(container, "/tmp/renamed.txt");
        Assert.Equal((DockerItemType.File, 4L, "-rw-r--r--"), (renamed.ItemType, renamed.Size, renamed.Mode));

        // Out of it.
        var land = Path.Combine(temp.Path, "land");
        Directory.CreateDirectory(land);
        Assert.Equal(Path.Combine(land, "t"), (await client.Archive.CopyFromContainerAsync(container, "/tmp/t", land)).Destination);
        Assert.Equal(land, (await client.Archive.CopyFromContainerAsync(container, "/tmp/contents/.", land)).Destination);
        Assert.True(File.Exists(Path.Combine(land, "file.txt")));
        Assert.True(File.Exists(Path.Combine(land, "dir", "sub", "b.txt")));
        Assert.Equal(Path.Combine(land, "renamed.txt"), (await client.Archive.CopyFromContainerAsync(container, "/tmp/renamed.txt", land)).Destination);
        var single = await client.Archive.CopyFromContainerAsync(container, "/tmp/renamed.txt", Path.Combine(land, "new-name.txt"));
        Assert.Equal((Path.Combine(land, "new-name.txt"), DockerItemType.File, 4L, 1), (single.Destination, single.DestinationType, single.Bytes, single.Entries));
        Assert.Equal("file", await File.ReadAllTextAsync(Path.Combine(land, "new-name.txt")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(land, ".dockerps-cp-*", SearchOption.AllDirectories));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task FollowLink_copies_what_a_link_points_to(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var container = await scope.CreateAsync("cp-follow");
        using var temp = new TempDirectory();
        var source = Path.Combine(temp.Path, "t");
        BuildSmall(source);
        await client.Archive.CopyToContainerAsync(source, container, "/tmp");

        var follow = new DockerCopyOptions { FollowLink = true };
        await client.Archive.CopyToContainerAsync(Path.Combine(source, "link"), container, "/tmp/followed", follow);
        await client.Archive.CopyToContainerAsync(Path.Combine(source, "link"), container, "/tmp/kept");
        Assert.Equal(DockerItemType.File, (await client.Archive.StatAsync(container, "/tmp/followed")).ItemType);
        var kept = await client.Archive.StatAsync(container, "/tmp/kept");
        Assert.Equal((DockerItemType.SymbolicLink, "/tmp/file.txt"), (kept.ItemType, kept.LinkTarget)); // the engine reports the resolved path

        var land = Path.Combine(temp.Path, "land");
        Directory.CreateDirectory(land);
        await client.Archive.CopyFromContainerAsync(container, "/tmp/t/link", Path.Combine(land, "followed"), follow);
        await client.Archive.CopyFromContainerAsync(container, "/tmp/t/link", Path.Combine(land, "kept"));
        await client.Archive.CopyFromContainerAsync(container, "/tmp/t/dirlink", Path.Combine(land, "followed-dir"), follow);
        Assert.Equal("file", await File.ReadAllTextAsync(Path.Combine(land, "followed")));
        Assert.Null(new FileInfo(Path.Combine(land, "followed")).LinkTarget);
        Assert.Equal("file.txt", new FileInfo(Path.Combine(land, "kept")).LinkTarget);
        Assert.Equal("bb", await File.ReadAllTextAsync(Path.Combine(land, "followed-dir", "sub", "b.txt")));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Missing_paths_and_containers_are_named_in_not_found_errors(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var container = await scope.CreateAsync("cp-missing");
        using var temp = new TempDirectory();
        var file = temp.Write("f.txt", "x");

        var stat = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Archive.StatAsync(container, "/no/such/file"));
        Assert.Equal(("ContainerPathNotFound", container + ":/no/such/file"), (stat.ErrorId, stat.Target));
        Assert.Contains("/no/such/file", stat.Message, StringComparison.Ordinal);
        Assert.Contains(container, stat.Message, StringComparison.Ordinal);

        var get = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Archive.CopyFromContainerAsync(container, "/no/such/file", temp.Path));
        Assert.Equal("ContainerPathNotFound", get.ErrorId);
        var put = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Archive.CopyToContainerAsync(file, container, "/no/such/dir/f.txt"));
        Assert.Equal(("ContainerPathNotFound", container + ":/no/such/dir"), (put.ErrorId, put.Target));

        var noContainer = scope.NewName("never-created");
        var missing = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Archive.CopyFromContainerAsync(noContainer, "/etc/hosts", temp.Path));
        Assert.Equal(("ContainerNotFound", noContainer), (missing.ErrorId, missing.Target));
        Assert.Contains(noContainer, missing.Message, StringComparison.Ordinal);
        missing = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Archive.CopyToContainerAsync(file, noContainer, "/tmp"));
        Assert.Equal("ContainerNotFound", missing.ErrorId);

        var host = await Assert.ThrowsAsync<DockerException>(() => client.Archive.CopyToContainerAsync(Path.Combine(temp.Path, "absent"), container, "/tmp"));
        Assert.Equal(("HostPathNotFound", DockerErrorCategory.ObjectNotFound), (host.ErrorId, host.Category));
        host = await Assert.ThrowsAsync<DockerException>(() => client.Archive.CopyFromContainerAsync(container, "/etc/hosts", Path.Combine(temp.Path, "no-dir", "hosts")));
        Assert.Equal("HostPathNotFound", host.ErrorId);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Cancelling_a_copy_out_leaves_no_partial_file_and_loses_nothing(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var container = await scope.CreateAsync("cp-cancel");
        using var temp = new TempDirectory();
        var source = Path.Combine(temp.Path, "c");
        Directory.CreateDirectory(source);
        for (var i = 0; i < 50; i++) File.WriteAllText(Path.Combine(source, $"a{i:D2}.txt"), "small " + i);
        var big = new byte[64 * 1024 * 1024];
        new Random(3).NextBytes(big);
        await File.WriteAllBytesAsync(Path.Combine(source, "z.bin"), big);
        await client.Archive.CopyToContainerAsync(source, container, "/tmp");

        var land = Path.Combine(temp.Path, "land");
        Directory.CreateDirectory(land);
        await File.WriteAllTextAsync(Path.Combine(land, "existing.bin"), "old");

        async Task CancelAfter(string containerPath, string hostPath)
        {
            using var cts = new CancellationTokenSource();
            var seen = 0L;
            var options = new DockerCopyOptions
            {
                ProgressInterval = TimeSpan.Zero,
                Progress = new Reporter(p =>
                {
                    seen = p.BytesCopied;
                    if (p.BytesCopied > 16 * 1024 * 1024) cts.Cancel();
                }),
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Archive.CopyFromContainerAsync(container, containerPath, hostPath, options, cts.Token));
            Assert.InRange(seen, 16 * 1024 * 1024, big.Length - 1);
        }

        await CancelAfter("/tmp/c", land);                                        // a directory: its finished small files go too
        await CancelAfter("/tmp/c/z.bin", Path.Combine(land, "z.bin"));          // a new file
        await CancelAfter("/tmp/c/z.bin", Path.Combine(land, "existing.bin"));   // over an existing file: kept as it was
        Assert.Equal(new[] { "existing.bin" }, Directory.EnumerateFileSystemEntries(land, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(land, "existing.bin")));

        // The client is still usable, and the same copy succeeds.
        var done = await client.Archive.CopyFromContainerAsync(container, "/tmp/c/z.bin", Path.Combine(land, "existing.bin"));
        Assert.Equal(big.Length, done.Bytes);
        Assert.Equal(big, await File.ReadAllBytesAsync(Path.Combine(land, "existing.bin")));

        // Into the container, cancelling ends the upload at once too.
        using var up = new CancellationTokenSource();
        var upOptions = new DockerCopyOptions { ProgressInterval = TimeSpan.Zero, Progress = new Reporter(p => { if (p.BytesCopied > 8 * 1024 * 1024) up.Cancel(); }) };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Archive.CopyToContainerAsync(source, container, "/tmp/again", upOptions, up.Token));
    }

    private sealed class Reporter : IProgress<DockerCopyProgress>
    {
        private readonly Action<DockerCopyProgress> _action;

        public Reporter(Action<DockerCopyProgress> action) => _action = action;

        public void Report(DockerCopyProgress value) => _action(value);
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_conflict_the_engine_finds_inside_the_tree_is_an_error(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        await using var scope = new ContainerScope(client);
        var container = await scope.CreateAsync("cp-conflict");
        using var temp = new TempDirectory();
        var first = Path.Combine(temp.Path, "one", "x");
        Directory.CreateDirectory(first);
        File.WriteAllText(Path.Combine(first, "sub"), "a file");
        await client.Archive.CopyToContainerAsync(first, container, "/tmp");

        // Now x/sub is a directory with a large file in it: the engine refuses to replace the file sub with it.
        var second = Path.Combine(temp.Path, "two", "x");
        Directory.CreateDirectory(Path.Combine(second, "sub"));
        var big = new byte[32 * 1024 * 1024];
        new Random(5).NextBytes(big);
        await File.WriteAllBytesAsync(Path.Combine(second, "sub", "big.bin"), big);
        var ex = await Assert.ThrowsAnyAsync<DockerException>(() => client.Archive.CopyToContainerAsync(second, container, "/tmp"));
        _output.WriteLine($"{ex.GetType().Name} {ex.ErrorId}: {ex.Message}");
        Assert.Contains(ex.ErrorId, new[] { "ContainerEngineError", "ContainerInvalidArgument", "ArchiveRefused" });
        Assert.Equal(DockerItemType.File, (await client.Archive.StatAsync(container, "/tmp/x/sub")).ItemType);
    }
}
