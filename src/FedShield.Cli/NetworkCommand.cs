using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using FedShield.Data.Sources;
using FedShield.Experiments.Config;
using FedShield.Experiments.Running;
using FedShield.Transport.Http.Client;
using FedShield.Transport.Http.Edge;
using FedShield.Transport.Http.Grpc;
using FedShield.Transport.Http.Server;
using Microsoft.Extensions.Logging;

namespace FedShield.Cli;

/// <summary><c>fedshield server</c>, <c>edge</c> and <c>client</c>: one federation as separate processes over HTTP/2.</summary>
internal static class NetworkCommand
{
    public static Command CreateServer(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var file = new Argument<string>("FILE") { Description = "Experiment file (YAML): the same file a simulation runs; its clients are other processes." };
        var listen = new Option<string>("--listen") { Description = "Address to listen on: http://HOST:PORT (cleartext HTTP/2) or https://HOST:PORT (with --cert).", DefaultValueFactory = _ => "http://127.0.0.1:7070" };
        var tokens = new Option<string?>("--tokens") { Description = "Participant registry: a file of 'ID TOKEN' or 'ID cert:SHA256-FINGERPRINT' lines ('#' comments). Without it any client id is admitted (loopback experiments only)." };
        var revoked = new Option<int[]>("--revoke") { Description = "A client id whose token is revoked (repeatable)." };
        var cert = new Option<string?>("--cert") { Description = "Server certificate for https: a PKCS#12 file (.pfx) or a PEM certificate whose key is in --key." };
        var key = new Option<string?>("--key") { Description = "PEM private key of a PEM --cert." };
        var waitClients = new Option<int?>("--wait-clients") { Description = "Start the first round when this many clients have joined (default: clients.count of the experiment)." };
        var waitSeconds = new Option<double>("--wait-seconds") { Description = "How long to wait for them before giving up.", DefaultValueFactory = _ => 300 };
        var outDir = new Option<string?>("--out") { Description = "Run directory (default: a new directory under the config's 'output' root)." };
        var resume = new Option<string?>("--resume") { Description = "Resume the run in this directory from its last checkpoint instead of starting FILE anew (after a server restart)." };
        var set = new Option<string[]>("--set") { Description = "Override a config key (repeatable)." };
        var common = new RunCommand.CommonRunOptions();
        var command = new Command("server", "Run a federation's server: the orchestrator, strategy and protocols of FILE, with its clients as separate processes that connect over HTTP/2 (gRPC wire format, fedshield.v1.Federation; see docs/deploy.md). Serves GET /health and GET /metrics.")
        {
            file, listen, tokens, revoked, cert, key, waitClients, waitSeconds, outDir, resume, set,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            ExperimentConfig config;
            HttpServerOptions serverOptions;
            try
            {
                config = ExperimentConfigLoader.Load(parse.GetValue(file)!, parse.GetValue(set) ?? []);
                serverOptions = new HttpServerOptions
                {
                    Listen = new Uri(parse.GetValue(listen)!),
                    Tokens = parse.GetValue(tokens) is { } path ? ReadTokens(path) : null,
                    Revoked = (parse.GetValue(revoked) ?? []).ToHashSet(),
                    Certificate = parse.GetValue(cert) is { } c ? LoadCertificate(c, parse.GetValue(key)) : null,
                };
                serverOptions.Validate();
            }
            catch (ConfigException ex)
            {
                error.WriteLine("fedshield server: invalid experiment:");
                foreach (var e in ex.Errors)
                {
                    error.WriteLine("  " + e);
                }

                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or UriFormatException or FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                error.WriteLine($"fedshield server: {ex.Message}");
                return ExitCodes.Usage;
            }

            using var loggers = Loggers();
            var server = HttpFederationServer.StartAsync(serverOptions, loggers, cancellationToken: cancellationToken).GetAwaiter().GetResult();
            try
            {
                var expected = parse.GetValue(waitClients) ?? config.Clients.Count;
                error.WriteLine($"fedshield server: listening on {server.Address}; waiting for {expected} client(s)");
                try
                {
                    server.Transport.WaitForClientsAsync(expected, TimeSpan.FromSeconds(parse.GetValue(waitSeconds)), cancellationToken).GetAwaiter().GetResult();
                }
                catch (TimeoutException ex)
                {
                    error.WriteLine($"fedshield server: {ex.Message}");
                    return ExitCodes.Failure;
                }

                var code = RunCommand.Execute("server", output, error, common, parse, options =>
                {
                    var network = options with { Transport = _ => server.Transport, Listener = new RoundTracker(options.Listener, server) };
                    return parse.GetValue(resume) is { } dir
                        ? ExperimentRunner.ResumeAsync(dir, network, cancellationToken)
                        : ExperimentRunner.RunAsync(config, network with { RunDirectory = parse.GetValue(outDir) }, cancellationToken);
                },
                directory => $"fedshield server {parse.GetValue(file)} --resume {directory} (same --listen and credentials; the clients are waiting)");

                // An interrupted run is resumed later: its clients keep waiting and join the resumed server.
                if (code != ExitCodes.Interrupted)
                {
                    server.Transport.Stop(code == ExitCodes.Ok ? "the federation is over" : $"the server stopped with exit code {code}");
                    Thread.Sleep(TimeSpan.FromSeconds(1));
                }

                return code;
            }
            finally
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        });
        return command;
    }

    public static Command CreateClient(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var server = new Option<string>("--server") { Description = "The server's address, e.g. http://10.0.0.1:7070.", Required = true };
        var config = new Option<string>("--config") { Description = "The federation's experiment file: this client builds its own data partition and model from it.", Required = true };
        var id = new Option<int>("--id") { Description = "This client's id (0 to clients.count - 1).", Required = true };
        var token = new Option<string?>("--token") { Description = "This client's token from the server's registry." };
        var ca = new Option<string?>("--ca") { Description = "A PEM certificate to trust as the server's (or its CA), for https with a private CA." };
        var clientCert = new Option<string?>("--client-cert") { Description = "A PEM client certificate to present over https (registry entry 'ID cert:SHA256-FINGERPRINT')." };
        var clientKey = new Option<string?>("--client-key") { Description = "The PEM private key of --client-cert." };
        var set = new Option<string[]>("--set") { Description = "Override a config key, as on the server (repeatable)." };
        var command = new Command("client", "Run one client of a federation as its own process: it trains on its own partition of the data and talks to the server over HTTP/2, reconnecting by itself with back-off when the server is unreachable or restarts.")
        {
            server, config, id, token, ca, clientCert, clientKey, set,
        };
        command.SetAction(parse =>
        {
            ExperimentConfig experiment;
            try
            {
                experiment = ExperimentConfigLoader.Load(parse.GetValue(config)!, parse.GetValue(set) ?? []);
            }
            catch (ConfigException ex)
            {
                error.WriteLine("fedshield client: invalid experiment:");
                foreach (var e in ex.Errors)
                {
                    error.WriteLine("  " + e);
                }

                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                error.WriteLine($"fedshield client: {ex.Message}");
                return ExitCodes.Usage;
            }

            var clientId = parse.GetValue(id);
            try
            {
                using var setup = FederationSetup.Create(experiment, new DatasetLocator(DatasetLocatorOptions.FromEnvironment()));
                var local = setup.Privacy!.Clients.SingleOrDefault(c => c.Id == clientId);
                if (local is null)
                {
                    error.WriteLine($"fedshield client: the experiment has no client {clientId} (clients.count is {experiment.Clients.Count})");
                    return ExitCodes.Usage;
                }

                using var handler = Handler(parse.GetValue(ca), parse.GetValue(clientCert), parse.GetValue(clientKey));

                using var loggers = Loggers();
                using var link = new RemoteClient(new Uri(parse.GetValue(server)!), clientId, parse.GetValue(token), handler: handler, logger: loggers.CreateLogger("FedShield.Client"));
                var reason = link.RunAsync(local, cancellationToken).GetAwaiter().GetResult();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"client {clientId}: {reason}; answered {link.Answered} instruction(s)"));
                return ExitCodes.Ok;
            }
            catch (GrpcException ex)
            {
                error.WriteLine($"fedshield client: the server refused client {clientId}: {ex.Status}: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (TimeoutException ex)
            {
                error.WriteLine($"fedshield client: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Interrupted;
            }
            catch (Exception ex) when (ex is ExperimentSetupException or DatasetNotFoundException or IOException or UriFormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                error.WriteLine($"fedshield client: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    public static Command CreateEdge(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var upstream = new Option<string>("--upstream") { Description = "The upstream (cloud) server's address.", Required = true };
        var id = new Option<int>("--id") { Description = "This edge's client id upstream (distinct from every device id).", Required = true };
        var token = new Option<string?>("--token") { Description = "This edge's token in the upstream registry." };
        var listen = new Option<string>("--listen") { Description = "Where the edge's devices connect: http://HOST:PORT or https://HOST:PORT (with --cert).", DefaultValueFactory = _ => "http://127.0.0.1:7080" };
        var tokens = new Option<string?>("--tokens") { Description = "The edge's own registry of its devices: 'ID TOKEN' lines." };
        var cert = new Option<string?>("--cert") { Description = "The edge's server certificate for https (.pfx, or PEM with --key)." };
        var key = new Option<string?>("--key") { Description = "PEM private key of a PEM --cert." };
        var ca = new Option<string?>("--ca") { Description = "A PEM certificate to trust as the upstream server's (or its CA)." };
        var waitClients = new Option<int>("--wait-clients") { Description = "Join upstream once this many devices have connected.", DefaultValueFactory = _ => 1 };
        var waitSeconds = new Option<double>("--wait-seconds") { Description = "How long to wait for them.", DefaultValueFactory = _ => 300 };
        var timeout = new Option<double>("--round-timeout") { Description = "Seconds the edge waits for its devices in one local round.", DefaultValueFactory = _ => 60 };
        var minReplies = new Option<int>("--min-replies") { Description = "Devices that must answer for the edge to send an update upstream.", DefaultValueFactory = _ => 1 };
        var command = new Command("edge", "Run an edge aggregator (a base station between devices and the cloud): devices connect to it as to a server; it answers the upstream server as one client with their sample-weighted mean update. Privacy protocols are not relayed through an edge.")
        {
            upstream, id, token, listen, tokens, cert, key, ca, waitClients, waitSeconds, timeout, minReplies,
        };
        command.SetAction(parse =>
        {
            HttpServerOptions serverOptions;
            EdgeOptions edgeOptions;
            try
            {
                serverOptions = new HttpServerOptions
                {
                    Listen = new Uri(parse.GetValue(listen)!),
                    Tokens = parse.GetValue(tokens) is { } path ? ReadTokens(path) : null,
                    Certificate = parse.GetValue(cert) is { } c ? LoadCertificate(c, parse.GetValue(key)) : null,
                };
                serverOptions.Validate();
                edgeOptions = new EdgeOptions(TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(minReplies));
                edgeOptions.Validate();
            }
            catch (Exception ex) when (ex is FileNotFoundException or UnauthorizedAccessException or UriFormatException or FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                error.WriteLine($"fedshield edge: {ex.Message}");
                return ExitCodes.Usage;
            }

            using var loggers = Loggers();
            var server = HttpFederationServer.StartAsync(serverOptions, loggers, cancellationToken: cancellationToken).GetAwaiter().GetResult();
            var edgeId = parse.GetValue(id);
            try
            {
                error.WriteLine($"fedshield edge: devices connect to {server.Address}; waiting for {parse.GetValue(waitClients)}");
                server.Transport.WaitForClientsAsync(parse.GetValue(waitClients), TimeSpan.FromSeconds(parse.GetValue(waitSeconds)), cancellationToken).GetAwaiter().GetResult();
                using var handler = Handler(parse.GetValue(ca));
                using var link = new RemoteClient(new Uri(parse.GetValue(upstream)!), edgeId, parse.GetValue(token), handler: handler, logger: loggers.CreateLogger("FedShield.Edge"));
                var reason = link.RunAsync(new EdgeAggregator(edgeId, server.Transport, edgeOptions), cancellationToken).GetAwaiter().GetResult();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edge {edgeId}: {reason}; answered {link.Answered} instruction(s)"));
                server.Transport.Stop(reason);
                Thread.Sleep(TimeSpan.FromSeconds(1));
                return ExitCodes.Ok;
            }
            catch (GrpcException ex)
            {
                error.WriteLine($"fedshield edge: the upstream server refused edge {edgeId}: {ex.Status}: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (TimeoutException ex)
            {
                error.WriteLine($"fedshield edge: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Interrupted;
            }
            finally
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        });
        return command;
    }

    /// <summary>An HTTP handler that also trusts <paramref name="caPath"/> (a PEM certificate) for the server's certificate, and presents a PEM client certificate if given.</summary>
    private static SocketsHttpHandler Handler(string? caPath, string? clientCert = null, string? clientKey = null)
    {
        var handler = new SocketsHttpHandler();
        if (clientCert is not null)
        {
            // Through PKCS#12 so that the private key is usable by the TLS stack.
            using var pem = X509Certificate2.CreateFromPemFile(clientCert, clientKey ?? throw new ArgumentException("--client-cert needs its private key in --client-key"));
            handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), null)];
        }

        if (caPath is not null)
        {
            var trusted = X509Certificate2.CreateFromPemFile(caPath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || (certificate is not null && Trusts(trusted, new X509Certificate2(certificate)));
        }

        return handler;
    }

    /// <summary>Log lines on standard error (standard output carries the run's progress): FedShield's from Information up, the web host's from Warning.</summary>
    private static ILoggerFactory Loggers() => LoggerFactory.Create(b => b
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
        .AddFilter("Microsoft", LogLevel.Warning)
        .SetMinimumLevel(LogLevel.Information));

    /// <summary>'ID TOKEN' lines; blank lines and '#' comments skipped.</summary>
    /// <exception cref="FormatException">A line that is not an id and a token, or an id given twice.</exception>
    internal static Dictionary<int, string> ReadTokens(string path)
    {
        var tokens = new Dictionary<int, string>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Split('#', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id < 0)
            {
                throw new FormatException($"{path}:{number}: expected 'ID TOKEN' (a non-negative integer and a token), got '{line}'");
            }

            if (!tokens.TryAdd(id, parts[1]))
            {
                throw new FormatException($"{path}:{number}: client {id} is listed twice");
            }
        }

        return tokens;
    }

    private static X509Certificate2 LoadCertificate(string path, string? key) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, Environment.GetEnvironmentVariable("FEDSHIELD_CERT_PASSWORD"))
            : X509Certificate2.CreateFromPemFile(path, key ?? throw new ArgumentException("a PEM --cert needs its private key in --key"));

    private static bool Trusts(X509Certificate2 trusted, X509Certificate2 presented)
    {
        if (presented.Thumbprint == trusted.Thumbprint)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }
}
