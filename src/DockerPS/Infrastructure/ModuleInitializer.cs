using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace DockerPS.Infrastructure;

/// <summary>
/// Keeps DockerPS's private dependencies (System.Text.Json and its family, shipped in the module's
/// <c>dependencies</c> folder) from clashing with other modules' copies. PowerShell 7.4+ has them in the box and
/// never asks; Windows PowerShell 5.1 asks through AssemblyResolve, and only for names DockerPS ships is a copy
/// handed out, the one from its own folder. Does no engine I/O.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly DependencyResolver Resolver = new(
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies"));

    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;

    public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        var path = Resolver.Resolve(new AssemblyName(args.Name));
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
