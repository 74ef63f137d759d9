using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using DockerPS.HelpBuilder.Metadata;

namespace DockerPS.Tests.Support;

/// <summary>The built DockerPS.dll opened once as metadata, shared by the tests of one collection.</summary>
public sealed class ModuleFixture : IDisposable
{
    public ModuleFixture() => Inspector = ModuleInspector.Open(Repository.ModuleAssembly);

    internal ModuleInspector Inspector { get; }

    /// <summary>Every cmdlet; never empty (the fixture would be testing nothing).</summary>
    internal IReadOnlyList<CmdletMetadata> Cmdlets
    {
        get
        {
            var cmdlets = Inspector.Cmdlets;
            Assert.NotEmpty(cmdlets);
            return cmdlets;
        }
    }

    /// <summary>DockerPS.Engine.dll, in the same load context.</summary>
    internal Assembly Engine => Inspector.Context.LoadFromAssemblyName("DockerPS.Engine");

    /// <summary>A type by full name from the module, the engine, PowerShell or the core library; null when none has it.</summary>
    internal Type? FindType(string fullName) =>
        new[] { Inspector.Module, Engine, Inspector.Automation, Inspector.Context.CoreAssembly! }
            .Select(a => a.GetType(fullName, throwOnError: false))
            .FirstOrDefault(t => t is not null);

    /// <summary>
    /// The approved verbs of Windows PowerShell 5.1, the oldest PowerShell DockerPS loads in: the constants of the
    /// Verbs* classes of the System.Management.Automation the module compiles against, the PowerShell Standard 5.1
    /// reference assembly. PowerShell 6 added Build and Deploy; they are not here on purpose, since Windows
    /// PowerShell 5.1 warns about an unapproved verb each time it imports a module whose cmdlets use one.
    /// </summary>
    internal IReadOnlySet<string> ApprovedVerbs =>
        new[] { "VerbsCommon", "VerbsData", "VerbsLifecycle", "VerbsDiagnostic", "VerbsCommunications", "VerbsSecurity", "VerbsOther" }
            .Select(c => Inspector.Automation.GetType(ModuleInspector.AutomationNamespace + "." + c, throwOnError: true)!)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

    public void Dispose() => Inspector.Dispose();
}

/// <summary>Tests that read the module's metadata share one load context and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SharedModule : ICollectionFixture<ModuleFixture>
{
    public const string Name = "Module metadata";
}
