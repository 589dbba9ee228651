using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace WideEvents.Shipper.Health;

/// <summary><c>GET /metrics</c> on its own plain-HTTP port of the shipper's Kestrel server, when <c>Prometheus:Port</c> is set.</summary>
internal static class PrometheusEndpoint
{
    public static void Listen(KestrelServerOptions kestrel, PrometheusOptions options)
    {
        if (options.Port == 0)
        {
            return;
        }

        IPAddress address = options.Address == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Address);
        kestrel.Listen(address, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
    }

    public static void Map(WebApplication app, PrometheusOptions options)
    {
        if (options.Port == 0)
        {
            return;
        }

        // Only on the metrics port: the gRPC listener (HTTP/2, perhaps with a token) serves nothing else.
        app.MapGet("/metrics", (PrometheusScrape scrape) => Results.Text(scrape.Collect(), PrometheusScrape.ContentType))
            .RequireHost($"*:{options.Port}");
        HealthLog.PrometheusListening(app.Logger, $"http://{options.Address}:{options.Port}/metrics");
    }

    /// <summary>The meter (always: <c>dotnet-counters</c> reads it without an endpoint) and the scrape behind the endpoint.</summary>
    public static void AddServices(IServiceCollection services, Configuration.BufferOptions buffer)
    {
        services.AddSingleton(sp => new ShipperMeter(sp.GetRequiredService<ShipperMetrics>(), buffer, sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<PrometheusScrape>();
    }
}
