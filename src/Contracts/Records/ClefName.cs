using System.Text.Json;

namespace WideEvents.Contracts.Records;

/// <summary>A property name encoded once for <see cref="ClefWriter"/>: its quoted, escaped UTF-8 bytes and the colon.</summary>
public readonly struct ClefName
{
    private readonly byte[] _utf8;

    /// <summary>Encodes <paramref name="name"/> as written (no <c>@</c> doubling: the caller decides the name).</summary>
    public ClefName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        var encoded = JsonEncodedText.Encode(name, ClefWriter.Encoder).EncodedUtf8Bytes;
        _utf8 = new byte[encoded.Length + 3];
        _utf8[0] = (byte)'"';
        encoded.CopyTo(_utf8.AsSpan(1));
        _utf8[^2] = (byte)'"';
        _utf8[^1] = (byte)':';
    }

    /// <summary>The name as given.</summary>
    public string Name { get; }

    /// <summary><c>"name":</c> in UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;
}
