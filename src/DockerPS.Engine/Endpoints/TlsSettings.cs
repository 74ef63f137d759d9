namespace DockerPS.Engine.Endpoints;

/// <summary>
/// TLS for a tcp endpoint. <see cref="VerifyServer"/> checks the server's chain (against <see cref="CaFile"/>
/// where one is given, else the system roots) and its host name; the client certificate is presented whenever
/// <see cref="CertFile"/> and <see cref="KeyFile"/> are set.
/// </summary>
public sealed class TlsSettings
{
    public TlsSettings(bool verifyServer, string? caFile, string? certFile, string? keyFile)
    {
        VerifyServer = verifyServer;
        CaFile = caFile;
        CertFile = certFile;
        KeyFile = keyFile;
    }

    public bool VerifyServer { get; }

    public string? CaFile { get; }

    public string? CertFile { get; }

    public string? KeyFile { get; }

    public override string ToString() => $"verify={VerifyServer};ca={CaFile};cert={CertFile};key={KeyFile}";
}
