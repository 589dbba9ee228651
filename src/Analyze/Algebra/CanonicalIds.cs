using WideEvents.Analyze.Records;
using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// Numbers the canonical forms (<see cref="Value.Canonical"/>) of column cells, so rules join on
/// ints: a dictionary string is canonicalised once per distinct string, not once per row, and a
/// number held as a number needs no text at all.
/// </summary>
internal sealed class CanonicalIds
{
    // Integers (most ids) apart, in a map hashed on the number alone.
    private readonly Dictionary<long, int> _integers = [];
    private readonly Dictionary<Value, int> _ids = [];
    private readonly List<Value> _values = [];
    private readonly Dictionary<ColumnStrings, int[]> _byString = new(ReferenceEqualityComparer.Instance);
    private ColumnStrings? _lastStrings;
    private int[]? _lastMap;

    // Integers in [0, Direct) are their own ids (task and try ids, process ids: no lookup at all);
    // every other canonical value is numbered from Direct up.
    private const int Direct = 1 << 30;

    /// <summary>The canonical value of an id.</summary>
    public Value this[int id] => id < Direct ? Value.From((long)id) : _values[id - Direct];

    /// <summary>The id of the cell's canonical form, or -1 when the cell is absent or null.</summary>
    public int Of(Column column, int row)
    {
        switch (column.Kind(row))
        {
            case CellKind.Absent or CellKind.Null:
                return -1;
            case CellKind.Long or CellKind.LongText:
                // NumericText took integers only in the form ValueNormalizer turns into this integer.
                return Integer(column.Payload(row));
            case CellKind.String:
                var strings = column.Strings;
                var id = (int)column.Payload(row);
                // The same column is asked for row after row: its map is kept at hand.
                var map = ReferenceEquals(strings, _lastStrings) ? _lastMap : null;
                if ((map is null && !_byString.TryGetValue(strings, out map)) || map!.Length <= id)
                {
                    var grown = new int[Math.Max(16, strings.Count * 2)];
                    Array.Fill(grown, -1);
                    map?.CopyTo(grown, 0);
                    _byString[strings] = map = grown;
                }
                _lastStrings = strings;
                _lastMap = map;
                if (map[id] < 0)
                {
                    map[id] = Id(Value.From(strings[id]).Canonical());
                }
                return map[id];
            default:
                return Id(column.Get(row).Canonical());
        }
    }

    private int Integer(long n)
    {
        if ((ulong)n < Direct)
        {
            return (int)n;
        }
        if (!_integers.TryGetValue(n, out var id))
        {
            id = Direct + _values.Count;
            _values.Add(Value.From(n));
            _integers.Add(n, id);
        }
        return id;
    }

    private int Id(Value canonical)
    {
        if (canonical.Kind == ValueKind.Long)
        {
            return Integer(canonical.AsLong);
        }
        if (!_ids.TryGetValue(canonical, out var id))
        {
            id = Direct + _values.Count;
            _values.Add(canonical);
            _ids.Add(canonical, id);
        }
        return id;
    }
}
