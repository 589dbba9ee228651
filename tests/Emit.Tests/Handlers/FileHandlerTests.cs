using System.Text.Json;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Handlers;

public sealed class FileHandlerTests
{
    [Fact]
    public void Every_file_begins_with_a_header_carrying_a_file_uuid()
    {
        using var logging = new FileLogging();
        logging.Logger().LogInformation("one");
        logging.Complete();

        var file = Assert.Single(Directory.GetFiles(logging.Directory));
        Assert.Equal($"test.{Environment.ProcessId}.jsonl", Path.GetFileName(file));
        var header = Records.ReadFile(file)[0];
        Assert.Equal(7, Guid.Parse(header.Str("file_uuid")!).Version);
    }

    [Fact]
    public void Rolling_by_size_starts_numbered_files_and_loses_nothing()
    {
        using var logging = new FileLogging(handler: h => h.RollSizeBytes = 4096);
        var logger = logging.Logger();
        for (var i = 0; i < 500; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        var records = logging.Complete();
        var files = Directory.GetFiles(logging.Directory);
        Assert.True(files.Length > 5, $"expected several files, got {files.Length}");
        Assert.All(files, f => Assert.True(Records.ReadFile(f)[0].ContainsKey("file_uuid")));
        Assert.Equal(files.Length, files.Select(f => Records.ReadFile(f)[0].Str("file_uuid")).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 500), records.Select(r => r["Index"]!.GetValue<int>()).Order());
    }

    [Fact]
    public void Many_threads_logging_into_one_file_lose_and_interleave_nothing()
    {
        const int threads = 8;
        const int perThread = 20_000;
        using var logging = new FileLogging(handler: h => h.FullMode = QueueFullMode.Block);
        var logger = logging.Logger();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var i = 0; i < perThread; i++)
            {
                logger.LogInformation("Writer {Writer} record {Index} with text {Text}", t, i, "payload-" + i);
            }
        });
        logging.Factory.Dispose();

        var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(logging.Directory)));
        var seen = new HashSet<(int, int)>();
        foreach (var line in lines.Skip(1))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            Assert.True(root.TryGetProperty("Writer", out _), $"a record that is none of the writers': {line}");
            var writer = root.GetProperty("Writer").GetInt32();
            var index = root.GetProperty("Index").GetInt32();
            Assert.Equal("payload-" + index, root.GetProperty("Text").GetString());
            Assert.True(seen.Add((writer, index)), $"duplicate {writer}/{index}");
        }

        Assert.Equal(threads * perThread, seen.Count);
        logging.Complete();
    }

    [Fact]
    public void Per_handler_level_and_key_filters_choose_the_records()
    {
        using var directory = new TempDirectory();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddWideEvents(o =>
               {
                   o.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory.File("all") });
                   o.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory.File("warnings"), MinimumLevel = LogLevel.Warning });
                   o.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory.File("metrics"), RequireKey = "metric" });
               })))
        {
            var logger = factory.CreateLogger("x");
            logger.LogDebug("debug");
            logger.LogWarning("warning");
            logger.LogMetric("queue", 3);
        }

        Assert.Equal(3, Records.ReadDirectory(directory.File("all")).WithoutHeaders().Count);
        Assert.Equal("warning", Assert.Single(Records.ReadDirectory(directory.File("warnings")).WithoutHeaders()).Str("@mt"));
        Assert.Equal("queue", Assert.Single(Records.ReadDirectory(directory.File("metrics")).WithoutHeaders()).Str("metric"));
    }
}
