using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Logging;

namespace WideEvents.Shipper.Security;

/// <summary>
/// Requires <c>authorization: Bearer TOKEN</c> on every call when a token is configured;
/// anything else is refused with PermissionDenied and logged.
/// </summary>
internal sealed class BearerTokenInterceptor(ServerToken token, TokenUsers users, ShipperMetrics metrics, ILogger<BearerTokenInterceptor> logger) : Interceptor
{
    /// <summary>Where the caller's user name (<see cref="TokenUsers"/>) is kept in <see cref="ServerCallContext.UserState"/>.</summary>
    public const string UserKey = "wideevents.user";

    private const string Scheme = "Bearer ";

    /// <summary>The user the caller's token names (<c>Grpc:UsersFile</c>), or null: taken from the token, never from the records.</summary>
    public static string? UserOf(ServerCallContext context) =>
        context.UserState.TryGetValue(UserKey, out object? user) ? (string)user : null;
    private readonly byte[]? _expected = token.Value is null ? null : Encoding.UTF8.GetBytes(token.Value);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Check(ServerCallContext context)
    {
        if (_expected is null && users.IsEmpty)
        {
            return;
        }

        // The scheme is case-insensitive (RFC 9110); the token is compared in constant time.
        string? presented = context.RequestHeaders.GetValue("authorization");
        if (presented is not null && presented.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            byte[] bytes = Encoding.UTF8.GetBytes(presented[Scheme.Length..].Trim());
            if (users.UserOf(bytes) is { } user)
            {
                context.UserState[UserKey] = user;
                return;
            }

            if (_expected is not null && CryptographicOperations.FixedTimeEquals(bytes, _expected))
            {
                return;
            }
        }

        metrics.RefusedCalls.Increment();
        ShipperLog.CallRefused(logger, context.Method, context.Peer, presented is null ? "no token" : "wrong token");
        throw new RpcException(new Status(StatusCode.PermissionDenied, "A valid bearer token is required."));
    }
}
