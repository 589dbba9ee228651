using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WideEvents.Emit;

namespace WideEvents.EndToEnd.Tests;

/// <summary>
/// Activities of the sources named in <c>ListenTo</c> (HttpClient's, ASP.NET Core's) written as span
/// records. A listener hears the whole process, so the assertions pick this test's own activities
/// (its URL, its trace) among what other tests' HTTP calls may add.
/// </summary>
public sealed class ActivityRecordTests
{
    [Fact]
    public async Task An_HttpClient_call_to_Kestrel_is_written_as_client_and_server_spans_and_the_client_span_carries_the_bound_identity()
    {
        await using WebApplication server = await StartServerAsync();
        string url = Url(server) + "/hello";
        List<JsonObject> records = await LogAsync(o => o.ListenTo("System.Net.Http", "Microsoft.AspNetCore"), async logger =>
        {
            ILogger task = logger.Bind("task_id", 17);
            using var http = new HttpClient();
            await task.InSpanAsync("fetch", async () => (await http.GetAsync(url)).EnsureSuccessStatusCode());
        });

        string fetchId = records.Single(r => r.Str("span_name") == "fetch" && r.Str("span_event") == "start").Str("span_id")!;
        // HttpClient sets its tags when the request ends: the end record has the URL.
        JsonObject clientEnd = records.Single(r => r.Str("category") == "System.Net.Http" && r.Str("span_event") == "end" && r.Str("url.full") == url);
        string clientId = clientEnd.Str("span_id")!;
        Assert.Matches("^[0-9a-f]{16}$", clientId);
        JsonObject clientStart = records.Single(r => r.Str("span_id") == clientId && r.Str("span_event") == "start");
        Assert.Equal("System.Net.Http.HttpRequestOut", clientStart.Str("span_name"));
        Assert.Equal(clientStart.Str("span_name"), clientEnd.Str("span_name"));
        Assert.Equal("GET", clientEnd.Str("span_display_name"));
        Assert.Equal(fetchId, clientStart.Str("span_parent"));
        Assert.Equal("client", clientStart.Str("span_kind"));
        Assert.Equal("17", clientStart.Str("task_id"));
        Assert.Equal("17", clientEnd.Str("task_id"));
        Assert.Equal("GET", clientEnd.Str("http.request.method"));
        Assert.Equal("200", clientEnd.Str("http.response.status_code"));
        Assert.Equal("ok", clientEnd.Str("outcome"));
        Assert.True(clientEnd["duration_s"]!.GetValue<double>() > 0);
        Assert.Equal(clientStart.Str("@tr"), clientEnd.Str("@tr"));

        // The server's span is the client's child through the traceparent header, in the same trace.
        JsonObject serverEnd = records.Single(r => r.Str("category") == "Microsoft.AspNetCore" && r.Str("span_event") == "end" && r.Str("@tr") == clientStart.Str("@tr"));
        Assert.Equal(clientId, serverEnd.Str("span_parent"));
        Assert.Equal("server", serverEnd.Str("span_kind"));
        Assert.Null(serverEnd.Str("task_id"));
    }

    [Fact]
    public async Task With_sampling_at_zero_or_no_sources_named_no_activity_is_written()
    {
        await using WebApplication server = await StartServerAsync();
        foreach (Action<WideEventsOptions> configure in new Action<WideEventsOptions>[] { o => o.ListenTo("System.Net.Http").ActivitySampling = 0, _ => { } })
        {
            string url = Url(server) + "/hello";
            List<JsonObject> records = await LogAsync(configure, async logger =>
            {
                using var http = new HttpClient();
                (await http.GetAsync(url)).EnsureSuccessStatusCode();
                logger.LogInformation("done");
            });

            Assert.Equal("done", records.Single(r => r.Str("category") == "Test").Str("@mt"));
            Assert.DoesNotContain(records, r => r.Str("url.full") == url);
        }
    }

    /// <summary>Runs <paramref name="log"/> with a file handler in a temporary directory; returns its records but the file header.</summary>
    private static async Task<List<JsonObject>> LogAsync(Action<WideEventsOptions> configure, Func<ILogger, Task> log)
    {
        var directory = Directory.CreateTempSubdirectory("we-activity-").FullName;
        try
        {
            using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddWideEvents(o =>
            {
                o.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory });
                configure(o);
            })))
            {
                await log(factory.CreateLogger("Test"));
            }

            return [.. Directory.GetFiles(directory, "*.jsonl").SelectMany(File.ReadLines)
                .Select(line => JsonNode.Parse(line)!.AsObject()).Where(r => !r.ContainsKey("file_uuid"))];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<WebApplication> StartServerAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        app.MapGet("/hello", () => Results.Text("hello"));
        await app.StartAsync();
        return app;
    }

    private static string Url(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().Replace("[::]", IPAddress.Loopback.ToString(), StringComparison.Ordinal);
}

file static class RecordText
{
    public static string? Str(this JsonObject record, string key) => record[key]?.ToString();
}
