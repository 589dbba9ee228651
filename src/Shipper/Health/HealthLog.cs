using Microsoft.Extensions.Logging;

namespace WideEvents.Shipper.Health;

/// <summary>The health report's log messages, source-generated (event ids 3 to 9, beside <c>ShipperLog</c>'s).</summary>
internal static partial class HealthLog
{
    [LoggerMessage(3, LogLevel.Information, "Health: {records_in} records in, {records_out} out ({bytes_out} bytes); buffer {buffer_bytes} bytes; lag {lag_bytes} bytes; {retries} retries; {dropped} dropped or quarantined; {lost_events} losses")]
    public static partial void Summary(ILogger logger, long records_in, long records_out, long bytes_out, long buffer_bytes, long lag_bytes, long retries, long dropped, long lost_events);

    [LoggerMessage(4, LogLevel.Debug, "Health details: {metrics}")]
    public static partial void Details(ILogger logger, string metrics);

    [LoggerMessage(5, LogLevel.Information, "Prometheus metrics on {url}")]
    public static partial void PrometheusListening(ILogger logger, string url);
}
