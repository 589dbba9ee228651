using System.Net.Sockets;
using Grpc.Core;
using Polly;
using Polly.Retry;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// The retry policy of handlers whose destination can go away and come back: never give up
/// (the queue in front bounds what waits), exponential backoff with jitter, capped so a
/// listener that returns is found within seconds.
/// </summary>
internal static class ReconnectPipeline
{
    public static ResiliencePipeline Create(string handlerName, TimeSpan maxDelay, Action<Exception?> onRetry) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<SocketException>()
                    .Handle<IOException>()
                    .Handle<ObjectDisposedException>()
                    .Handle<RpcException>(e => e.StatusCode is not StatusCode.PermissionDenied and not StatusCode.Unauthenticated and not StatusCode.InvalidArgument),
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
