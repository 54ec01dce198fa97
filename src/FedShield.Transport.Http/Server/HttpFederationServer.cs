using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedShield.Transport.Http.Server;

/// <summary>
/// A FedShield server: Kestrel on HTTP/2 speaking the gRPC wire format of <c>Protos/fedshield.proto</c>
/// (service <c>fedshield.v1.Federation</c>), so that any gRPC client can join; plus <c>GET /health</c> (JSON)
/// and <c>GET /metrics</c> (Prometheus text). Its <see cref="Transport"/> is what the orchestrator uses.
/// </summary>
public sealed partial class HttpFederationServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ILogger _log;

    private HttpFederationServer(WebApplication app, HttpTransport transport, ILogger log)
    {
        _app = app;
        Transport = transport;
        Address = new Uri("http://127.0.0.1/");
        _log = log;
    }

    /// <summary>The transport the orchestrator drives.</summary>
    public HttpTransport Transport { get; }

    /// <summary>The address clients connect to (with the port actually bound).</summary>
    public Uri Address { get; private set; }

    /// <summary>The current round, shown by the health endpoint; set by whoever runs the federation.</summary>
    public int Round { get; set; }

    /// <summary>Starts listening.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public static async Task<HttpFederationServer> StartAsync(HttpServerOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        time ??= TimeProvider.System;
        loggers ??= NullLoggerFactory.Instance;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
            k.Limits.MinRequestBodyDataRate = null;
            var host = options.Listen.Host;
            var address = host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
            k.Listen(address, options.Listen.Port, listen =>
            {
                if (options.Listen.Scheme == "https")
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = options.Certificate!;

                        // Client certificates are optional at the TLS layer; Join checks them against the registry.
                        https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
                        https.AllowAnyClientCertificate();
                    });
                }
                else
                {
                    // Cleartext HTTP/2 with prior knowledge (h2c), as gRPC clients speak it.
                    listen.Protocols = HttpProtocols.Http2;
                }
            });
        });

        var app = builder.Build();
        var log = loggers.CreateLogger("FedShield.Server");
        var counters = new ServerCounters();
        var transport = new HttpTransport(options, time, counters);
        var server = new HttpFederationServer(app, transport, log);
        server.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        server.Address = new UriBuilder(options.Listen) { Port = port, Host = options.Listen.Host is "0.0.0.0" ? "127.0.0.1" : options.Listen.Host }.Uri;
        LogListening(log, server.Address);
        return server;
    }

    /// <summary>Stops listening; clients see the server gone.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/fedshield.v1.Federation/Join", ctx => Call(ctx, "Join", JoinAsync));
        app.MapPost("/fedshield.v1.Federation/Next", ctx => Call(ctx, "Next", NextAsync));
        app.MapPost("/fedshield.v1.Federation/Answer", ctx => Call(ctx, "Answer", AnswerAsync));
        app.MapPost("/fedshield.v1.Federation/{method}", ctx => Call(ctx, "unknown", c => throw new FedShield.Transport.Http.Grpc.GrpcException(FedShield.Transport.Http.Grpc.GrpcStatusCode.Unimplemented, $"no method '{c.Request.RouteValues["method"]}' in fedshield.v1.Federation")));
        app.MapGet("/health", async ctx =>
        {
            ctx.Response.ContentType = "application/json";
            var available = Transport.AvailableClients;
            await ctx.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["status"] = "ok", ["round"] = Round, ["clients"] = available.Count }), ctx.RequestAborted).ConfigureAwait(false);
        });
        app.MapGet("/metrics", async ctx =>
        {
            ctx.Response.ContentType = "text/plain; version=0.0.4";
            var gauges = new Dictionary<string, double> { ["fedshield_clients_available"] = Transport.AvailableClients.Count, ["fedshield_round"] = Round };
            await ctx.Response.WriteAsync(Transport.Counters.Prometheus(gauges), ctx.RequestAborted).ConfigureAwait(false);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FedShield server listening on {Address}")]
    private static partial void LogListening(ILogger logger, Uri address);
}
