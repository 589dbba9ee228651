using Microsoft.Extensions.Logging;
using WideEvents.Emit.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Handlers;

[Collection(ProcessWideCollection.Name)]
public sealed class QueueTests
{
    [Fact]
    public async Task A_full_queue_drops_the_newest_counts_them_and_reports_the_count_as_a_record()
    {
        var writer = new GatedWriter();
        var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
            o.AddWriter("gated-dropping", writer, h => h.QueueCapacity = 10)));
        var logger = factory.CreateLogger("x");

        // The writer stays stuck until the loop is over: a caller that blocked would never finish.
        await Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                logger.LogInformation("record {Index}", i);
            }
        }).WaitAsync(TimeSpan.FromSeconds(60));

        // The formatting thread may still be handing records over when the loop ends: the bound
        // holds for what reached the handler while its writer was stuck, so it opens only after.
        var provider = WideEventsLoggerProvider.LiveProviders.Snapshot().Single(p => p.Handlers.Any(h => h.Name == "gated-dropping"));
        Assert.True(provider.WaitUntilFormatted(TimeSpan.FromSeconds(30)));
        writer.Open();
        await factory.DisposeAsyncOrDispose();

        var records = writer.Records;
        // One notice per catch-up: one or two here, depending on when the drain first woke.
        var notices = records.Where(r => r.ContainsKey("dropped_records")).ToList();
        var kept = records.Count(r => r.ContainsKey("Index"));
        Assert.InRange(notices.Count, 1, 2);
        Assert.All(notices, n => Assert.Equal("Warning", n.Str("@l")));
        Assert.Equal(1000, kept + notices.Sum(n => n["dropped_records"]!.GetValue<long>()));
        Assert.Equal(1000 - kept, notices[^1]["dropped_records_total"]!.GetValue<long>());
        Assert.InRange(kept, 10, 20);
    }

    [Fact]
    public async Task Block_mode_makes_the_caller_wait_instead_of_dropping()
    {
        var writer = new GatedWriter();
        var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
            o.AddWriter("gated", writer, h => { h.QueueCapacity = 4; h.FullMode = QueueFullMode.Block; })));
        var logger = factory.CreateLogger("x");

        var logging = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                logger.LogInformation("record {Index}", i);
            }
        });
        await Task.Delay(300);
        Assert.False(logging.IsCompleted, "the caller should be waiting for room");
        writer.Open();
        await logging.WaitAsync(TimeSpan.FromSeconds(10));
        await factory.DisposeAsyncOrDispose();

        Assert.Equal(200, writer.Records.Count(r => r.ContainsKey("Index")));
        Assert.DoesNotContain(writer.Records, r => r.ContainsKey("dropped_records"));
    }

    [Fact]
    public async Task Shutdown_with_a_blocked_handler_whose_destination_never_returns_ends_and_frees_the_caller()
    {
        var writer = new GatedWriter();
        var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
            o.AddWriter("never", writer, h => { h.QueueCapacity = 4; h.FullMode = QueueFullMode.Block; h.ShutdownTimeoutMilliseconds = 200; })));
        var logger = factory.CreateLogger("x");
        var logging = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                logger.LogInformation("record {Index}", i);
            }
        });
        await Task.Delay(300);
        Assert.False(logging.IsCompleted, "the caller should be waiting for room");

        // The gate never opens: shutdown must still end, and the waiting caller go on.
        await factory.DisposeAsyncOrDispose().WaitAsync(TimeSpan.FromSeconds(20));
        await logging.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_failing_handler_says_so_once_on_stderr_and_the_process_goes_on()
    {
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(stderr);
        try
        {
            using var directory = new TempDirectory();
            var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
            {
                o.AddWriter("broken disk", new FailingWriter());
                o.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory.Path });
            }));
            var logger = factory.CreateLogger("x");
            for (var i = 0; i < 50; i++)
            {
                logger.LogInformation("record {Index}", i);
                await Task.Delay(1);
            }

            await factory.DisposeAsyncOrDispose();

            var text = stderr.ToString();
            Assert.Single(text.Split('\n'), l => l.Contains("handler 'broken disk' failed"));
            Assert.Contains("No space left on device", text);
            Assert.Equal(50, Records.ReadDirectory(directory.Path).WithoutHeaders().Count);
        }
        finally
        {
            Console.SetError(original);
        }
    }

    private sealed class FailingWriter : IRecordWriter
    {
        public ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken) =>
            throw new IOException("No space left on device");

        public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
