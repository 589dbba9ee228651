using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.Health;

public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task Metrics_serves_the_shipper_counters_and_gauges_as_prometheus_text()
    {
        int metricsPort = FreePort.Next();
        using var pair = new ShipperPair(sidecar: s => s["Prometheus"] = new JsonObject { ["Port"] = metricsPort });
        pair.StartCollector();
        pair.StartSidecar();
        RecordWriter.Append(Path.Combine(pair.InputDirectory, "app.jsonl"), 1, 250);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
        string text = string.Empty;

        await Eventually.HoldsAsync(
            () =>
            {
                text = Scrape(http);
                return Value(text, "wideevents_shipper_records_out_total") == 250;
            },
            TimeSpan.FromSeconds(30),
            () => text + pair.Logs());

        Assert.Contains("# TYPE wideevents_shipper_records_in_total counter", text, StringComparison.Ordinal);
        Assert.Equal(250, Value(text, "wideevents_shipper_records_in_total"));
        Assert.Contains("# TYPE wideevents_shipper_buffer_bytes gauge", text, StringComparison.Ordinal);
        Assert.Equal(1L << 30, Value(text, "wideevents_shipper_buffer_limit_bytes"));
        Assert.Matches(new Regex("""^wideevents_shipper_lag_bytes\{cursor="sink:collector"\} \d+$""", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("""^wideevents_shipper_lag_bytes\{cursor="file:in"\} \d+$""", RegexOptions.Multiline), text);
    }

    [Fact]
    public async Task Health_is_one_line_per_interval_at_information_without_the_metric_records()
    {
        using var pair = new ShipperPair(sidecar: s => s["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information" } });
        pair.StartCollector();
        pair.StartSidecar();
        RecordWriter.Append(Path.Combine(pair.InputDirectory, "app.jsonl"), 1, 10);

        await Eventually.HoldsAsync(() => pair.Sidecar!.Log.Contains("Health: 10 records in, 10 out", StringComparison.Ordinal), TimeSpan.FromSeconds(30), pair.Logs);

        string[] lines = pair.Sidecar!.Log.Split('\n');
        Assert.DoesNotContain(lines, l => l.Contains("records_in=", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Health details", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_details_are_one_line_at_debug()
    {
        using var pair = new ShipperPair(sidecar: s => s["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information", ["WideEvents.Shipper.Health"] = "Debug" } });
        pair.StartCollector();
        pair.StartSidecar();

        await Eventually.HoldsAsync(() => pair.Sidecar!.Log.Contains("Health details: ", StringComparison.Ordinal), TimeSpan.FromSeconds(30), pair.Logs);

        string details = pair.Sidecar!.Log.Split('\n').First(l => l.Contains("Health details: ", StringComparison.Ordinal));
        Assert.Contains(" records_in=0 ", details, StringComparison.Ordinal);
        Assert.Contains(" buffer_bytes=", details, StringComparison.Ordinal);
    }

    private static string Scrape(HttpClient http)
    {
        try
        {
            return http.GetStringAsync("/metrics").GetAwaiter().GetResult();
        }
        catch (HttpRequestException)
        {
            return string.Empty; // not listening yet
        }
    }

    private static long Value(string text, string name)
    {
        Match match = Regex.Match(text, "^" + Regex.Escape(name) + @" (\d+)$", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }
}
