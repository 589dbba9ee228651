using WideEvents.Analyze.Records;
using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// Relabels a key: copies (or moves) the value of <see cref="From"/> to <see cref="To"/> on records
/// that have <see cref="From"/> and lack <see cref="To"/>. Used to say that two sources name the
/// same identifier differently (htex_task_id is the executor id of an htex task).
/// </summary>
public sealed class RelabelRule : IRule
{
    /// <summary>A relabelling rule.</summary>
    /// <param name="from">The key read.</param>
    /// <param name="to">The key written.</param>
    /// <param name="keepOriginal">True to copy, false to rename.</param>
    /// <param name="where">Keys a record must have to be relabelled; empty means every record.</param>
    public RelabelRule(string from, string to, bool keepOriginal = true, IReadOnlyList<string>? where = null)
    {
        From = from;
        To = to;
        KeepOriginal = keepOriginal;
        Where = where ?? [];
    }

    /// <summary>The key read.</summary>
    public string From { get; }

    /// <summary>The key written.</summary>
    public string To { get; }

    /// <summary>True to copy, false to rename.</summary>
    public bool KeepOriginal { get; }

    /// <summary>Keys a record must have to be relabelled.</summary>
    public IReadOnlyList<string> Where { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Reads => [From, To, .. Where];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Writes => KeepOriginal ? [To] : [From, To];

    /// <inheritdoc />
    public RuleOutcome Apply(IReadOnlyList<Record> records)
    {
        // A column operation: the cell is copied as it is held (a dictionary id, a parsed number),
        // and the columns are looked up once per store, not per record.
        long changed = 0;
        RecordStore? store = null;
        Column? from = null, to = null;
        var toKey = KeyInterner.Intern(To);
        foreach (var r in records)
        {
            if (!ReferenceEquals(r.Store, store))
            {
                store = r.Store;
                from = store.Find(From);
                to = store.Find(To);
            }
            var row = r.Row;
            if (from is null || from.Kind(row) == CellKind.Absent || (to is not null && to.Kind(row) != CellKind.Absent) || !HasAll(r, Where))
            {
                continue;
            }
            to ??= store.ColumnFor(toKey);
            store.Copy(row, to, from, row);
            if (!KeepOriginal)
            {
                r.Remove(From);
            }
            changed++;
        }
        return new RuleOutcome(changed, []);
    }

    internal static bool HasAll(Record r, IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (!r.Has(keys[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{(KeepOriginal ? "copy" : "rename")} {From} -> {To}";
}
