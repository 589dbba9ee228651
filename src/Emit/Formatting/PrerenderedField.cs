using System.Runtime.CompilerServices;
using WideEvents.Contracts.Records;

namespace WideEvents.Emit.Formatting;

/// <summary>A field whose name and value were encoded once and are copied into every record.</summary>
internal readonly struct PrerenderedField
{
    public PrerenderedField(string key, object? value)
    {
        Key = key;
        Name = ClefNames.Of(key);
        RawValue = PropertyValueWriter.Render(value);
        Bit = WrittenKeys.BitOf(key);
    }

    public string Key { get; }

    public ClefName Name { get; }

    public byte[] RawValue { get; }

    /// <summary>The key's filter bit for <see cref="WrittenKeys"/>.</summary>
    public ulong Bit { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteTo(ClefWriter writer, ref WrittenKeys keys)
    {
        if (keys.TryAdd(Key, Bit))
        {
            writer.Name(Name);
            writer.Raw(RawValue);
        }
    }
}
