using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;
using WideEvents.Emit.Logging;

namespace WideEvents.Emit;

/// <summary>Registers WideEvents as a logging provider.</summary>
public static class WideEventsLoggingBuilderExtensions
{
    /// <summary>
    /// Adds WideEvents, configured from the <c>WideEvents</c> section of the application's
    /// configuration when there is one (a host), otherwise from environment variables
    /// (<c>WideEvents__Handlers__0__Type=File</c>, as <see cref="WideEventsEnvironment"/> renders
    /// them for a child process). Calling it again adds nothing.
    /// </summary>
    public static ILoggingBuilder AddWideEvents(this ILoggingBuilder builder) => builder.AddWideEvents(configure: null);

    /// <summary>
    /// Adds WideEvents as <see cref="AddWideEvents(ILoggingBuilder)"/> does, then configured by
    /// <paramref name="configure"/>. Calling it again adds only the new configure action.
    /// </summary>
    public static ILoggingBuilder AddWideEvents(this ILoggingBuilder builder, Action<WideEventsOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // A second call adds its configure action and nothing else: binding the section twice
        // would append every configured handler twice (as OpenTelemetry guards AddOpenTelemetry).
        if (!builder.Services.Any(d => d.ServiceType == typeof(WideEventsRegistered)))
        {
            builder.Services.AddSingleton<WideEventsRegistered>();
            builder.AddConfiguration();
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, WideEventsLoggerProvider>());
            builder.Services.AddOptions<WideEventsOptions>()
                .Configure<IServiceProvider>(static (options, services) =>
                {
                    var configuration = services.GetService<IConfiguration>()
                        ?? new ConfigurationBuilder().AddEnvironmentVariables().Build();
                    configuration.GetSection(WideEventsOptions.SectionName).Bind(options);
                });
            builder.Services.AddSingleton<IValidateOptions<WideEventsOptions>, WideEventsOptionsValidator>();
        }

        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        return builder;
    }

    /// <summary>
    /// Adds WideEvents configured from <paramref name="configuration"/>: either a root holding a
    /// <c>WideEvents</c> section, or that section itself.
    /// </summary>
    public static ILoggingBuilder AddWideEvents(this ILoggingBuilder builder, IConfiguration configuration) =>
        builder.AddWideEvents(configuration, configure: null);

    /// <summary>
    /// Adds WideEvents configured from <paramref name="configuration"/> (a root holding a
    /// <c>WideEvents</c> section, or that section itself), then by <paramref name="configure"/>.
    /// </summary>
    public static ILoggingBuilder AddWideEvents(this ILoggingBuilder builder, IConfiguration configuration, Action<WideEventsOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(WideEventsOptions.SectionName);
        var source = section.Exists() ? section : configuration;
        return builder.AddWideEvents(options =>
        {
            // Lists bind by appending, so bind over a fresh list rather than the one from the environment.
            options.Handlers.Clear();
            source.Bind(options);
            configure?.Invoke(options);
        });
    }

    /// <summary>Marks a service collection that WideEvents is registered in.</summary>
    private sealed class WideEventsRegistered;
}
