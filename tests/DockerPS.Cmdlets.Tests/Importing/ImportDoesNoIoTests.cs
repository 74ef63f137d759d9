using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;

namespace DockerPS.Cmdlets.Tests.Importing;

/// <summary>Tests that set process environment variables (DOCKER_HOST): they run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";
}

[Collection(ProcessEnvironment.Name)]
public sealed class ImportDoesNoIoTests
{
    [Fact]
    public async Task Importing_the_module_and_reading_its_help_never_connect_to_the_engine_the_first_cmdlet_call_does()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"dpshost-{Guid.NewGuid():n}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socket));
        listener.Listen(16);
        var accepted = 0;
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var connection = await listener.AcceptAsync(stop.Token);
                Interlocked.Increment(ref accepted);
            }
        });

        var previous = Environment.GetEnvironmentVariable("DOCKER_HOST");
        Environment.SetEnvironmentVariable("DOCKER_HOST", "unix://" + socket);
        try
        {
            using var shell = PowerShellSession.Open(ModuleFolder.Path);
            shell.Run("""
                $null = Get-Command -Module DockerPS
                $null = Get-Help Get-DockerContainer -Full
                $null = Get-Help New-DockerContainer -Examples
                """).ThrowIfFailed();
            await Task.Delay(300);
            Assert.Equal(0, Volatile.Read(ref accepted));

            // The same session's first call does connect there: the listener would have seen an import that did.
            var call = shell.Run("Get-DockerVersion -ErrorAction SilentlyContinue");
            Assert.NotEmpty(call.AllErrors);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (Volatile.Read(ref accepted) == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.True(Volatile.Read(ref accepted) > 0, "Get-DockerVersion did not connect to DOCKER_HOST.");
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOCKER_HOST", previous);
            await stop.CancelAsync();
            try
            {
                await accepting;
            }
            catch (OperationCanceledException)
            {
            }
            File.Delete(socket);
        }
    }
}
