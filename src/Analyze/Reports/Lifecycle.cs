using System.Text.RegularExpressions;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// A lifecycle as data (the prototype's "state projection"): which records mean which state of
/// which entity, and the order states are passed through. The order applies state changes that
/// arrive out of order: a change to an earlier state is a late arrival and is ignored, unless it
/// is a declared restart (a retry, a requeue); nothing leaves a final state. Lifecycles are read
/// from lifecycle files (format in docs/analyze.md); Parsl, Work Queue/TaskVine and TaskFarm are built in.
/// </summary>
public sealed class Lifecycle
{
    private readonly Dictionary<string, int> _rank;
    private readonly HashSet<string> _final;
    private readonly HashSet<(string, string)> _restarts;

    /// <summary>A lifecycle with no event rules (it reads no records by itself).</summary>
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

    /// <summary>The built-in lifecycles: Work Queue/TaskVine tasks, TaskFarm tasks, Parsl tasks.</summary>
    public static IReadOnlyList<Lifecycle> BuiltIn => LifecycleFile.BuiltIn;

    /// <summary>Reads a lifecycle file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid lifecycle file.</exception>
    public static Lifecycle Load(string path) => LifecycleFile.Parse(File.ReadAllText(path), path);

    /// <summary>Its name in reports.</summary>
    public string Name { get; }

    /// <summary>The states in lifecycle order.</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>The states nothing follows except a restart.</summary>
    public IReadOnlyCollection<string> Final => _final;

    /// <summary>The states that mean something went wrong (the file's <c>failures</c>), drawn in red and counted as failed.</summary>
    public IReadOnlyCollection<string> Failures { get; init; } = [];

    internal IReadOnlyList<string> Entity { get; init; } = [];

    internal IReadOnlyList<string> Scope { get; init; } = ["@run"];

    internal IReadOnlyDictionary<string, string> StateMap { get; init; } = new Dictionary<string, string>();

    internal Regex? EntityFromMessage { get; init; }

    internal IReadOnlyList<StateEventRule> Events { get; init; } = [];

    /// <summary>The state's position, or -1 when unknown.</summary>
    public int Rank(string state) => _rank.GetValueOrDefault(state, -1);

    /// <summary>Whether <paramref name="from"/> to <paramref name="to"/> is a declared restart (a retry).</summary>
    public bool IsRestart(string from, string to) => _restarts.Contains((from, to));

    /// <summary>A state nothing follows: a final state, or one no state is accepted after.</summary>
    internal bool IsTerminal(string state) => _final.Contains(state) || States.All(s => !Accepts(state, s));

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

    /// <summary>The entity and state <paramref name="r"/> states, if it is one of this lifecycle's events.</summary>
    internal (string Entity, string State)? Read(Record r, ref MessageText text)
    {
        var events = Events;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Read(r, ref text) is not { } raw)
            {
                continue;
            }
            var state = StateMap.GetValueOrDefault(raw, raw);
            if (Rank(state) < 0 || EntityOf(r, ref text) is not { } entity)
            {
                return null;
            }
            return (entity, state);
        }
        return null;
    }

    /// <summary>
    /// The state <paramref name="r"/> states, when <see cref="Read"/> would give one, without
    /// building the entity's name (the common path asks only how an entity ended).
    /// </summary>
    internal string? ReadState(Record r, ref MessageText text)
    {
        var events = Events;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Read(r, ref text) is not { } raw)
            {
                continue;
            }
            var state = StateMap.GetValueOrDefault(raw, raw);
            return Rank(state) >= 0 && HasEntity(r, ref text) ? state : null;
        }
        return null;
    }

    // Whether EntityOf would name an entity: the scope always names something; each entity key
    // must be on the record or in its message.
    private bool HasEntity(Record r, ref MessageText text)
    {
        Match? fromMessage = null;
        var entity = Entity;
        for (var i = 0; i < entity.Count; i++)
        {
            var k = entity[i];
            if (r.TryGet(k, out var v) && !v.IsNull)
            {
                continue;
            }
            fromMessage ??= EntityFromMessage?.Match(text.Of(r) ?? "");
            if (fromMessage is not { Success: true } || !fromMessage.Groups[k].Success)
            {
                return false;
            }
        }
        return true;
    }

    private string? EntityOf(Record r, ref MessageText text)
    {
        var parts = new List<string>(Scope.Count + Entity.Count);
        foreach (var s in Scope)
        {
            parts.Add(s switch
            {
                "@run" => RunScope.Of(r) ?? r.Source,
                "@source" => r.Source,
                _ => r.TryGet(s, out var v) ? v.Canonical().ToString() : "",
            });
        }
        Match? fromMessage = null;
        foreach (var k in Entity)
        {
            if (r.TryGet(k, out var v) && !v.IsNull)
            {
                parts.Add(v.Canonical().ToString());
                continue;
            }
            fromMessage ??= EntityFromMessage?.Match(text.Of(r) ?? "");
            if (fromMessage is not { Success: true } || !fromMessage.Groups[k].Success)
            {
                return null;
            }
            parts.Add(Value.From(fromMessage.Groups[k].Value).Canonical().ToString());
        }
        return string.Join("/", parts);
    }
}
