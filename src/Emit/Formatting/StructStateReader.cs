using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using WideEvents.Contracts.Records;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// Reads the properties of a struct logging state without boxing it or its values.
/// Microsoft.Extensions.Logging's states (<c>LoggerMessage.Define</c>'s <c>LogValues&lt;...&gt;</c>
/// and the <c>[LoggerMessage]</c> generator's structs) hand their values out only as
/// <c>KeyValuePair&lt;string, object?&gt;</c>, which boxes every number; here a delegate compiled
/// once per state type reads the value fields and writes each with its own type. The field
/// layout is checked against the state's own list on the first instance; a state that does not
/// match is read through its list instead (boxed, but right).
/// </summary>
internal static class StructStateReader<TState>
{
    private const string LogValuesPrefix = "Microsoft.Extensions.Logging.LoggerMessage+LogValues";

    private static readonly ConditionalWeakTable<object, StateKeys> KeysBySource = [];
    private static readonly Func<TState, object?>? KeySource = MakeKeySource();
    private static StateKeys? s_keys;
    private static Action<TState, int, ClefWriter>? s_write;
    private static int s_checked;

    /// <summary>True when <typeparamref name="TState"/> is a struct list of properties at all.</summary>
    public static bool IsStructList { get; } =
        typeof(TState).IsValueType && typeof(IReadOnlyList<KeyValuePair<string, object?>>).IsAssignableFrom(typeof(TState));

    /// <summary>The state's keys, and a writer of its values when they can be read unboxed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static StateKeys Keys(TState state, out Action<TState, int, ClefWriter>? write)
    {
        if (Volatile.Read(ref s_checked) == 0)
        {
            Prepare(state);
        }

        write = s_write;
        if (KeySource is not null)
        {
            // LogValues<...> and FormattedLogValues are shared by every call site with the same
            // value types; the names belong to the call site's formatter object, and a state
            // without one (a message with no placeholders) is read afresh.
            return KeySource(state) is { } source && KeysBySource.TryGetValue(source, out var keys) ? keys : AddKeys(state);
        }

        return s_keys ??= StateKeys.Of(AsList(state));
    }

    // Apart from Keys, so that the closure over the state is made only when the keys are new.
    private static StateKeys AddKeys(TState state)
    {
        var keys = StateKeys.Of(AsList(state));
        if (KeySource!(state) is { } source)
        {
            KeysBySource.AddOrUpdate(source, keys);
        }

        return keys;
    }

    /// <summary>The boxing way, for a state whose fields could not be matched to its list.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> AsList(TState state) =>
        (IReadOnlyList<KeyValuePair<string, object?>>)state!;

    private static Func<TState, object?>? MakeKeySource()
    {
        // Microsoft.Extensions.Logging's own states keep their names in a LogValuesFormatter.
        var field = typeof(TState).IsValueType ? typeof(TState).GetField("_formatter", BindingFlags.Instance | BindingFlags.NonPublic) : null;
        if (field is null || field.FieldType.Name != "LogValuesFormatter")
        {
            return null;
        }

        var state = Expression.Parameter(typeof(TState), "state");
        return Expression.Lambda<Func<TState, object?>>(Expression.Convert(Expression.Field(state, field), typeof(object)), state).Compile();
    }

    private static void Prepare(TState state)
    {
        try
        {
            // A state whose names vary per call site (FormattedLogValues) holds its values boxed already.
            var list = AsList(state);
            var isLogValues = typeof(TState).FullName!.StartsWith(LogValuesPrefix, StringComparison.Ordinal);
            var fields = KeySource is null || isLogValues ? MatchFields(list, isLogValues) : null;
            if (fields is not null && ValuesAgree(state, list, fields))
            {
                s_write = Compile(fields);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or MemberAccessException or PlatformNotSupportedException)
        {
            // No dynamic code here (or an unexpected layout): the list, boxed, is still right.
            s_write = null;
        }

        Volatile.Write(ref s_checked, 1);
    }

    /// <summary>The field behind each list position, or null where one cannot be told.</summary>
    private static FieldInfo?[]? MatchFields(IReadOnlyList<KeyValuePair<string, object?>> list, bool isLogValues)
    {
        var all = typeof(TState).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        var fields = new FieldInfo?[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var key = list[i].Key;
            if (key == RecordFormatter.OriginalFormatKey)
            {
                continue;
            }

            var wanted = isLogValues ? "_value" + i : "_" + key.TrimStart('@');
            fields[i] = all.FirstOrDefault(f => string.Equals(f.Name, wanted, StringComparison.OrdinalIgnoreCase));
            if (fields[i] is null)
            {
                return null;
            }
        }

        return fields;
    }

    private static bool ValuesAgree(TState state, IReadOnlyList<KeyValuePair<string, object?>> list, FieldInfo?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] is { } field && !Equals(field.GetValue(state), list[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private static Action<TState, int, ClefWriter> Compile(FieldInfo?[] fields)
    {
        var state = Expression.Parameter(typeof(TState), "state");
        var index = Expression.Parameter(typeof(int), "index");
        var writer = Expression.Parameter(typeof(ClefWriter), "writer");
        var write = typeof(TypedValueWriter).GetMethod(nameof(TypedValueWriter.Write))!;
        var cases = new List<SwitchCase>();
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] is { } field)
            {
                var call = Expression.Call(write.MakeGenericMethod(field.FieldType), writer, Expression.Field(state, field));
                cases.Add(Expression.SwitchCase(call, Expression.Constant(i)));
            }
        }

        var body = Expression.Switch(index, Expression.Empty(), [.. cases]);
        return Expression.Lambda<Action<TState, int, ClefWriter>>(body, state, index, writer).Compile();
    }
}
