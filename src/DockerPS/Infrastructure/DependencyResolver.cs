using System;
using System.IO;
using System.Reflection;

namespace DockerPS.Infrastructure;

/// <summary>
/// Decides which requested assemblies DockerPS answers for: those in its dependencies folder whose version is at least
/// the one requested. Anything else is left to the host. Free of PowerShell, so it is unit tested.
/// </summary>
internal sealed class DependencyResolver
{
    private readonly string _folder;

    public DependencyResolver(string folder) => _folder = folder;

    public string? Resolve(AssemblyName requested)
    {
        if (string.IsNullOrEmpty(requested.Name)) return null;
        var candidate = Path.Combine(_folder, requested.Name + ".dll");
        if (!File.Exists(candidate)) return null;
        Version? shipped;
        try
        {
            shipped = AssemblyName.GetAssemblyName(candidate).Version;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
        return requested.Version is null || (shipped is not null && shipped >= requested.Version) ? candidate : null;
    }
}
