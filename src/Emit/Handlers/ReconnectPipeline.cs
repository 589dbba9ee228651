using Polly;
using Polly.Retry;
using WideEvents.Contracts.Client;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// The retry policy of handlers whose destination can go away and come back: never give up
/// (the queue in front bounds what waits), exponential backoff with jitter, capped so a
/// listener that returns is found within seconds.
/// </summary>
internal static class ReconnectPipeline
{
    public static ResiliencePipeline Create(TimeSpan maxDelay, Action<Exception?> onRetry) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // The Ingest clients' one rule (a refused token included: the outage is reported,
                // and records wait for an operator to fix it).
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IngestChannel.ShouldRetry),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = maxDelay,
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
