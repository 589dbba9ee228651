using WideEvents.Emit.Formatting;

namespace WideEvents.Emit.Handlers;

/// <summary>Builds the handlers a process's options ask for, failing early on incomplete settings.</summary>
internal static class HandlerFactory
{
    public static RecordHandler[] Create(WideEventsOptions options, RecordFormatter formatter)
    {
        var handlers = new List<RecordHandler>();
        foreach (var settings in options.Handlers)
        {
            handlers.Add(new RecordHandler(settings, CreateWriter(settings, formatter), formatter));
        }

        foreach (var custom in options.CustomWriters)
        {
            handlers.Add(new RecordHandler(custom.Settings, custom.Writer, formatter));
        }

        return [.. handlers];
    }

    private static IRecordWriter CreateWriter(HandlerOptions settings, RecordFormatter formatter) => settings.Type switch
    {
        HandlerType.File => new FileRecordWriter(settings, formatter),
        HandlerType.UnixSocket => new UnixSocketRecordWriter(
            settings.Path ?? throw new InvalidOperationException($"WideEvents handler '{settings.DisplayName}': a UnixSocket handler needs Path.")),
        HandlerType.Grpc => new GrpcRecordWriter(
            settings.Address ?? throw new InvalidOperationException($"WideEvents handler '{settings.DisplayName}': a Grpc handler needs Address."),
            settings.Token,
            settings.TrustedCertificatePath),
        HandlerType.Recent => new RecentRecordsWriter(
            formatter.ExpandName(settings.Path ?? throw new InvalidOperationException($"WideEvents handler '{settings.DisplayName}': a Recent handler needs Path.")),
            settings.RecentRecords,
            settings.RecentBytes,
            TimeSpan.FromSeconds(settings.RecentSeconds),
            formatter.Clock),
        HandlerType.None => throw new InvalidOperationException("WideEvents handler with no Type: set Type to File, UnixSocket or Grpc."),
        _ => throw new InvalidOperationException($"WideEvents handler '{settings.DisplayName}': type {settings.Type} is added in code with WideEventsOptions.AddWriter, not by configuration."),
    };
}
