using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WideEvents.Shipper.Configuration;

namespace WideEvents.Shipper.Nats;

/// <summary>Adds the configured NATS sinks and sources to the host, and says what is wrong with their configuration.</summary>
internal static class NatsRegistration
{
    public static void Add(IServiceCollection services, ShipperOptions options)
    {
        foreach (NatsSinkOptions sink in options.Sinks.Nats)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<NatsSink>(sp, sink));
        }

        foreach (NatsSourceOptions source in options.Sources.Nats)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<NatsSource>(sp, source));
        }
    }

    public static IEnumerable<string> Problems(ShipperOptions options)
    {
        foreach (NatsSinkOptions sink in options.Sinks.Nats)
        {
            string where = $"NATS sink '{sink.Name}'";
            foreach (string problem in NatsConnections.Problems(sink, where))
            {
                yield return problem;
            }

            if (sink.Replicas is < 1 or > 5)
            {
                yield return $"{where}: Replicas must be 1 to 5 (1 or 3 are usual).";
            }

            if (string.IsNullOrEmpty(sink.Stream) || string.IsNullOrEmpty(sink.Subject))
            {
                yield return $"{where} needs a Stream and a Subject.";
            }

            if (sink.MaxRecordsPerMessage < 1 || sink.MaxPendingMessages < 1)
            {
                yield return $"{where}: MaxRecordsPerMessage and MaxPendingMessages must be at least 1.";
            }
        }

        foreach (NatsSourceOptions source in options.Sources.Nats)
        {
            string where = $"NATS source '{source.Name}'";
            foreach (string problem in NatsConnections.Problems(source, where))
            {
                yield return problem;
            }

            if (string.IsNullOrEmpty(source.Stream) || string.IsNullOrEmpty(source.Durable))
            {
                yield return $"{where} needs a Stream and a Durable.";
            }

            if (source.MaxAckPending < 1)
            {
                yield return $"{where}: MaxAckPending must be at least 1.";
            }
        }
    }
}
