namespace WideEvents.Analyze.Reports;

/// <summary>
/// The order states are passed through, used to apply state changes that arrive out of order: a
/// change to a state earlier in the lifecycle than the current one is a late arrival and is
/// ignored, unless it is a declared restart (a retry, a requeue).
/// </summary>
public sealed class Lifecycle
{
    private readonly Dictionary<string, int> _rank;
    private readonly HashSet<string> _final;
    private readonly HashSet<(string, string)> _restarts;

    /// <summary>A lifecycle.</summary>
    /// <param name="name">Its name in reports.</param>
    /// <param name="ranks">Each state and its position; equal positions are alternatives.</param>
    /// <param name="final">States nothing follows except a restart.</param>
    /// <param name="restarts">Transitions back to an earlier state that are legitimate.</param>
    public Lifecycle(string name, IEnumerable<(string State, int Rank)> ranks, IEnumerable<string> final, IEnumerable<(string From, string To)> restarts)
    {
        Name = name;
        _rank = ranks.ToDictionary(r => r.State, r => r.Rank, StringComparer.Ordinal);
        States = _rank.OrderBy(r => r.Value).Select(r => r.Key).ToList();
        _final = final.ToHashSet(StringComparer.Ordinal);
        _restarts = restarts.ToHashSet();
    }

    /// <summary>Parsl task states (parsl.dataflow.states), with fail_retryable → pending as the retry.</summary>
    public static Lifecycle Parsl { get; } = new("parsl task",
        [("unsched", 0), ("pending", 1), ("joining", 2), ("launched", 2), ("running", 3), ("running_ended", 4),
         ("exec_done", 5), ("memo_done", 5), ("failed", 5), ("dep_fail", 5), ("fail_retryable", 5)],
        ["exec_done", "memo_done", "failed", "dep_fail"],
        [("fail_retryable", "pending")]);

    /// <summary>Work Queue / TaskVine task states, with a return to WAITING after a lost worker as a requeue.</summary>
    public static Lifecycle WorkQueue { get; } = new("work queue task",
        [("WAITING", 0), ("RUNNING", 1), ("WAITING_RETRIEVAL", 2), ("RETRIEVED", 3), ("DONE", 4), ("CANCELED", 4), ("UNKNOWN", 4)],
        ["DONE", "CANCELED"],
        [("RUNNING", "WAITING"), ("WAITING_RETRIEVAL", "WAITING")]);

    /// <summary>Its name in reports.</summary>
    public string Name { get; }

    /// <summary>The states in lifecycle order.</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>The state's position, or -1 when unknown.</summary>
    public int Rank(string state) => _rank.GetValueOrDefault(state, -1);

    /// <summary>Whether an entity in <paramref name="current"/> (null: not yet seen) moves to <paramref name="next"/>.</summary>
    public bool Accepts(string? current, string next)
    {
        if (current is null)
        {
            return true;
        }
        if (current == next)
        {
            return false;
        }
        if (_restarts.Contains((current, next)))
        {
            return true;
        }
        return !_final.Contains(current) && Rank(next) > Rank(current);
    }
}
