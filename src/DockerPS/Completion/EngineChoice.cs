using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Internal;
using System.Reflection;
using DockerPS.Infrastructure;

namespace DockerPS.Completion;

/// <summary>
/// The engine a command line would use, for the completers: <c>-DockerHost</c> and <c>-Context</c> as typed, else what
/// <c>$PSDefaultParameterValues</c> gives them for that command (<see cref="DefaultParameterLookup"/>), else nothing
/// (and the endpoint resolver's own order: DOCKER_HOST, the current context, the platform default).
/// </summary>
internal static class EngineChoice
{
    private static readonly ConcurrentDictionary<string, CommandShape?> Shapes = new(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<KeyValuePair<string, IReadOnlyList<string>>[]> Common =
        new(() => ParametersOf(typeof(CommonParameters)));

    private static readonly Lazy<KeyValuePair<string, IReadOnlyList<string>>[]> ShouldProcess =
        new(() => ParametersOf(typeof(ShouldProcessParameters)));

    public static (string? DockerHost, string? Context) For(string commandName, IDictionary bound)
    {
        var host = Typed(bound, nameof(DockerCmdlet.DockerHost), out var typedHost);
        var context = Typed(bound, nameof(DockerCmdlet.Context), out var typedContext);
        if (typedHost && typedContext) return (host, context);

        var shape = Shape(commandName);
        var defaults = shape is null ? null : Session("$PSDefaultParameterValues").FirstOrDefault() as IDictionary;
        if (defaults is null || defaults.Count == 0) return (host, context);

        var withAliases = new CommandShape(shape!.Name, AliasesOf(shape.Name), shape.Parameters);
        if (!typedHost) host = Default(defaults, withAliases, nameof(DockerCmdlet.DockerHost));
        if (!typedContext) context = Default(defaults, withAliases, nameof(DockerCmdlet.Context));
        return (host, context);
    }

    private static string? Typed(IDictionary bound, string parameter, out bool typed)
    {
        typed = bound.Contains(parameter);
        return typed ? AsString(bound[parameter]) : null;
    }

    private static string? Default(IDictionary defaults, CommandShape shape, string parameter)
    {
        if (!DefaultParameterLookup.TryFind(defaults, shape, parameter, LanguagePrimitives.IsTrue, out var value)) return null;
        // A script block default is run, as the binder runs it (without the binding details it would be handed).
        if (Unwrap(value) is ScriptBlock script) value = script.Invoke().FirstOrDefault();
        return AsString(value);
    }

    private static string? AsString(object? value) =>
        Unwrap(value) is { } plain ? LanguagePrimitives.ConvertTo<string>(plain) : null;

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>Runs a line in the session being completed in (completers run on its pipeline thread).</summary>
    private static IEnumerable<object?> Session(string script, params object[] arguments) =>
        ScriptBlock.Create(script).Invoke(arguments).Select(o => o?.BaseObject);

    private static IEnumerable<string> AliasesOf(string commandName) =>
        Session("param($name) Get-Command -CommandType Alias -ErrorAction Ignore | Where-Object { $_.ResolvedCommandName -eq $name } | ForEach-Object Name", commandName)
            .OfType<string>();

    /// <summary>The parameters of a DockerPS cmdlet, common ones included, read from its class; null for another command.</summary>
    private static CommandShape? Shape(string commandName) =>
        Shapes.GetOrAdd(commandName ?? string.Empty, name =>
        {
            foreach (var type in typeof(DockerCmdlet).Assembly.GetTypes())
            {
                var cmdlet = type.GetCustomAttribute<CmdletAttribute>();
                if (cmdlet is null || !string.Equals(cmdlet.VerbName + "-" + cmdlet.NounName, name, StringComparison.OrdinalIgnoreCase)) continue;
                var parameters = ParametersOf(type).Concat(Common.Value);
                if (cmdlet.SupportsShouldProcess) parameters = parameters.Concat(ShouldProcess.Value);
                return new CommandShape(cmdlet.VerbName + "-" + cmdlet.NounName, Array.Empty<string>(), parameters);
            }
            return null;
        });

    private static KeyValuePair<string, IReadOnlyList<string>>[] ParametersOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any())
            .Select(p => new KeyValuePair<string, IReadOnlyList<string>>(
                p.Name, p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).ToArray()))
            .ToArray();
}
