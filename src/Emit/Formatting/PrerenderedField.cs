using System.Collections.Concurrent;
using System.Text.Json;

namespace WideEvents.Emit.Formatting;

/// <summary>A field whose name and value were encoded once and are copied into every record.</summary>
internal readonly struct PrerenderedField
{
    // Identity keys are few (task_id, try_id, ...) and bound again and again: encode each once.
    private static readonly ConcurrentDictionary<string, JsonEncodedText> EncodedKeys = new(StringComparer.Ordinal);

    public PrerenderedField(string key, object? value)
    {
        Key = key;
        EncodedKey = EncodedKeys.GetOrAdd(key, static k => JsonEncodedText.Encode(RecordFormatter.EscapeKey(k), RecordFormatter.WriterOptions.Encoder));
        RawValue = PropertyValueWriter.Render(value);
        Bit = WrittenKeys.BitOf(key);
    }

    public string Key { get; }

    public JsonEncodedText EncodedKey { get; }

    public byte[] RawValue { get; }

    /// <summary>The key's filter bit for <see cref="WrittenKeys"/>.</summary>
    public ulong Bit { get; }

    public void WriteTo(Utf8JsonWriter writer, ref WrittenKeys keys)
    {
        if (keys.TryAdd(Key, Bit))
        {
            writer.WritePropertyName(EncodedKey);
            writer.WriteRawValue(RawValue, skipInputValidation: true);
        }
    }
}
