using System.Text;
using System.Text.Json;
using WideEvents.Contracts.V1;

namespace WideEvents.Shipper.Tail;

/// <summary>Decides whether a record's top-level properties satisfy every filter of a subscription.</summary>
internal static class TailFilterMatcher
{
    public static bool Matches(ReadOnlySpan<byte> json, IReadOnlyList<TailFilter> filters)
    {
        if (filters.Count == 0)
        {
            return true;
        }

        int matched = 0;
        Span<bool> done = filters.Count <= 64 ? stackalloc bool[filters.Count] : new bool[filters.Count];
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                string key = reader.GetString()!;
                reader.Read();
                for (int i = 0; i < filters.Count; i++)
                {
                    if (!done[i] && filters[i].Key == key && (!filters[i].HasEquals_ || Render(ref reader) == filters[i].Equals_))
                    {
                        done[i] = true;
                        matched++;
                    }
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return matched == filters.Count;
    }

    /// <summary>The value as the filter spells it: strings unquoted, numbers as written, true/false/null.</summary>
    private static string? Render(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => null,
    };
}
