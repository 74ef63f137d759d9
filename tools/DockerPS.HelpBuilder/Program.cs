using System;

namespace DockerPS.HelpBuilder;

internal static class Program
{
    private static int Main(string[] args) => HelpBuilderCommand.Run(args, Console.Out, Console.Error);
}
