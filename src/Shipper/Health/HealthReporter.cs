using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Logging;

namespace WideEvents.Shipper.Health;

/// <summary>
/// Reports health every interval: one summary line at Information and every metric on one line at
/// Debug; each metric as a wide-event record with <c>metric</c> and <c>value</c> under
/// <see cref="MetricRecordsCategory"/> (kept off the console); and <c>status.json</c> in the data
/// directory, rewritten for <c>wide-shipper status</c>.
/// </summary>
internal sealed class HealthReporter(ShipperMetrics metrics, HealthOptions options, string dataDirectory, TimeProvider time, ILogger<HealthReporter> logger, ILoggerFactory loggers) : BackgroundService
{
    public const string StatusFileName = "status.json";

    /// <summary>The category of the metric records: for a WideEvents handler, not for the console, where they were 17 lines a report.</summary>
    public const string MetricRecordsCategory = "WideEvents.Shipper.Health.MetricRecords";

    private readonly ILogger _metricRecords = loggers.CreateLogger(MetricRecordsCategory);

    private bool _statusFailing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset started = time.GetUtcNow();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.IntervalSeconds), time);
        do
        {
            Report(started);
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));

        Report(started);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Report(DateTimeOffset started)
    {
        SortedDictionary<string, long> snapshot = metrics.Snapshot();
        foreach ((string name, long value) in snapshot)
        {
            ShipperLog.Metric(_metricRecords, name, value);
        }

        HealthLog.Summary(
            logger,
            snapshot["records_in"],
            snapshot["records_out"],
            snapshot["bytes_out"],
            snapshot["buffer_bytes"],
            snapshot.Where(m => m.Key.StartsWith(ShipperMetrics.LagPrefix, StringComparison.Ordinal)).Sum(m => m.Value),
            snapshot["retries"],
            snapshot["duplicates_dropped"] + snapshot["quarantined"] + snapshot["tail_dropped"],
            snapshot["lost_events"]);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            HealthLog.Details(logger, string.Join(' ', snapshot.Select(m => $"{m.Key}={m.Value}")));
        }

        var status = new ShipperStatus(time.GetUtcNow(), started, Environment.ProcessId, snapshot);
        string path = Path.Combine(dataDirectory, StatusFileName);
        try
        {
            File.WriteAllBytes(path + ".tmp", JsonSerializer.SerializeToUtf8Bytes(status, ShipperStatusJson.Default.ShipperStatus));
            File.Move(path + ".tmp", path, overwrite: true);
            _statusFailing = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the status file reports on shipping and must never be a reason to stop it.
            if (!_statusFailing)
            {
                _statusFailing = true;
                ShipperLog.StatusWriteFailed(logger, path, e.Message);
            }
        }
    }
}
