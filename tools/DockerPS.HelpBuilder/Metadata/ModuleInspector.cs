using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;

namespace DockerPS.HelpBuilder.Metadata;

/// <summary>
/// Opens a compiled module with a <see cref="MetadataLoadContext"/>, which reads assemblies without running them, so
/// a netstandard2.0 module built against PowerShell's reference assemblies is inspected from a plain .NET program.
/// Assemblies resolve from the running .NET's folder (which wins for framework names), the module's folder (and its
/// dependencies folder), and System.Management.Automation.dll from PowerShellStandard.Library.
/// </summary>
internal sealed class ModuleInspector : IDisposable
{
    public const string AutomationNamespace = "System.Management.Automation";
    private const string CmdletAttribute = AutomationNamespace + ".CmdletAttribute";
    private const string ParameterAttribute = AutomationNamespace + ".ParameterAttribute";
    private const string OutputTypeAttribute = AutomationNamespace + ".OutputTypeAttribute";
    private const string AliasAttribute = AutomationNamespace + ".AliasAttribute";
    private const string SupportsWildcardsAttribute = AutomationNamespace + ".SupportsWildcardsAttribute";
    private const string ValidateSetAttribute = AutomationNamespace + ".ValidateSetAttribute";

    private readonly Lazy<IReadOnlyList<CmdletMetadata>> _cmdlets;

    private ModuleInspector(MetadataLoadContext context, Assembly module, Assembly automation)
    {
        Context = context;
        Module = module;
        Automation = automation;
        _cmdlets = new Lazy<IReadOnlyList<CmdletMetadata>>(ReadCmdlets);
    }

    /// <summary>The load context; assemblies and types from it are metadata only (no invoking, no instances).</summary>
    public MetadataLoadContext Context { get; }

    /// <summary>The module assembly, for example DockerPS.dll.</summary>
    public Assembly Module { get; }

    /// <summary>System.Management.Automation, as the module was compiled against it.</summary>
    public Assembly Automation { get; }

    /// <summary>Every public, non-abstract class with [Cmdlet], ordered by cmdlet name.</summary>
    public IReadOnlyList<CmdletMetadata> Cmdlets => _cmdlets.Value;

    /// <param name="moduleAssembly">The module's dll; every dll beside it can be resolved.</param>
    /// <param name="automationAssembly">System.Management.Automation.dll; null to look for it (<see cref="AutomationAssembly.Locate"/>).</param>
    public static ModuleInspector Open(string moduleAssembly, string? automationAssembly = null)
    {
        var modulePath = Path.GetFullPath(moduleAssembly);
        if (!File.Exists(modulePath)) throw new HelpBuildException($"The module assembly '{modulePath}' does not exist; build src/DockerPS first.");
        var moduleDirectory = Path.GetDirectoryName(modulePath)!;
        var automationPath = AutomationAssembly.Locate(automationAssembly, moduleDirectory);

        // One file per simple name: a MetadataLoadContext refuses two assemblies of the same name. The runtime's copy
        // wins over a package's netstandard copy beside the module (System.Memory, System.Text.Json...), so that
        // framework types have one identity.
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var dll in Directory.EnumerateFiles(runtimeDirectory, "*.dll")) paths.TryAdd(Path.GetFileNameWithoutExtension(dll), dll);
        foreach (var dll in ModuleFiles(moduleDirectory)) paths.TryAdd(Path.GetFileNameWithoutExtension(dll), dll);
        paths[Path.GetFileNameWithoutExtension(automationPath)] = automationPath;
        paths[Path.GetFileNameWithoutExtension(modulePath)] = modulePath;

