using Polly.CircuitBreaker;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Sinks;

namespace WideEvents.Shipper.Tests.Sinks;

/// <summary>The gRPC sink's Polly pipeline on a virtual clock: the circuit breaker holds calls back for its break, then lets one through.</summary>
public sealed class GrpcSinkPipelineTests
{
    private static readonly GrpcSinkOptions Options = new()
    {
        Address = "http://127.0.0.1:1",
        BreakSeconds = 5,
        RetryBaseDelaySeconds = 1,
        RetryMaxDelaySeconds = 1,
        // Longer than VirtualClock fires by itself: no call times out in these tests.
        CallTimeoutSeconds = 3600,
    };

    [Fact]
    public async Task After_three_failed_calls_the_breaker_holds_calls_back_for_its_break_then_one_goes_through()
    {
        var (calls, retries) = await Run(failures: 3);

        Assert.Equal(4, calls.Count);
        // Retries alone would call again within a second (delays of at most 1 s); the open breaker waits 5.
        Assert.All(calls.Zip(calls.Skip(1)).Take(2), p => Assert.InRange(p.Second - p.First, 0, 1.0001));
        Assert.InRange(calls[3] - calls[2], Options.BreakSeconds, Options.BreakSeconds + 1.0001);
        // Meanwhile the retry kept trying and the breaker refused without calling.
        Assert.Contains(retries, e => e is BrokenCircuitException);
    }

    [Fact]
    public async Task A_failed_call_after_the_break_opens_the_breaker_again()
    {
        var (calls, _) = await Run(failures: 4);

        Assert.Equal(5, calls.Count);
        Assert.InRange(calls[3] - calls[2], Options.BreakSeconds, Options.BreakSeconds + 1.0001);
        Assert.InRange(calls[4] - calls[3], Options.BreakSeconds, Options.BreakSeconds + 1.0001);
    }

    [Fact]
    public async Task Calls_that_succeed_leave_the_breaker_closed()
    {
        var (calls, retries) = await Run(failures: 0);

        Assert.Single(calls);
        Assert.Empty(retries);
    }

    /// <summary>Runs one delivery whose first <paramref name="failures"/> calls fail; the virtual times of the calls (s) and the retried exceptions.</summary>
    private static async Task<(List<double> Calls, List<Exception?> Retries)> Run(int failures)
    {
        var clock = new VirtualClock();
        var retries = new List<Exception?>();
        var pipeline = GrpcSink.BuildPipeline(Options, new RetryDelays(new FullJitterBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))), clock, args =>
        {
            retries.Add(args.Outcome.Exception);
            return ValueTask.CompletedTask;
        });
        var calls = new List<double>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await pipeline.ExecuteAsync(_ =>
        {
            calls.Add(clock.Seconds);
            return calls.Count <= failures ? throw new IOException("collector down") : ValueTask.CompletedTask;
        }, stop.Token);
        return (calls, retries);
    }

    /// <summary>
    /// A clock that moves only when a timer is set: a timer due within a minute (a retry delay) fires
    /// at once and moves the clock by its due time; a longer one (a call timeout) never fires.
    /// </summary>
    private sealed class VirtualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public double Seconds => (_now - new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds;

        public override DateTimeOffset GetUtcNow() => _now;

        public override long GetTimestamp() => _now.UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime >= TimeSpan.Zero && dueTime <= TimeSpan.FromMinutes(1))
            {
                _now += dueTime;
                callback(state);
            }
            return new IdleTimer();
        }

        private sealed class IdleTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
