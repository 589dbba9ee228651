using System.Text.Json;
using WideEvents.Analyze.Records;

namespace WideEvents.Web.Data;

/// <summary>One CLEF JSON object (as the Tail service sends it) as a record: scalars as values, nested objects and arrays as their JSON text.</summary>
internal static class ClefRecord
{
    public static Record? Parse(ReadOnlySpan<byte> json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var r = new Record(source);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var key = p.Name.StartsWith("@@", StringComparison.Ordinal) ? p.Name[1..] : p.Name;
                r.Set(key, p.Value.ValueKind switch
                {
                    JsonValueKind.String => Value.From(p.Value.GetString()),
                    JsonValueKind.Number => p.Value.TryGetInt64(out var l) ? Value.From(l) : Value.From(p.Value.GetDouble()),
                    JsonValueKind.True => Value.From(true),
                    JsonValueKind.False => Value.From(false),
                    JsonValueKind.Null => Value.Null,
                    _ => Value.From(p.Value.GetRawText()),
                });
            }
            return r;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