        var context = new MetadataLoadContext(new PathAssemblyResolver(paths.Values));
        try
        {
            var module = context.LoadFromAssemblyPath(modulePath);
            var automation = context.LoadFromAssemblyPath(automationPath);
            return new ModuleInspector(context, module, automation);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            context.Dispose();
            throw new HelpBuildException($"Cannot read '{modulePath}' as a .NET assembly: {ex.Message}", ex);
        }
    }

    /// <summary>The dlls beside the module, and in its <c>dependencies</c> folder, where the packaged module keeps private ones.</summary>
    private static IEnumerable<string> ModuleFiles(string moduleDirectory)
    {
        var dependencies = Path.Combine(moduleDirectory, "dependencies");
        var files = Directory.EnumerateFiles(moduleDirectory, "*.dll");
        return Directory.Exists(dependencies) ? files.Concat(Directory.EnumerateFiles(dependencies, "*.dll")) : files;
    }

    /// <summary>Loads another assembly into the same context (for example DockerPS.Engine.dll beside the module).</summary>
    public Assembly Load(string path) => Context.LoadFromAssemblyPath(Path.GetFullPath(path));

    /// <summary>The metadata type of a cmdlet class.</summary>
    public Type TypeOf(CmdletMetadata cmdlet) =>
        Module.GetType(cmdlet.TypeName, throwOnError: true)!;

    public void Dispose() => Context.Dispose();

    private List<CmdletMetadata> ReadCmdlets()
    {
        Type[] types;
        try
        {
            types = Module.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            throw new HelpBuildException($"Cannot read the types of {Module.GetName().Name}: {ex.LoaderExceptions.FirstOrDefault()?.Message}", ex);
        }
        return types
            .Where(t => t.IsClass && !t.IsAbstract && t.IsPublic)
            .Select(t => (Type: t, Attribute: Find(t.GetCustomAttributesData(), CmdletAttribute)))
            .Where(x => x.Attribute is not null)
            .Select(x => ReadCmdlet(x.Type, x.Attribute!))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static CmdletMetadata ReadCmdlet(Type type, CustomAttributeData cmdlet)
    {
        var verb = (string)cmdlet.ConstructorArguments[0].Value!;
        var noun = (string)cmdlet.ConstructorArguments[1].Value!;
        var outputs = new List<OutputTypeMetadata>();
        foreach (var attribute in type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == OutputTypeAttribute))
        {
            var sets = Named<IEnumerable<CustomAttributeTypedArgument>>(attribute, "ParameterSetName")?.Select(a => (string)a.Value!).ToArray() ?? Array.Empty<string>();
            foreach (var argument in Items(attribute.ConstructorArguments[0]))
            {
                var name = argument.Value switch
                {
                    Type t => t.FullName ?? t.Name,
                    string s => s,
                    _ => argument.Value?.ToString() ?? string.Empty,
                };
                outputs.Add(new OutputTypeMetadata(name, sets));
            }
        }
        return new CmdletMetadata(
            type.FullName!,
            verb,
            noun,
            Named<string>(cmdlet, "DefaultParameterSetName"),
            Named<bool?>(cmdlet, "SupportsShouldProcess") ?? false,
            EnumName(cmdlet, "ConfirmImpact"),
            ReadParameters(type),
            outputs)
        {
            Aliases = AliasNames(type.GetCustomAttributesData()),
        };
    }

    /// <summary>Parameters of the class and its bases, most-derived first, each name once (as PowerShell binds them).</summary>
    private static List<ParameterMetadata> ReadParameters(Type type)
    {
        var parameters = new List<ParameterMetadata>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        for (var t = type; t is not null && t.FullName != "System.Object"; t = t.BaseType)
        {
            var members = t.GetProperties(declared).Select(p => (Member: (MemberInfo)p, Type: p.PropertyType))
                .Concat(t.GetFields(declared).Select(f => (Member: (MemberInfo)f, Type: f.FieldType)))
                .OrderBy(m => m.Member.MetadataToken);
            foreach (var (member, memberType) in members)
            {
                var attributes = member.GetCustomAttributesData();
                var sets = attributes.Where(a => a.AttributeType.FullName == ParameterAttribute).Select(ReadSet).ToList();
                if (sets.Count == 0 || !seen.Add(member.Name)) continue;
                var aliases = AliasNames(attributes);
                var validValues = attributes.Where(a => a.AttributeType.FullName == ValidateSetAttribute)
                    .SelectMany(a => a.ConstructorArguments.SelectMany(Items))
                    .Select(a => (string)a.Value!)
                    .ToArray();
                parameters.Add(new ParameterMetadata(
                    member.Name,
                    DescribeType(memberType),
                    t.FullName!,
                    sets,
                    aliases,
                    attributes.Any(a => a.AttributeType.FullName == SupportsWildcardsAttribute),
                    validValues));
            }
        }
        return parameters;
    }

    private static ParameterSetMetadata ReadSet(CustomAttributeData parameter)
    {
        // ParameterAttribute.Position defaults to int.MinValue: "named".
        var position = Named<int?>(parameter, "Position");
        return new ParameterSetMetadata(
            Named<string>(parameter, "ParameterSetName") ?? ParameterSetMetadata.AllSets,
            Named<bool?>(parameter, "Mandatory") ?? false,
            position is null or int.MinValue ? null : position,
            Named<bool?>(parameter, "ValueFromPipeline") ?? false,
            Named<bool?>(parameter, "ValueFromPipelineByPropertyName") ?? false,
            Named<bool?>(parameter, "ValueFromRemainingArguments") ?? false);
    }

    /// <summary>The short name PowerShell's help shows: <c>String[]</c>, <c>Int32</c> (for <c>int?</c> too), <c>Hashtable</c>.</summary>
    internal static ParameterType DescribeType(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1") type = type.GetGenericArguments()[0];
        return new ParameterType(FullName(type), ShortName(type), type.IsArray);
    }

    private static string FullName(Type type) =>
        type.IsArray ? FullName(type.GetElementType()!) + "[]"
        : type.IsGenericType ? GenericName(type.GetGenericTypeDefinition().FullName!) + "[" + string.Join(",", type.GetGenericArguments().Select(FullName)) + "]"
        : type.FullName ?? type.Name;

    private static string ShortName(Type type) =>
        type.IsArray ? ShortName(type.GetElementType()!) + "[]"
        : type.IsGenericType ? GenericName(type.Name) + "[" + string.Join(",", type.GetGenericArguments().Select(ShortName)) + "]"
        : type.Name;

    private static string GenericName(string name)
    {
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>The names of the [Alias] attributes among a member's or a class's attributes.</summary>
    private static string[] AliasNames(IEnumerable<CustomAttributeData> attributes) =>
        attributes.Where(a => a.AttributeType.FullName == AliasAttribute)
            .SelectMany(a => a.ConstructorArguments.SelectMany(Items))
            .Select(a => (string)a.Value!)
            .ToArray();

    private static CustomAttributeData? Find(IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.FirstOrDefault(a => a.AttributeType.FullName == fullName);

    /// <summary>The elements of a params-array constructor argument, or the argument itself.</summary>
    private static IEnumerable<CustomAttributeTypedArgument> Items(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items : new[] { argument };

    private static T? Named<T>(CustomAttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == name && argument.TypedValue.Value is T value) return value;
        }
        return default;
    }

    /// <summary>An enum-typed named argument's member name (metadata gives only the number).</summary>
    private static string? EnumName(CustomAttributeData attribute, string name)
    {
        var argument = attribute.NamedArguments.FirstOrDefault(a => a.MemberName == name);
        if (argument.MemberInfo is null) return null;
        var enumType = argument.TypedValue.ArgumentType;
        var value = Convert.ToInt64(argument.TypedValue.Value, CultureInfo.InvariantCulture);
        return enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(f => Convert.ToInt64(f.GetRawConstantValue(), CultureInfo.InvariantCulture) == value)?.Name
            ?? value.ToString(CultureInfo.InvariantCulture);
    }
}
