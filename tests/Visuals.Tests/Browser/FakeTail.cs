using System.Net;
using System.Text;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WideEvents.Contracts.V1;

namespace WideEvents.Visuals.Tests.Browser;

/// <summary>A real gRPC Tail server on loopback (HTTP/2 without TLS) that streams whatever the test sends.</summary>
public sealed class FakeTail : IAsyncDisposable
{
    private readonly Channel<TailRecord> _records = Channel.CreateUnbounded<TailRecord>();
    private readonly WebApplication _app;
    private ulong _sequence;

    private FakeTail(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<FakeTail> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        FakeTail? tail = null;
        builder.Services.AddSingleton(_ => new TailService(() => tail!._records.Reader));
        var app = builder.Build();
        app.MapGrpcService<TailService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        tail = new FakeTail(app, new Uri(address));
        return tail;
    }

    public void Send(string clefJson) =>
        _records.Writer.TryWrite(new TailRecord { SourceId = "test", Sequence = ++_sequence, Record = ByteString.CopyFrom(Encoding.UTF8.GetBytes(clefJson)) });

    public async ValueTask DisposeAsync()
    {
        _records.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class TailService(Func<ChannelReader<TailRecord>> reader) : Tail.TailBase
    {
        public override async Task Subscribe(TailRequest request, IServerStreamWriter<TailRecord> responseStream, ServerCallContext context)
        {
            await context.WriteResponseHeadersAsync([]);
            await foreach (var record in reader().ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(record, context.CancellationToken);
            }
        }
    }
}
