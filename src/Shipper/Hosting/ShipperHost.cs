using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using WideEvents.Emit;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Ingest;
using WideEvents.Shipper.Logging;
using WideEvents.Shipper.Nats;
using WideEvents.Shipper.Otlp;
using WideEvents.Shipper.Records;
using WideEvents.Shipper.Security;
using WideEvents.Shipper.Sinks;
using WideEvents.Shipper.Sources;
using WideEvents.Shipper.Sources.Host;
using WideEvents.Shipper.Tail;

namespace WideEvents.Shipper.Hosting;

/// <summary>Builds the shipper process: configuration, sources, buffer, sinks, and the gRPC services on Kestrel.</summary>
internal static class ShipperHost
{
    /// <summary>Environment variables with this prefix override the configuration file (<c>WIDE_SHIPPER_Grpc__Port=4319</c>).</summary>
    public const string EnvironmentPrefix = "WIDE_SHIPPER_";

    public static IConfigurationRoot LoadConfiguration(string configPath, string[] overrides) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(overrides)
            .Build();

    public static ShipperOptions LoadOptions(IConfiguration configuration, string configPath)
    {
        ShipperOptions options = configuration.Get<ShipperOptions>() ?? new ShipperOptions();
        ShipperPaths.Resolve(options, Path.GetDirectoryName(Path.GetFullPath(configPath))!);
        return options;
    }

    public static WebApplication Build(string configPath, string[] overrides)
    {
        IConfigurationRoot configuration = LoadConfiguration(configPath, overrides);
        ShipperOptions options = LoadOptions(configuration, configPath);
        PrometheusOptions prometheus = configuration.GetSection(PrometheusOptions.SectionName).Get<PrometheusOptions>() ?? new PrometheusOptions();
        IReadOnlyList<string> problems = [.. ShipperOptionsValidator.Problems(options), .. prometheus.Problems()];
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"Invalid configuration in {configPath}:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }

        FileCreationMask.TryParse(options.Umask, out uint mask);
        FileCreationMask.Apply(mask);
        Directory.CreateDirectory(options.DataDirectory);
        List<DirectoryLock> locks = [DirectoryLock.Acquire(options.DataDirectory, "data directory", "Give each shipper its own DataDirectory.")];

        // Two collectors writing one store would each cut the other's files back to their own committed lengths.
        foreach (StoreSinkOptions store in options.Sinks.Stores)
        {
            Directory.CreateDirectory(store.Directory);
            locks.Add(DirectoryLock.AcquireItself(store.Directory, "store directory", "Give each store sink its own Directory."));
        }

        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // No file watching: a watcher on a busy directory (the buffer's) costs a core's worth of events.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ApplicationName = "wide-shipper",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        ConfigureLogging(builder);
        ConfigureKestrel(builder, options);
        builder.WebHost.ConfigureKestrel(kestrel => PrometheusEndpoint.Listen(kestrel, prometheus));
        PrometheusEndpoint.AddServices(builder.Services, options.Buffer);
        builder.Services.AddSingleton<IReadOnlyList<DirectoryLock>>(locks);
        AddServices(builder.Services, options);
        WebApplication app = builder.Build();
        app.MapGrpcService<IngestService>();
        app.MapGrpcService<OtlpLogsService>();
        app.MapGrpcService<OtlpTraceService>();
        if (options.Sinks.Stores.Count > 0)
        {
            app.MapGrpcService<TailService>(); // only a store feeds the tail; without one it would stay silent
        }
        _ = app.Services.GetRequiredService<ShipperMeter>(); // the meter exists from the start, for dotnet-counters too
        PrometheusEndpoint.Map(app, prometheus);
        string endpoint = options.Grpc.Port > 0 ? $"{options.Grpc.Address}:{options.Grpc.Port}" : GrpcSocketPath(options);
        IReadOnlyList<BackgroundService> parts = Parts(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (options.Grpc.Port == 0)
            {
                File.SetUnixFileMode(GrpcSocketPath(options), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            // A part that failed at once stops the host; "started" would then follow the stop. The
            // host logs the stop before it signals ApplicationStopping, so the faulted part is
            // looked at too.
            if (app.Lifetime.ApplicationStopping.IsCancellationRequested || parts.Any(p => p.ExecuteTask is { IsFaulted: true }))
            {
                return;
            }

            ShipperLog.Started(app.Logger, options.DataDirectory, options.Sources.Files.Count + options.Sources.UnixSockets.Count + options.Sources.Nats.Count, options.Sinks.Names().Count, endpoint);
        });
        return app;
    }

    /// <summary>
    /// The parts whose failure stops the host. It then stops "cleanly" and would exit 0, which a
    /// supervisor's restart-on-failure ignores, while a restart may well fix what failed.
    /// Resolved before the host runs: running disposes the services.
    /// </summary>
    public static IReadOnlyList<BackgroundService> Parts(WebApplication app) =>
        [.. app.Services.GetServices<IHostedService>().OfType<BackgroundService>()];

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        // Standard output belongs to the stdout sink; the shipper's own log goes to standard error.
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(HealthReporter.MetricRecordsCategory, LogLevel.None);

        // With a WideEvents section, the shipper's own log, health metrics included, becomes wide-event records.
        if (builder.Configuration.GetSection(WideEventsOptions.SectionName).Exists())
        {
            builder.Logging.AddWideEvents(builder.Configuration);
        }
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, ShipperOptions options)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            if (options.Grpc.Port == 0)
            {
                string socket = GrpcSocketPath(options);
                File.Delete(socket);
                kestrel.ListenUnixSocket(socket, listen => listen.Protocols = HttpProtocols.Http2);
                return;
            }

