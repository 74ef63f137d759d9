using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Transport;

/// <summary>
/// Reaches a remote engine the way the docker CLI does: runs <c>ssh</c> with <c>docker system dial-stdio</c> as the
/// remote command and speaks HTTP over the process's stdin and stdout. One process per connection.
/// </summary>
public sealed class SshConnector : IDockerConnector
{
    public SshConnector(string host, int port, string? user, string endpoint, string? remoteSocket = null)
    {
        Host = host;
        Port = port;
        User = user;
        Endpoint = endpoint;
        RemoteSocket = remoteSocket;
    }

    /// <summary>The engine socket on the remote host, when the URI names one (<c>ssh://host/run/docker.sock</c>).</summary>
    public string? RemoteSocket { get; }

    public string Host { get; }

    public int Port { get; }

    public string? User { get; }

    public string Endpoint { get; }

    public string HostHeader => "api.moby.localhost";

    /// <summary>The ssh program; tests may point it elsewhere.</summary>
    public string SshProgram { get; set; } = "ssh";

    /// <summary>
    /// The ssh argument list, as the docker CLI (28.3 and later) builds it:
    /// <c>[-l user] [-p port] "-o ConnectTimeout=30" -T -- host "docker system dial-stdio"</c>.
    /// </summary>
    public IReadOnlyList<string> Arguments()
    {
        var args = new List<string>();
        if (User is not null)
        {
            args.Add("-l");
            args.Add(User);
        }
        if (Port != 0)
        {
            args.Add("-p");
            args.Add(Port.ToString(CultureInfo.InvariantCulture));
        }
        args.Add("-o ConnectTimeout=30");
        args.Add("-T");
        args.Add("--");
        args.Add(Host);
        args.Add(RemoteSocket is null
            ? "docker system dial-stdio"
            : "docker " + PosixQuote("--host=unix://" + RemoteSocket) + " system dial-stdio");
        return args;
    }

    /// <summary>Quotes a word for the remote shell: single quotes, with embedded ones closed and escaped.</summary>
    internal static string PosixQuote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    public Task<TransportConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo(SshProgram, JoinArguments(Arguments()))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new DockerUnreachableException(Endpoint, $"Cannot connect to the Docker engine at {Endpoint}: the '{SshProgram}' program could not be started ({ex.Message}). Install an OpenSSH client.", ex);
        }
        var stream = new SshProcessStream(process, Endpoint);
        return Task.FromResult(new TransportConnection(stream, stream.CloseWrite));
    }

    private static readonly char[] NeedsQuotes = { ' ', '"', '\t' };

    private static string JoinArguments(IReadOnlyList<string> args)
    {
        var sb = new StringBuilder();
        foreach (var a in args)
        {
            if (sb.Length > 0) sb.Append(' ');
            if (a.Length > 0 && a.IndexOfAny(NeedsQuotes) < 0) sb.Append(a);
            else sb.Append('"').Append(a.Replace("\"", "\\\"")).Append('"');
        }
        return sb.ToString();
    }

    /// <summary>The ssh process's stdout (read) and stdin (write) as one stream; ssh's stderr explains failures.</summary>
    private sealed class SshProcessStream : Stream
    {
        private readonly Process _process;
        private readonly string _endpoint;
        private readonly Stream _in;
        private readonly Stream _out;
        private readonly StringBuilder _stderr = new();
        private readonly Task _stderrPump;
        private int _disposed;

        public SshProcessStream(Process process, string endpoint)
        {
            _process = process;
            _endpoint = endpoint;
            _in = process.StandardOutput.BaseStream;
            _out = process.StandardInput.BaseStream;
            _stderrPump = Task.Run(async () =>
            {
                var buffer = new char[1024];
                int n;
                while ((n = await process.StandardError.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                {
                    lock (_stderr)
                    {
                        if (_stderr.Length < 8192) _stderr.Append(buffer, 0, n);
                    }
                }
            });
        }

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void CloseWrite() => _out.Dispose();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var n = await _in.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            if (n == 0 && count > 0) await ThrowIfSshFailedAsync().ConfigureAwait(false);
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                await _out.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                await ThrowIfSshFailedAsync().ConfigureAwait(false);
                throw new DockerUnreachableException(_endpoint, $"The ssh connection to {_endpoint} was closed: {ex.Message}", ex);
            }
        }

        public override void Flush() => _out.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _out.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private async Task ThrowIfSshFailedAsync()
        {
            // End of stdout: either the engine closed the stream (normal) or ssh failed (report its words).
            if (!_process.WaitForExit(2000)) return;
            await Task.WhenAny(_stderrPump, Task.Delay(1000)).ConfigureAwait(false);
            if (_process.ExitCode == 0) return;
            string text;
            lock (_stderr) text = _stderr.ToString().Trim();
            throw new DockerUnreachableException(_endpoint,
                $"Cannot connect to the Docker engine at {_endpoint}: ssh exited with code {_process.ExitCode}" + (text.Length > 0 ? ": " + text : "."));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                try { _out.Dispose(); } catch (IOException) { }
                try
                {
                    if (!_process.HasExited) _process.Kill();
                }
                catch (InvalidOperationException) { }
                _process.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
