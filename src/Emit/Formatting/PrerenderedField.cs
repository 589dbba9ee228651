using System.Text.Json;

namespace WideEvents.Emit.Formatting;

/// <summary>A field whose name and value were encoded once and are copied into every record.</summary>
internal readonly struct PrerenderedField
{
    public PrerenderedField(string key, object? value)
    {
        Key = key;
        EncodedKey = JsonEncodedText.Encode(RecordFormatter.EscapeKey(key), RecordFormatter.WriterOptions.Encoder);
        RawValue = PropertyValueWriter.Render(value);
    }

    public string Key { get; }

    public JsonEncodedText EncodedKey { get; }

    public byte[] RawValue { get; }

    public void WriteTo(Utf8JsonWriter writer, ref WrittenKeys keys)
    {
        if (keys.TryAdd(Key))
        {
            writer.WritePropertyName(EncodedKey);
            writer.WriteRawValue(RawValue, skipInputValidation: true);
        }
    }
}
