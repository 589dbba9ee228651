using System.Runtime.CompilerServices;

namespace WideEvents.Emit.Logging;

/// <summary>The live instances of a type, held weakly, so a process-wide call can reach them all.</summary>
internal sealed class LiveSet<T>
    where T : class
{
    private readonly ConditionalWeakTable<T, object?> _items = [];

    public void Add(T item) => _items.AddOrUpdate(item, null);

    public void Remove(T item) => _items.Remove(item);

    public List<T> Snapshot() => [.. _items.Select(pair => pair.Key)];
}
