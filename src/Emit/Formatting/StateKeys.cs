using System.Runtime.CompilerServices;
using System.Text.Json;
using WideEvents.Contracts.Records;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// The property names of one kind of logging state, as records carry them: read once per state
/// type (or per <c>LoggerMessage.Define</c> call site), encoded once, each with its filter bit.
/// </summary>
internal sealed class StateKeys
{
    private StateKeys(string? template, List<(int Index, string Name)> properties, bool[] destructure)
    {
        Destructure = destructure;
        Template = template;
        EncodedTemplate = template is null ? null : JsonEncodedText.Encode(template, RecordFormatter.Encoder);
        Indexes = [.. properties.Select(p => p.Index)];
        Names = [.. properties.Select(p => p.Name)];
        Encoded = [.. Names.Select(ClefNames.Of)];
        Bits = [.. Names.Select(WrittenKeys.BitOf)];
    }

    /// <summary>The message template (<c>{OriginalFormat}</c>), or null when the state has none.</summary>
    public string? Template { get; }

    /// <summary>The template encoded once, so a record copies its bytes instead of escaping it again.</summary>
    public JsonEncodedText? EncodedTemplate { get; }

    /// <summary>Where each property sits in the state's list.</summary>
    public int[] Indexes { get; }

    /// <summary>The names as written: capturing operators removed, in list order, without the template.</summary>
    public string[] Names { get; }

    public ClefName[] Encoded { get; }

    /// <summary>Which properties the template marks <c>{@X}</c>: their objects are taken apart into <c>X.Property</c> keys.</summary>
    public bool[] Destructure { get; }

    /// <summary>True when any property is marked <c>{@X}</c>.</summary>
    public bool AnyDestructured => Array.IndexOf(Destructure, true) >= 0;

    public ulong[] Bits { get; }

    public int Count => Names.Length;

    /// <summary>Reads the names of a state's properties; the values are not kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static StateKeys Of(IReadOnlyList<KeyValuePair<string, object?>> state)
    {
        string? template = null;
        if (state.Count > 0 && state[^1] is { Key: RecordFormatter.OriginalFormatKey, Value: string text })
        {
            template = text;
        }

        var properties = new List<(int, string)>();
        var destructure = new List<bool>();
        for (var i = 0; i < state.Count; i++)
        {
            var key = state[i].Key;
            if (key != RecordFormatter.OriginalFormatKey)
            {
                properties.Add((i, template is null ? key : StripCaptureOperator(key)));
                destructure.Add(template is not null && IsDestructured(key));
            }
        }

        return new StateKeys(template, properties, [.. destructure]);
    }

    /// <summary>In a template, <c>{@User}</c> asks for the object's properties rather than its <c>ToString()</c>.</summary>
    public static bool IsDestructured(string key) => key.Length > 1 && key[0] == '@';

    /// <summary>In a template, <c>{@User}</c> and <c>{$User}</c> are Serilog's capturing operators, not part of the name.</summary>
    public static string StripCaptureOperator(string key) =>
        key.Length > 1 && (key[0] == '@' || key[0] == '$') ? key[1..] : key;
}
