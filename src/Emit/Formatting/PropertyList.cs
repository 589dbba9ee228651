using System.Reflection;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// The properties of a logging state, read without boxing it. Microsoft.Extensions.Logging's
/// source-generated states are structs implementing <see cref="IReadOnlyList{T}"/>; casting one
/// to the interface would box it on every call, so struct states are read through delegates
/// made once per state type, which take the struct by value.
/// </summary>
internal readonly struct PropertyList<TState>
{
    private readonly TState _state;
    private readonly IReadOnlyList<KeyValuePair<string, object?>>? _list;

    private PropertyList(TState state, IReadOnlyList<KeyValuePair<string, object?>>? list)
    {
        _state = state;
        _list = list;
    }

    public int Count => _list?.Count ?? StructState<TState>.Count!(_state);

    public KeyValuePair<string, object?> this[int index] => _list is not null ? _list[index] : StructState<TState>.Item!(_state, index);

    /// <summary>The state's properties, or false when it has none to offer as a list.</summary>
    public static bool TryCreate(TState state, out PropertyList<TState> properties)
    {
        if (StructState<TState>.Count is not null)
        {
            properties = new PropertyList<TState>(state, null);
            return true;
        }

        properties = new PropertyList<TState>(state, state as IReadOnlyList<KeyValuePair<string, object?>>);
        return properties._list is not null;
    }

    /// <summary>A list that is already an object (a scope, say): nothing to avoid boxing.</summary>
    public static PropertyList<TState> Of(IReadOnlyList<KeyValuePair<string, object?>> list) => new(default!, list);
}

/// <summary>Delegates reading a struct state as a list, made once per state type; null for other types.</summary>
internal static class StructState<TState>
{
    public static readonly Func<TState, int>? Count;
    public static readonly Func<TState, int, KeyValuePair<string, object?>>? Item;

    static StructState()
    {
        if (!typeof(TState).IsValueType || !typeof(IReadOnlyList<KeyValuePair<string, object?>>).IsAssignableFrom(typeof(TState)))
        {
            return;
        }

        const BindingFlags flags = BindingFlags.Static | BindingFlags.NonPublic;
        Count = typeof(StructStateAccess).GetMethod(nameof(StructStateAccess.Count), flags)!
            .MakeGenericMethod(typeof(TState)).CreateDelegate<Func<TState, int>>();
        Item = typeof(StructStateAccess).GetMethod(nameof(StructStateAccess.Item), flags)!
            .MakeGenericMethod(typeof(TState)).CreateDelegate<Func<TState, int, KeyValuePair<string, object?>>>();
    }
}

/// <summary>Constrained calls on a struct state: no box.</summary>
internal static class StructStateAccess
{
    internal static int Count<T>(T state)
        where T : struct, IReadOnlyList<KeyValuePair<string, object?>> => state.Count;

    internal static KeyValuePair<string, object?> Item<T>(T state, int index)
        where T : struct, IReadOnlyList<KeyValuePair<string, object?>> => state[index];
}