            IPAddress address = options.Grpc.Address == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Grpc.Address);
            kestrel.Listen(address, options.Grpc.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (!string.IsNullOrEmpty(options.Grpc.CertificatePath))
                {
                    listen.UseHttps(options.Grpc.CertificatePath, options.Grpc.CertificatePassword);
                }
            });
        });
    }

    private static string GrpcSocketPath(ShipperOptions options) => Path.Combine(options.DataDirectory, "grpc.sock");

    private static void AddServices(IServiceCollection services, ShipperOptions options)
    {
        services.AddSingleton(options);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ShipperMetrics>();
        services.AddSingleton(new ServerToken(options.Security.Resolve()));
        services.AddSingleton(string.IsNullOrEmpty(options.Grpc.UsersFile) ? TokenUsers.None : TokenUsers.Load(options.Grpc.UsersFile, out _));
        services.AddSingleton<TailHub>();
        services.AddSingleton<IngestDeduplicator>();
        services.AddSingleton<BatchIntake>();
        services.AddSingleton(sp => new QuarantineFile(Path.Combine(options.DataDirectory, "quarantine.jsonl"), sp.GetRequiredService<ShipperMetrics>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DiskBuffer(
            Path.Combine(options.DataDirectory, "buffer"),
            options.Buffer,
            options.Sinks.Names(),
            sp.GetRequiredService<ShipperMetrics>(),
            sp.GetRequiredService<ILogger<DiskBuffer>>()));
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<BearerTokenInterceptor>();
            grpc.MaxReceiveMessageSize = 64 << 20;
            grpc.MaxSendMessageSize = 64 << 20;
        });

        // Sinks first: each registers its cursor's lag, and none depends on the sources.
        foreach (GrpcSinkOptions sink in options.Sinks.Grpc)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<GrpcSink>(sp, sink));
        }

        foreach (StoreSinkOptions sink in options.Sinks.Stores)
        {
            services.AddKeyedSingleton(sink.Name, (sp, _) => new StoreWriter(sink, sp.GetRequiredService<TailHub>(), sp.GetRequiredService<ShipperMetrics>(), sp.GetRequiredService<ILogger<StoreWriter>>()));
            services.AddKeyedSingleton(sink.Name, (sp, _) => ActivatorUtilities.CreateInstance<StoreSink>(sp, sink, sp.GetRequiredKeyedService<StoreWriter>(sink.Name)));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<StoreSink>(sink.Name));
        }

        // A store as the only sink is written directly: writing the buffer first would store, and fsync, every record twice.
        if (WritesStoreDirectly(options))
        {
            string store = options.Sinks.Stores[0].Name;
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DirectStore>(sp, sp.GetRequiredKeyedService<StoreWriter>(store), sp.GetRequiredKeyedService<StoreSink>(store)));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DirectStore>());
            services.AddSingleton<IRunDestination>(sp => sp.GetRequiredService<DirectStore>());
        }
        else
        {
            services.AddSingleton<IRunDestination>(sp => sp.GetRequiredService<DiskBuffer>());
        }

        foreach (OtlpSinkOptions sink in options.Sinks.Otlp)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<OtlpSink>(sp, sink));
        }

        foreach (StdoutSinkOptions sink in options.Sinks.Stdout)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<StdoutSink>(sp, sink));
        }

        NatsRegistration.Add(services, options);

        foreach (FileSourceOptions source in options.Sources.Files)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<FileTailSource>(sp, source, source.BaseDirectory, options.DataDirectory, NewIntake(sp, options)));
        }

        foreach (UnixSocketSourceOptions source in options.Sources.UnixSockets)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<UnixSocketSource>(sp, source, new Func<LineIntake>(() => NewIntake(sp, options))));
        }

        if (options.Sources.Host is { } host)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<HostSampleSource>(sp, host, (IReadOnlyList<FileSourceOptions>)options.Sources.Files, NewIntake(sp, options)));
        }

        if (options.Sources.Kernel is { } kernel)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<KernelMessageSource>(sp, kernel, options.DataDirectory, NewIntake(sp, options)));
        }

        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<HealthReporter>(sp, options.Health, options.DataDirectory));
    }

    /// <summary>Whether sources write into the store rather than the disk buffer: a store is the only sink.</summary>
    public static bool WritesStoreDirectly(ShipperOptions options) =>
        options.Sinks.Stores.Count == 1 && options.Sinks.Names().Count == 1;

    private static LineIntake NewIntake(IServiceProvider services, ShipperOptions options) =>
        new(options.MaxLineBytes, services.GetRequiredService<QuarantineFile>(), services.GetRequiredService<ShipperMetrics>());
}
