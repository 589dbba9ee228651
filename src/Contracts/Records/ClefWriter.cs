using System.Runtime.CompilerServices;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WideEvents.Contracts.Records;

/// <summary>
/// Writes one flat CLEF record (a JSON object of scalars) as UTF-8 into a reusable buffer. Names
/// are encoded once (<see cref="ClefName"/>) and copied; a string of printable ASCII, the usual
/// case, is checked and narrowed with vectorised searches and copied; anything else is escaped
/// as <c>System.Text.Json</c> escapes it with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// (non-ASCII written raw, as Serilog's CLEF formatter does). No validation: callers write one
/// object of name/value pairs, which is all a record is.
/// </summary>
public sealed class ClefWriter
{
    private static readonly SearchValues<char> SafeAscii = SearchValues.Create(SafeAsciiChars());
    private byte[] _buffer;
    private int _length;
    private bool _first;

    /// <summary>A writer whose buffer starts at <paramref name="capacity"/> bytes and grows as needed.</summary>
    public ClefWriter(int capacity = 1024) => _buffer = new byte[Math.Max(16, capacity)];

    /// <summary>The encoder used for everything that is not printable ASCII.</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>What has been written since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Forgets what was written; the buffer is kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reset()
    {
        _length = 0;
        _first = true;
    }

    /// <summary>Writes <c>{</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StartObject()
    {
        Ensure(1);
        _buffer[_length++] = (byte)'{';
        _first = true;
    }

    /// <summary>Writes <c>}</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndObject()
    {
        Ensure(1);
        _buffer[_length++] = (byte)'}';
    }

    /// <summary>Writes a property name (and the comma before it when it is not the first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Name(ClefName name)
    {
        var bytes = name.Utf8;
        Ensure(bytes.Length + 1);
        if (!_first)
        {
            _buffer[_length++] = (byte)',';
        }

        _first = false;
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Writes <paramref name="properties"/>, pre-rendered <c>,"name":value</c> pairs, after what is written so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Properties(ReadOnlySpan<byte> properties)
    {
        if (properties.IsEmpty)
        {
            return;
        }

        // The block begins with its own comma; at the start of an object, drop it.
        var block = _first ? properties[1..] : properties;
        Ensure(block.Length);
        block.CopyTo(_buffer.AsSpan(_length));
        _length += block.Length;
        _first = false;
    }

    /// <summary>Writes a value that is already JSON (a pre-rendered scalar).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Raw(ReadOnlySpan<byte> json)
    {
        Ensure(json.Length);
        json.CopyTo(_buffer.AsSpan(_length));
        _length += json.Length;
    }

    /// <summary>Writes a string value, or <c>null</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void String(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        String(value.AsSpan());
    }

    /// <summary>Writes a string value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void String(ReadOnlySpan<char> value)
    {
        if (!value.ContainsAnyExcept(SafeAscii))
        {
            Ensure(value.Length + 2);
            _buffer[_length++] = (byte)'"';
            Ascii.FromUtf16(value, _buffer.AsSpan(_length), out var written);
            _length += written;
            _buffer[_length++] = (byte)'"';
            return;
        }

        var encoded = JsonEncodedText.Encode(value, Encoder).EncodedUtf8Bytes;
        Ensure(encoded.Length + 2);
        _buffer[_length++] = (byte)'"';
        encoded.CopyTo(_buffer.AsSpan(_length));
        _length += encoded.Length;
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>Writes a string value given as text already escaped for JSON, without its quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EscapedString(ReadOnlySpan<byte> escapedUtf8)
    {
        Ensure(escapedUtf8.Length + 2);
        _buffer[_length++] = (byte)'"';
        escapedUtf8.CopyTo(_buffer.AsSpan(_length));
        _length += escapedUtf8.Length;
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>Writes a value's UTF-8 formatting (<c>O</c> for a date, <c>D</c> for a Guid) as a string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FormattedString<T>(T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        Ensure(66);
        _buffer[_length++] = (byte)'"';
        if (!value.TryFormat(_buffer.AsSpan(_length, 64), out var written, format, CultureInfo.InvariantCulture))
        {
            _length--;
            String(string.Create(CultureInfo.InvariantCulture, $"{value}"));
            return;
        }

        _length += written;
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>Writes a number.</summary>
    public void Number(long value) => Formatted(value);

    /// <summary>Writes a number.</summary>
    public void Number(ulong value) => Formatted(value);

    /// <summary>Writes a number.</summary>
    public void Number(decimal value) => Formatted(value);

    /// <summary>Writes a finite number in its shortest round-trip form; NaN and infinities as strings, as Serilog does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Number(double value)
    {
        if (double.IsFinite(value))
        {
            Formatted(value);
        }
        else
        {
            String(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    public void Bool(bool value) => Raw(value ? "true"u8 : "false"u8);

    /// <summary>Writes <c>null</c>.</summary>
    public void Null() => Raw("null"u8);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Formatted<T>(T value)
        where T : IUtf8SpanFormattable
    {
        Ensure(64);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }

    private static string SafeAsciiChars()
    {
        var chars = new StringBuilder();
        for (var c = ' '; c <= '~'; c++)
        {
            if (c is not '"' and not '\\')
            {
                chars.Append(c);
            }
        }

        return chars.ToString();
    }
}
