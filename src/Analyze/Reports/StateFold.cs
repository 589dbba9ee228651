namespace WideEvents.Analyze.Reports;

/// <summary>
/// One lifecycle's entities kept up to date one state record at a time (part of a
/// <see cref="RecordFold"/>): each entity's current state through the same
/// <c>EntityMachine</c> as <see cref="StateReport"/>, the count per state now, and every accepted change.
/// </summary>
public sealed class StateFold
{
    private readonly Dictionary<string, EntityMachine> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _index;
    private readonly int[] _counts;
    private readonly List<(double Time, int From, int To)> _changes = [];

    internal StateFold(Lifecycle lifecycle)
    {
        Lifecycle = lifecycle;
        _index = lifecycle.States.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        _counts = new int[lifecycle.States.Count];
    }

    /// <summary>The lifecycle.</summary>
    public Lifecycle Lifecycle { get; }

    /// <summary>Entities per state now, in the order of <see cref="Lifecycle.States"/>.</summary>
    public IReadOnlyList<int> Counts => _counts;

    /// <summary>Entities seen.</summary>
    public int Entities => _machines.Count;

    internal void Add(string entity, double time, string state)
    {
        if (!_machines.TryGetValue(entity, out var machine))
        {
            _machines[entity] = machine = new EntityMachine(Lifecycle);
        }
        var before = machine.Current;
        // Arrival order, not time order: a late record of an earlier state is dropped, as the lifecycle says.
        if (!machine.Step(state))
        {
            return;
        }
        var from = before is null ? -1 : _index[before];
        var to = _index[state];
        if (from >= 0)
        {
            _counts[from]--;
        }
        _counts[to]++;
        _changes.Add((time, from, to));
    }

    /// <summary>The step function of the changes so far, swept in time order.</summary>
    public StateTimeline Timeline()
    {
        var counts = new int[_counts.Length];
        var points = new List<StatePoint>();
        foreach (var at in _changes.OrderBy(c => c.Time).GroupBy(c => c.Time))
        {
            foreach (var (_, from, to) in at)
            {
                if (from >= 0)
                {
                    counts[from]--;
                }
                counts[to]++;
            }
            points.Add(new StatePoint(at.Key, counts.ToArray()));
        }
        return new StateTimeline(Lifecycle.Name, Lifecycle.States, Entities, points, _machines.Values.Sum(m => m.Ignored))
        {
            Unfinished = _machines.Values.Count(m => m.Current is not null && !m.Ended),
            Retries = _machines.Values.Sum(m => m.Retries),
        };
    }
}
