using System.Text;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Reports;

/// <summary>A record's message, rendered at most once however many rules look at it.</summary>
internal struct MessageText
{
    private static readonly string[] MessageKeys = ["@m", "formatted", "message"];

    private string? _text;
    private bool _read;
    private Column? _cell;
    private long _payload;
    private bool _located;

    public string? Of(Record r)
    {
        if (!_read)
        {
            _text = r.Message();
            _read = true;
        }
        return _text;
    }

    /// <summary>
    /// Whether the message contains <paramref name="needle"/> (false without a message). A message
    /// held as UTF-8 text is searched as it is, so the many records a rule's filter turns away
    /// are never decoded.
    /// </summary>
    public bool Contains(Record r, string needle, byte[]? asciiNeedle)
    {
        if (!_read && asciiNeedle is not null)
        {
            if (!_located)
            {
                (_cell, _payload) = TextCell(r);
                _located = true;
            }
            if (_cell is not null)
            {
                // ASCII bytes never occur inside a multi-byte (or invalid) sequence, so the search agrees with the decoded string's.
                return _cell.Strings.TextBytes(_payload).IndexOf(asciiNeedle) >= 0;
            }
        }
        return Of(r) is { } message && message.Contains(needle, StringComparison.Ordinal);
    }

    /// <summary>The UTF-8 of <paramref name="needle"/> when it is all ASCII, else null (for <see cref="Contains"/>).</summary>
    public static byte[]? AsciiBytes(string? needle) => needle is not null && Ascii.IsValid(needle) ? Encoding.ASCII.GetBytes(needle) : null;

    // The column and offset of the record's message when the first message key it has is an arena text cell.
    private static (Column?, long) TextCell(Record r)
    {
        foreach (var key in MessageKeys)
        {
            if (r.Store.Find(key) is not { } column)
            {
                continue;
            }
            switch (column.Kind(r.Row))
            {
                case CellKind.Absent or CellKind.Null:
                    continue;
                case CellKind.Text:
                    return (column, column.Payload(r.Row));
                default:
                    return (null, 0);
            }
        }
        return (null, 0);
    }
}
