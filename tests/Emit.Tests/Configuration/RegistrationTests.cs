using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Configuration;

[Collection(ProcessWideCollection.Name)]
public sealed class RegistrationTests
{
    [Fact]
    public void Calling_AddWideEvents_twice_does_not_double_the_handlers()
    {
        using var directory = new TempDirectory();
        var factory = LoggerFactory.Create(logging =>
        {
            logging.AddWideEvents(o => o.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory.Path }));
            logging.AddWideEvents();
        });
        factory.CreateLogger("x").LogInformation("once");
        factory.Dispose();

        Assert.Single(Records.ReadDirectory(directory.Path).WithoutHeaders());
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void ForceFlush_puts_every_record_logged_before_it_in_the_file_while_the_logger_lives()
    {
        using var logging = new FileLogging(handler: h => h.FlushIntervalMilliseconds = 60_000);
        var logger = logging.Logger();
        for (var i = 0; i < 500; i++)
        {
            logger.LogInformation("record {i}", i);
        }

        Assert.True(WideEventsLogging.ForceFlush(TimeSpan.FromSeconds(10)));

        Assert.Equal(500, Records.ReadDirectory(logging.Directory).WithoutHeaders().Count);
    }

    [Fact]
    public void Emits_own_trouble_goes_to_the_self_log_when_one_is_enabled()
    {
        var messages = new List<string>();
        WideEventsSelfLog.Enable(m => { lock (messages) { messages.Add(m); } });
        try
        {
            using var logging = new FileLogging(handler: h =>
            {
                h.QueueCapacity = 1;
                h.FlushIntervalMilliseconds = 200;
            });
            var logger = logging.Logger();
            for (var i = 0; i < 100; i++)
            {
                logger.LogInformation("record {i}", i);
            }

            logging.Complete();
        }
        finally
        {
            WideEventsSelfLog.Disable();
        }

        Assert.Contains(messages, m => m.Contains("dropped", StringComparison.Ordinal) && m.Contains("queue was full", StringComparison.Ordinal));
    }

    [Fact]
    public void Records_take_their_time_from_the_TimeProvider_registered_with_the_services()
    {
        using var directory = new TempDirectory();
        var factory = LoggerFactory.Create(logging =>
        {
            logging.Services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            logging.AddWideEvents(o => o.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory.Path }));
        });
        factory.CreateLogger("x").LogInformation("at a fixed time");
        factory.Dispose();

        var record = Assert.Single(Records.ReadDirectory(directory.Path).WithoutHeaders());
        Assert.Equal("2030-01-02T03:04:05.0000000Z", record.Str("@t"));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
