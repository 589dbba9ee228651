using System.Globalization;
using System.Text.Json;
using WideEvents.Visuals.Tests.Browser;
using WideEvents.Web;

namespace WideEvents.Visuals.Tests.Web;

public sealed class LiveFeedTests
{
    private static async Task<JsonElement> Get(HttpClient http, Uri server, string path) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri(server, path))).RootElement;

    [Fact]
    public async Task Records_from_the_tail_service_are_folded_into_counters_and_state_counts()
    {
        await using var tail = await FakeTail.StartAsync();
        await using var server = await WebUiServer.StartAsync([], new WebUiOptions { TailAddress = tail.Address, TailRetryDelay = TimeSpan.FromMilliseconds(100) });
        using var http = new HttpClient();
        var t0 = DateTimeOffset.UtcNow;
        string At(double s) => t0.AddSeconds(s).ToString("O", CultureInfo.InvariantCulture);
        var status = "";
        for (var i = 0; i < 50 && status != "live"; i++)
        {
            await Task.Delay(100);
            status = (await Get(http, server.Address, "api/live?since=0")).GetProperty("status").GetString()!;
        }
        Assert.Equal("live", status);

        tail.Send($$"""{"@t":"{{At(0)}}","@mt":"Task 3 initializing state to pending","parsl_task_id":3}""");
        tail.Send($$"""{"@t":"{{At(1)}}","@mt":"Task 3 changing state from pending to launched","parsl_task_id":3}""");
        tail.Send($$"""{"@t":"{{At(0.5)}}","@mt":"Task 3 initializing state to pending","parsl_task_id":3}""");
        tail.Send($$"""{"@t":"{{At(0.7)}}","@mt":"Managers {interesting}/{ready}","metric":"managers_count","interesting":"1","ready":2}""");
        JsonElement live = default;
        for (var i = 0; i < 100; i++)
        {
            live = await Get(http, server.Address, "api/live?since=0");
            if (live.GetProperty("version").GetInt64() == 4)
            {
                break;
            }
            await Task.Delay(100);
        }

        Assert.Equal("live", live.GetProperty("status").GetString());
        Assert.Equal(4, live.GetProperty("version").GetInt64());
        Assert.Equal(4, live.GetProperty("fresh").GetArrayLength());
        var states = Assert.Single(live.GetProperty("fold").GetProperty("states").EnumerateArray());
        // The late duplicate "pending" does not move the task back.
        Assert.Equal("{\"launched\":1}", states.GetProperty("counts").GetRawText());
        // A metric record without 'value' folds each numeric property into its own series.
        var charts = (await Get(http, server.Address, "api/charts")).GetProperty("charts").EnumerateArray().ToList();
        var metric = Assert.Single(charts, c => c.GetProperty("kind").GetString() == "metric");
        Assert.Equal(2, metric.GetProperty("series").GetInt32());
        Assert.Contains("managers_count.ready", metric.GetProperty("svg").GetString(), StringComparison.Ordinal);
    }
}
