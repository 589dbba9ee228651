using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// A question to a Recent handler, one JSON line on its socket:
/// <c>{"where": {"task_id": "17"}, "since": "2026-12-03T10:00:00Z", "limit": 100}</c> (all parts
/// optional). A record matches when each <c>where</c> key is a top-level property whose value,
/// as text (a string's content, a number or boolean as written), equals the given one, and its
/// <c>@t</c> is at or after <c>since</c>; <c>limit</c> keeps the most recent matches.
/// </summary>
internal sealed class RecentQuery
{
    private readonly (byte[] Key, string Value, byte[] Raw)[] _where;
    private readonly DateTime? _since;

    private RecentQuery((byte[], string, byte[])[] where, DateTime? since, int? limit)
    {
        _where = where;
        _since = since;
        Limit = limit;
    }

    public int? Limit { get; }

    /// <summary>Reads a query; a problem with it is a <see cref="FormatException"/> that says what.</summary>
    public static RecentQuery Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("a query is a JSON object");
            }

            var where = new List<(byte[], string, byte[])>();
            if (root.TryGetProperty("where", out var pairs))
            {
                foreach (var pair in pairs.EnumerateObject())
                {
                    var value = pair.Value.ValueKind == JsonValueKind.String ? pair.Value.GetString()! : pair.Value.GetRawText();
                    where.Add((Encoding.UTF8.GetBytes(pair.Name), value, Encoding.UTF8.GetBytes(value)));
                }
            }

            DateTime? since = null;
            if (root.TryGetProperty("since", out var time))
            {
                since = DateTime.Parse(time.GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            }

            int? limit = root.TryGetProperty("limit", out var max) ? max.GetInt32() : null;
            if (limit < 0)
            {
                throw new FormatException("limit is not negative");
            }

            return new RecentQuery([.. where], since, limit);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"bad query ({e.Message}); expected {{\"where\": {{\"KEY\": \"VALUE\"}}, \"since\": \"ISO-8601\", \"limit\": N}}", e);
        }
    }

    public bool Matches(ReadOnlySpan<byte> record)
    {
        if (_where.Length == 0 && _since is null)
        {
            return true;
        }

        var found = 0;
        var timeOk = _since is null;
        var reader = new Utf8JsonReader(record);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTime = _since is not null && reader.ValueTextEquals("@t"u8);
            var index = IndexOfKey(ref reader);
            reader.Read();
            if (isTime && reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var time))
            {
                timeOk = time.ToUniversalTime() >= _since;
            }

            if (index >= 0 && ValueEquals(ref reader, _where[index]))
            {
                found++;
            }

            reader.Skip();
        }

        return timeOk && found == _where.Length;
    }

    private int IndexOfKey(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _where.Length; i++)
        {
            if (reader.ValueTextEquals(_where[i].Key))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool ValueEquals(ref Utf8JsonReader reader, (byte[] Key, string Value, byte[] Raw) expected) => reader.TokenType switch
    {
        JsonTokenType.String => reader.ValueTextEquals(expected.Value),
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => reader.ValueSpan.SequenceEqual(expected.Raw),
        _ => false,
    };
}
