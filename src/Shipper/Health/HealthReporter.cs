using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Logging;

namespace WideEvents.Shipper.Health;

/// <summary>
/// Reports health as wide events: every interval, each metric is logged as a record with
/// <c>metric</c> and <c>value</c>, and <c>status.json</c> in the data directory is rewritten
/// for <c>wide-shipper status</c>.
/// </summary>
internal sealed class HealthReporter(ShipperMetrics metrics, HealthOptions options, string dataDirectory, TimeProvider time, ILogger<HealthReporter> logger) : BackgroundService
{
    public const string StatusFileName = "status.json";

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
            ShipperLog.Metric(logger, name, value);
        }

        var status = new ShipperStatus(time.GetUtcNow(), started, Environment.ProcessId, snapshot);
        string path = Path.Combine(dataDirectory, StatusFileName);
        try
        {
            File.WriteAllBytes(path + ".tmp", JsonSerializer.SerializeToUtf8Bytes(status, ShipperStatus.JsonOptions));
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
