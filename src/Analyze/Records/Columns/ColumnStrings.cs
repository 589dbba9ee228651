using System.Text;

namespace WideEvents.Analyze.Records.Columns;

/// <summary>
/// The strings of one column: a dictionary (each distinct value once, cells hold its id) for
/// values that repeat (templates, thread names, run ids), and a UTF-8 text arena for values that
/// do not (rendered messages), which costs a value's bytes instead of a string object each.
/// </summary>
/// <remarks>
/// A column starts in dictionary mode; after a trial of <see cref="Trial"/> lookups of which
/// fewer than half found an earlier value, new values go to the arena (the dictionary's
/// entries stay valid). The arena is blocks of 1 MiB, so it grows without copying.
/// </remarks>
internal sealed class ColumnStrings
{
    private const int Trial = 512;
    private const int MaxDictionaryLength = 256;
    private const int BlockBits = 20;
    private const int BlockSize = 1 << BlockBits;

    private readonly List<string> _values = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<byte[]> _blocks = [];
    private int _used = BlockSize;
    private readonly byte[] _lastBuffer = new byte[64];
    private ReadOnlyMemory<byte> _lastBytes = ReadOnlyMemory<byte>.Empty;
    private int _lastId = -1;
    private int _lookups;
    private int _hits;

    public ColumnStrings() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True once the trial found the values too rarely repeated for a dictionary.</summary>
    public bool DictionaryOff { get; private set; }

    /// <summary>How many distinct strings the dictionary holds (ids are 0 to Count - 1).</summary>
    public int Count => _values.Count;

    /// <summary>The dictionary string of <paramref name="id"/>.</summary>
    public string this[int id] => _values[id];

    /// <summary>The dictionary id of <paramref name="value"/>, added if new (whatever the mode).</summary>
    public int Id(string value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _values.Count;
            _values.Add(value);
            _ids.Add(value, id);
        }
        return id;
    }

    /// <summary>
    /// The dictionary id of these UTF-8 bytes (decoded, invalid sequences replaced), or false when
    /// the value should go to the arena instead (<see cref="DictionaryOff"/>, or too long to repeat).
    /// </summary>
    public bool TryId(ReadOnlySpan<byte> utf8, out int id)
    {
        if (DictionaryOff || utf8.Length > MaxDictionaryLength)
        {
            id = -1;
            return false;
        }
        if (_lastId >= 0 && utf8.SequenceEqual(_lastBytes.Span))
        {
            // Consecutive lines repeat values (the process, the level, the run): no decoding or hashing.
            _lookups++;
            _hits++;
            id = _lastId;
            return true;
        }
        Span<char> chars = stackalloc char[MaxDictionaryLength];
        var span = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        _lookups++;
        if (_lookup.TryGetValue(span, out id))
        {
            _hits++;
        }
        else
        {
            id = Id(span.ToString());
        }
        if (_lookups >= Trial && _hits * 2 < Trial && !DictionaryOff)
        {
            DictionaryOff = true;
        }
        if (utf8.Length <= _lastBuffer.Length)
        {
            utf8.CopyTo(_lastBuffer);
            _lastBytes = _lastBuffer.AsMemory(0, utf8.Length);
            _lastId = id;
        }
        return true;
    }

    /// <summary>Appends UTF-8 text to the arena; the answer is its offset.</summary>
    public long AddText(ReadOnlySpan<byte> utf8)
    {
        Span<byte> prefix = stackalloc byte[5];
        var p = 0;
        var n = (uint)utf8.Length;
        do
        {
            var b = (byte)(n & 0x7F);
            n >>= 7;
            prefix[p++] = n == 0 ? b : (byte)(b | 0x80);
        }
        while (n != 0);
        var need = p + utf8.Length;
        if (need > BlockSize)
        {
            // A value longer than a block gets a block of its own (and the next value a fresh one).
            var own = new byte[need];
            prefix[..p].CopyTo(own);
            utf8.CopyTo(own.AsSpan(p));
            _blocks.Add(own);
            _used = BlockSize;
            return (long)(_blocks.Count - 1) << BlockBits;
        }
        if (_used + need > BlockSize)
        {
            _blocks.Add(new byte[BlockSize]);
            _used = 0;
        }
        var block = _blocks[^1];
        prefix[..p].CopyTo(block.AsSpan(_used));
        utf8.CopyTo(block.AsSpan(_used + p));
        var offset = ((long)(_blocks.Count - 1) << BlockBits) | (uint)_used;
        _used += need;
        return offset;
    }

    /// <summary>The UTF-8 bytes of the arena text at <paramref name="offset"/>.</summary>
    public ReadOnlySpan<byte> TextBytes(long offset)
    {
        var block = _blocks[(int)(offset >> BlockBits)];
        var at = (int)(offset & (BlockSize - 1));
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            b = block[at++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return block.AsSpan(at, length);
    }

    /// <summary>The arena text at <paramref name="offset"/> as a string.</summary>
    public string Text(long offset) => Encoding.UTF8.GetString(TextBytes(offset));
}
