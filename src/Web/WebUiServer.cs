using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WideEvents.Analyze.Records;
using WideEvents.Web.Api;
using WideEvents.Web.Data;
using WideEvents.Web.Live;

namespace WideEvents.Web;

/// <summary>
/// The browser UI over a set of records: Kestrel in this process, on 127.0.0.1 only, serving a
/// plain HTML/JS page from embedded resources and a JSON API. With a Tail address, records that
/// a shipper forwards are folded in as they arrive and the page updates without reloading.
/// </summary>
public sealed class WebUiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TailFeed? _tail;

    private WebUiServer(WebApplication app, TailFeed? tail, Uri address)
    {
        _app = app;
        _tail = tail;
        Address = address;
    }

    /// <summary>The page's address, e.g. <c>http://127.0.0.1:5173/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="records"/> (and, with a Tail address, what arrives later).</summary>
    public static async Task<WebUiServer> StartAsync(IEnumerable<Record> records, WebUiOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WebUiOptions();
        var store = new RecordStore(records, options.Lifecycles);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "WideEvents.Web" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals);
        var app = builder.Build();
        MapStatic(app);
        ApiEndpoints.Map(app, store);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        TailFeed? tail = null;
        if (options.TailAddress is not null)
        {
            tail = new TailFeed(options.TailAddress, store, options.TailRetryDelay);
            tail.Start();
        }
        return new WebUiServer(app, tail, new Uri(bound.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <summary>Completes when <paramref name="cancellationToken"/> is cancelled (Ctrl+C), then stops the server.</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the live feed and the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_tail is not null)
        {
            await _tail.DisposeAsync().ConfigureAwait(false);
        }
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void MapStatic(WebApplication app)
    {
        var assembly = typeof(WebUiServer).Assembly;
        foreach (var (path, resource, type) in new[]
        {
            ("/", "wwwroot/index.html", "text/html; charset=utf-8"),
            ("/app.js", "wwwroot/app.js", "text/javascript; charset=utf-8"),
            ("/app.css", "wwwroot/app.css", "text/css; charset=utf-8"),
        })
        {
            var bytes = Read(assembly, resource);
            app.MapGet(path, () => Results.Bytes(bytes, type));
        }
        app.MapGet("/favicon.ico", () => Results.NoContent());
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"missing embedded resource {name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
