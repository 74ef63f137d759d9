using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Endpoints;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Transport;

/// <summary>
/// TLS over a tcp connection, with the docker CLI's rules: TLS 1.2 or newer; when verifying, the server's chain must
/// end in the CA of ca.pem (or a system root) and its certificate must name the host; the client certificate is
/// presented when cert.pem and key.pem are given.
/// </summary>
public sealed class TlsConnector : IDockerConnector
{
    // TLS 1.3 has no name in netstandard2.0's enum.
    private const SslProtocols Tls12And13 = SslProtocols.Tls12 | (SslProtocols)12288;

    private readonly TcpConnector _tcp;
    private readonly TlsSettings _settings;
    private readonly Lazy<(X509Certificate2Collection? Client, X509Certificate2[]? Ca)> _material;

    public TlsConnector(TcpConnector tcp, TlsSettings settings)
    {
        _tcp = tcp;
        _settings = settings;
        _material = new Lazy<(X509Certificate2Collection?, X509Certificate2[]?)>(LoadMaterial, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Endpoint => _tcp.Endpoint;

    public string HostHeader => _tcp.HostHeader;

    public async Task<TransportConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var (clientCertificates, ca) = _material.Value;
        var connection = await _tcp.ConnectAsync(cancellationToken).ConfigureAwait(false);
        string? rejection = null;
        var ssl = new SslStream(connection.Stream, leaveInnerStreamOpen: false, (_, certificate, _, errors) =>
        {
            rejection = Validate(certificate, errors, ca);
            return rejection is null;
        });
        try
        {
            using (cancellationToken.Register(static s => ((IDisposable)s!).Dispose(), ssl))
            {
                await ssl.AuthenticateAsClientAsync(_tcp.Host, clientCertificates, Tls12And13, checkCertificateRevocation: false).ConfigureAwait(false);
            }
            return new TransportConnection(ssl, null, connection);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is ObjectDisposedException or IOException)
        {
            connection.Dispose();
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            ssl.Dispose();
            connection.Dispose();
            var detail = rejection ?? (clientCertificates is null
                ? "the engine refused the handshake; it may require a client certificate (no cert.pem/key.pem was given)"
                : "the engine refused the handshake: " + ex.Message);
            throw new DockerTlsException(Endpoint, $"TLS to the Docker engine at {Endpoint} failed: {detail}.", ex);
        }
    }

    private string? Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2[]? ca)
    {
        if (!_settings.VerifyServer) return null;
        if (certificate is null) return "the server presented no certificate";
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            return $"the server's certificate does not name the host '{_tcp.Host}'";
        if (ca is null) return errors == SslPolicyErrors.None ? null : "the server's certificate is not trusted by this system (" + errors + ")";

        // As the docker CLI: a CA file is the only trust anchor; the system roots do not count.
        using var server = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        chain.ChainPolicy.ExtraStore.AddRange(ca);
        if (!chain.Build(server))
        {
            var status = string.Join("; ", chain.ChainStatus
                .Where(s => s.Status is not X509ChainStatusFlags.UntrustedRoot and not X509ChainStatusFlags.PartialChain)
                .Select(s => s.StatusInformation.Trim()));
            if (status.Length > 0) return "the server's certificate chain is not valid: " + status;
        }
        var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
        return ca.Any(c => string.Equals(c.Thumbprint, root.Thumbprint, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"the server's certificate is not signed by the CA in '{_settings.CaFile}'";
    }

    private (X509Certificate2Collection?, X509Certificate2[]?) LoadMaterial()
    {
        X509Certificate2[]? ca = null;
        if (_settings.VerifyServer && _settings.CaFile is not null)
        {
            ca = ReadCertificates(_settings.CaFile, "CA certificate");
            if (ca.Length == 0) throw new DockerTlsException(Endpoint, $"The CA file '{_settings.CaFile}' holds no PEM certificate.");
        }

        X509Certificate2Collection? client = null;
        if (_settings.CertFile is not null && _settings.KeyFile is not null)
        {
            client = new X509Certificate2Collection { LoadClientCertificate(_settings.CertFile, _settings.KeyFile) };
        }
        return (client, ca);
    }

    private X509Certificate2[] ReadCertificates(string file, string what)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DockerTlsException(Endpoint, $"Cannot read the {what} '{file}': {ex.Message}", ex);
        }
        var result = new List<X509Certificate2>();
        const string begin = "-----BEGIN CERTIFICATE-----";
        const string end = "-----END CERTIFICATE-----";
        var at = 0;
        while ((at = text.IndexOf(begin, at, StringComparison.Ordinal)) >= 0)
        {
            var stop = text.IndexOf(end, at, StringComparison.Ordinal);
            if (stop < 0) break;
            var body = text.Substring(at + begin.Length, stop - at - begin.Length);
            try
            {
                result.Add(new X509Certificate2(Convert.FromBase64String(body)));
            }
            catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
            {
                throw new DockerTlsException(Endpoint, $"The {what} file '{file}' holds a certificate that cannot be read: {ex.Message}", ex);
            }
            at = stop + end.Length;
        }
        return result.ToArray();
    }

    private static readonly MethodInfo? CreateFromPemFile =
        typeof(X509Certificate2).GetMethod("CreateFromPemFile", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(string) }, null);

    private X509Certificate2 LoadClientCertificate(string certFile, string keyFile)
    {
        if (CreateFromPemFile is null)
            throw new DockerTlsException(Endpoint, "This .NET runtime cannot read PEM client keys; use PowerShell 7.4 or newer for TLS client certificates.");
        try
        {
            var certificate = (X509Certificate2)CreateFromPemFile.Invoke(null, new object[] { certFile, keyFile })!;
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return certificate;
            // Windows' TLS stack cannot use an ephemeral key: round-trip through PKCS#12.
            using (certificate)
            {
                return new X509Certificate2(certificate.Export(X509ContentType.Pkcs12));
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new DockerTlsException(Endpoint, $"Cannot load the client certificate '{certFile}' with the key '{keyFile}': {ex.InnerException.Message}", ex.InnerException);
        }
    }
}
