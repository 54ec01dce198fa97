using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FedShield.Transport.Http.Tests;

/// <summary>Self-signed certificates made for one test run (server for 127.0.0.1, and a client's).</summary>
internal static class TestCertificates
{
    public static X509Certificate2 Server() => Create("CN=fedshield-test-server", server: true);

    public static X509Certificate2 Client(string name) => Create("CN=" + name, server: false);

    public static string Fingerprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>A handler that trusts exactly <paramref name="server"/> and presents <paramref name="client"/> if given.</summary>
    public static SocketsHttpHandler Handler(X509Certificate2 server, X509Certificate2? client = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == server.GetCertHashString();
        if (client is not null)
        {
            handler.SslOptions.ClientCertificates = [client];
        }

        return handler;
    }

    private static X509Certificate2 Create(string subject, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(80));

        // Through PKCS#12 so that the private key is usable by the TLS stack.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
