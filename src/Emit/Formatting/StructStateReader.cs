using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using WideEvents.Contracts.Records;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// Reads the properties of a struct logging state without boxing it or its values.
/// Microsoft.Extensions.Logging's states (<c>LoggerMessage.Define</c>'s <c>LogValues&lt;...&gt;</c>
/// and the <c>[LoggerMessage]</c> generator's structs) hand their values out only as
/// <c>KeyValuePair&lt;string, object?&gt;</c>, which boxes every number; here a small method emitted
/// once per state type reads the value fields and writes each with its own type. The field
/// layout is checked against the state's own list on the first instance; a state that does not
/// match is read through its list instead (boxed, but right).
/// </summary>
/// <remarks>
/// Each new state type is prepared while records are being written, so preparing must be cheap:
/// the methods are emitted as IL directly (compiling expression trees cost several times more, in
/// TaskFarm's profile 40 % of the formatting thread's first-use work), and the call site's key
/// list is found through the state's own "{OriginalFormat}" entry, read by a generic method
/// without boxing.
/// </remarks>
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
            // value types; the names belong to the call site's format string.
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

    [UnconditionalSuppressMessage("Trimming", "IL2090", Justification = "Microsoft.Extensions.Logging's states keep their _formatter field (they read it themselves); without it the key source is the boxed list.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by RuntimeFeature.IsDynamicCodeSupported.")]
    [UnconditionalSuppressMessage("Trimming", "IL2091", Justification = "The struct constraint asks for a parameterless constructor OriginalFormat never calls.")]
    private static Func<TState, object?>? MakeKeySource()
    {
        // Microsoft.Extensions.Logging's own states keep their names in a LogValuesFormatter, one
        // per call site, whose format string is the state's last entry: the same string object
        // for every record of the call site, and the key its names are cached under.
        var field = typeof(TState).IsValueType ? typeof(TState).GetField("_formatter", BindingFlags.Instance | BindingFlags.NonPublic) : null;
        if (field is null || field.FieldType.Name != "LogValuesFormatter" || !typeof(IReadOnlyList<KeyValuePair<string, object?>>).IsAssignableFrom(typeof(TState)))
        {
            return null;
        }

        // Without dynamic code (Native AOT) there is no instantiation over the state to call
        // without boxing: the list is boxed once per record to read the format string.
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return static state => AsList(state) is { Count: > 0 } list ? list[^1].Value as string : null;
        }

        return typeof(StructStateReader<TState>)
            .GetMethod(nameof(OriginalFormat), BindingFlags.Static | BindingFlags.NonPublic)!
            .MakeGenericMethod(typeof(TState))
            .CreateDelegate<Func<TState, object?>>();
    }

    // Called through the delegate above with TState for T: a constrained call, no boxing.
    private static object? OriginalFormat<T>(T state)
        where T : struct, IReadOnlyList<KeyValuePair<string, object?>>
    {
        var count = state.Count;
        return count > 0 ? state[count - 1].Value as string : null;
    }

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Compile is reached only where RuntimeFeature.IsDynamicCodeSupported.")]
    private static void Prepare(TState state)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            // No method can be emitted (Native AOT): the list, boxed, is still right.
            Volatile.Write(ref s_checked, 1);
            return;
        }

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
    [UnconditionalSuppressMessage("Trimming", "IL2090", Justification = "A state whose fields were trimmed away does not match and is read through its list.")]
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

    /// <summary>
    /// <c>(state, index, writer) =&gt; switch (index) { case i: TypedValueWriter.Write(writer, state.field_i); }</c>,
    /// emitted as IL: the fields are private to the state's assembly, hence skipVisibility.
    /// </summary>
    [RequiresDynamicCode("Emits IL; Prepare calls it only where dynamic code is supported.")]
    private static Action<TState, int, ClefWriter> Compile(FieldInfo?[] fields)
    {
        var method = new DynamicMethod(
            "Write" + typeof(TState).Name,
            typeof(void),
            [typeof(TState), typeof(int), typeof(ClefWriter)],
            typeof(StructStateReader<TState>).Module,
            skipVisibility: true);
        var write = typeof(TypedValueWriter).GetMethod(nameof(TypedValueWriter.Write))!;
        var il = method.GetILGenerator();
        var cases = new Label[fields.Length];
        var end = il.DefineLabel();
        for (var i = 0; i < fields.Length; i++)
        {
            cases[i] = fields[i] is null ? end : il.DefineLabel();
        }

        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Switch, cases);
        il.Emit(OpCodes.Br, end);
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] is { } field)
            {
                il.MarkLabel(cases[i]);
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Ldarga_S, (byte)0);
                il.Emit(OpCodes.Ldfld, field);
                il.Emit(OpCodes.Call, write.MakeGenericMethod(field.FieldType));
                il.Emit(OpCodes.Br, end);
            }
        }

        il.MarkLabel(end);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Action<TState, int, ClefWriter>>();
    }
}
