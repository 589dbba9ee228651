using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Web.Data;

/// <summary>
/// The records the UI shows: the loaded ones plus any that arrive live. Appends update the
/// <see cref="RecordFold"/> at once; pages read an immutable <see cref="Snapshot"/> made at most once per version.
/// </summary>
internal sealed class RecordStore
{
    private readonly Lock _lock = new();
    private readonly List<Record> _records;
    private readonly RecordFold _fold;
    private Snapshot? _snapshot;

    public RecordStore(IEnumerable<Record> records, IReadOnlyList<Lifecycle>? lifecycles = null)
    {
        Lifecycles = lifecycles ?? Lifecycle.BuiltIn;
        _fold = new RecordFold(Lifecycles);
        _records = records.ToList();
        // Loaded records are folded in time order, as the batch reports read them; live ones as they arrive.
        foreach (var r in _records.OrderBy(r => double.IsNaN(r.Time) ? double.MaxValue : r.Time))
        {
            _fold.Add(r);
        }
    }

    /// <summary>The lifecycles that read entity states.</summary>
    public IReadOnlyList<Lifecycle> Lifecycles { get; }

    /// <summary>Changes on every append: the number of records.</summary>
    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Where the live feed stands: "off", "connecting", "live", or an error.</summary>
    public string LiveStatus { get; set; } = "off";

    public void Add(Record record)
    {
        lock (_lock)
        {
            _records.Add(record);
            _fold.Add(record);
        }
    }

    public Snapshot Snapshot()
    {
        lock (_lock)
        {
            if (_snapshot is null || _snapshot.Version != _records.Count)
            {
                _snapshot = new Snapshot(_records.Count, [.. _records], Lifecycles);
            }
            return _snapshot;
        }
    }

    /// <summary>Reads the fold under the lock.</summary>
    public T Fold<T>(Func<RecordFold, T> read)
    {
        lock (_lock)
        {
            return read(_fold);
        }
    }

    /// <summary>Records appended after <paramref name="version"/>, newest last, at most <paramref name="max"/>.</summary>
    public List<Record> Since(long version, int max)
    {
        lock (_lock)
        {
            var from = (int)Math.Clamp(version, 0, _records.Count);
            from = Math.Max(from, _records.Count - max);
            return _records.GetRange(from, _records.Count - from);
        }
    }
}
