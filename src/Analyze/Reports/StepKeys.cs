using WideEvents.Analyze.Records;
using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// Builds each distinct step key string once and numbers it, so a million records share a few
/// dozen strings and an entity's shape is a sorted array of small integers. The template part is
/// its <see cref="TemplateShape"/>; span records are named by their span, not by the one
/// template every span record shares.
/// </summary>
internal sealed class StepKeys(IReadOnlyList<string> stepKeys)
{
    private readonly Dictionary<(string, string?, string?), int> _ids = [];
    private readonly Dictionary<string, string> _shapes = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Dictionary<RecordStore, (Column?[], Dictionary<long[], int>)> _stores = new(ReferenceEqualityComparer.Instance);
    private Dictionary<long[], int> _memo = new(CellsComparer.Instance);
    private readonly string[] _cellKeys = [.. CellKeys(stepKeys)];
    private long[] _cells = new long[CellKeys(stepKeys).Count()];
    private Column?[] _columns = [];
    private RecordStore? _store;

    // Every key a step name is read from: the span, the template, the step keys and, for the
    // thread part, the thread keys (RecordViews' lists).
    private static IEnumerable<string> CellKeys(IReadOnlyList<string> stepKeys) =>
        new[] { "span_name", "span_event", "@mt", "msg", "template" }
            .Concat(stepKeys)
            .Concat(stepKeys.Contains("threadName") ? ["threadName", "thread_name", "ThreadName", "thread"] : [])
            .Distinct(StringComparer.Ordinal);

    public string Name(int id) => _names[id];

    public int Id(Record r)
    {
        if (!ReferenceEquals(r.Store, _store))
        {
            UseStore(r.Store);
        }
        // A step is a function of a few cells (the template, span, step-key and thread columns): rows
        // whose cells are the same (the same dictionary ids) get the step found for the first of them.
        var cells = _cells;
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            var kind = column?.Kind(r.Row) ?? CellKind.Absent;
            var payload = kind is CellKind.Absent or CellKind.Null ? 0 : column!.Payload(r.Row);
            if (kind == CellKind.Text || payload >> 56 != 0)
            {
                // Unique text, or a payload the packing below would not keep whole: no memo.
                return Compute(r);
            }
            cells[i] = ((long)kind << 56) | payload;
        }
        if (_memo.GetAlternateLookup<ReadOnlySpan<long>>() is var lookup && lookup.TryGetValue(cells, out var id))
        {
            return id;
        }
        id = Compute(r);
        _memo.Add((long[])cells.Clone(), id);
        return id;
    }

    private void UseStore(RecordStore store)
    {
        // An entity's records come from several files in time order: each store keeps its memo.
        if (!_stores.TryGetValue(store, out var memo))
        {
            _stores[store] = memo = (Array.ConvertAll(_cellKeys, k => store.Find(k)), new Dictionary<long[], int>(CellsComparer.Instance));
        }
        _store = store;
        (_columns, _memo) = memo;
    }

    private int Compute(Record r)
    {
        var raw = r.TryGet("span_name", out var span) && !span.IsNull && r.TryGet("span_event", out var ev) && !ev.IsNull
            ? $"{span}: {ev}"
            : r.Template()!;
        if (!_shapes.TryGetValue(raw, out var template))
        {
            _shapes[raw] = template = TemplateShape.Of(raw);
        }
        var a = stepKeys.Count > 0 ? Part(r, stepKeys[0]) : null;
        var b = stepKeys.Count > 1 ? Part(r, stepKeys[1]) : null;
        if (stepKeys.Count > 2)
        {
            // Rare: fold the remaining parts into the last one.
            b = string.Join("/", stepKeys.Skip(1).Select(k => Part(r, k)));
        }
        if (!_ids.TryGetValue((template, a, b), out var id))
        {
            id = _names.Count;
            _ids[(template, a, b)] = id;
            var parts = new List<string> { template };
            if (a is not null)
            {
                parts.Add(a);
            }
            if (b is not null)
            {
                parts.Add(b);
            }
            _names.Add(string.Join("/", parts));
        }
        return id;
    }

    private static string Part(Record r, string key) =>
        r.TryGet(key, out var v) && !v.IsNull ? v.ToString() : key == "threadName" ? r.Thread() ?? "no thread" : "";
}
