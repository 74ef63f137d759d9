using System;
using System.IO;

namespace DockerPS.Pty.Tests.Support;

/// <summary>
/// Where the host program is, and the module laid out as build.sh lays out out/DockerPS (the manifest, the two
/// assemblies, format and type data, private dependencies in dependencies/), made once per test run from this
/// configuration's build of src/DockerPS, so the tests never see a stale out/.
/// </summary>
public static class Layout
{
    private static readonly Lazy<string> Module = new(Assemble);

    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: the configuration these tests were built in.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string HostAssembly => Path.Combine(Root, "tests", "DockerPS.PtyHost", "bin", Configuration, "net10.0", "DockerPS.PtyHost.dll");

    public static string ModuleManifest => Module.Value;

    private static string Assemble()
    {
        var bin = Path.Combine(Root, "src", "DockerPS", "bin", Configuration, "netstandard2.0");
        var target = Path.Combine(Path.GetTempPath(), "dpsint-pty-module-" + Environment.ProcessId, "DockerPS");
        var dependencies = Path.Combine(target, "dependencies");
        Directory.CreateDirectory(dependencies);
        foreach (var file in new[] { "DockerPS.dll", "DockerPS.Engine.dll", "DockerPS.format.ps1xml", "DockerPS.types.ps1xml" })
            File.Copy(Path.Combine(bin, file), Path.Combine(target, file), overwrite: true);
        foreach (var dll in Directory.GetFiles(bin, "*.dll"))
        {
            var name = Path.GetFileName(dll);
            if (name is not ("DockerPS.dll" or "DockerPS.Engine.dll")) File.Copy(dll, Path.Combine(dependencies, name), overwrite: true);
        }
        var manifest = Path.Combine(target, "DockerPS.psd1");
        File.Copy(Path.Combine(Root, "DockerPS.psd1"), manifest, overwrite: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return manifest;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DockerPS.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No DockerPS.sln above {AppContext.BaseDirectory}.");
    }
}
