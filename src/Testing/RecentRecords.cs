using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WideEvents.Emit;

namespace WideEvents.Testing;

/// <summary>
/// Asks a live process what it did, from its Recent handler (its last records, kept in memory),
/// without reading its files:
/// <code>
/// options.Handlers.Add(RecentRecords.Handler("/tmp/run/{component}.{pid}.sock"));  // in the process
/// var records = await RecentRecords.QueryAsync(socket, where: new() { ["task_id"] = "17" });
/// </code>
/// </summary>
public static class RecentRecords
{
    /// <summary>A Recent handler answering on <paramref name="socketPath"/> (<c>{component}</c>, <c>{pid}</c> and <c>{host}</c> are filled in).</summary>
    public static HandlerOptions Handler(string socketPath, LogLevel minimumLevel = LogLevel.Debug, int records = 10_000) => new()
    {
        Type = HandlerType.Recent,
        Path = socketPath,
        MinimumLevel = minimumLevel,
        RecentRecords = records,
    };

    /// <summary>
    /// The records the process still holds whose fields equal <paramref name="where"/> (values as
    /// text: <c>"17"</c> matches the number 17) and whose <c>@t</c> is at or after
    /// <paramref name="since"/>, oldest first; with <paramref name="limit"/>, only the most recent ones.
    /// </summary>
    /// <exception cref="InvalidOperationException">The process refused the query; the message says why.</exception>
    public static async Task<IReadOnlyList<JsonElement>> QueryAsync(
        string socketPath,
        IReadOnlyDictionary<string, string>? where = null,
        DateTimeOffset? since = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var query = new Dictionary<string, object>();
        if (where is not null)
        {
            query["where"] = where;
        }

        if (since is not null)
        {
            query["since"] = since.Value.UtcDateTime.ToString("O");
        }

        if (limit is not null)
        {
            query["limit"] = limit.Value;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(query) + "\n"), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var records = new List<JsonElement>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is string line)
        {
            var record = JsonDocument.Parse(line).RootElement.Clone();
            if (records.Count == 0 && record.TryGetProperty("error", out var error) && record.EnumerateObject().Count() == 1)
            {
                throw new InvalidOperationException($"{socketPath}: {error.GetString()}");
            }

            records.Add(record);
        }

        return records;
    }
}
