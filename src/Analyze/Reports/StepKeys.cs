using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// Builds each distinct step key string once and numbers it, so a million records share a few
/// dozen strings and an entity's shape is a sorted array of small integers. The template part is
/// its <see cref="TemplateShape"/>; span records are named by their span, not by the one
/// template every span record shares.
/// </summary>
internal sealed class StepKeys(IReadOnlyList<string> stepKeys)
{
    private readonly Dictionary<(string, string?, string?), int> _ids = [];
    private readonly Dictionary<string, string> _shapes = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public string Name(int id) => _names[id];

    public int Id(Record r)
    {
        var raw = r.TryGet("span_name", out var span) && !span.IsNull && r.TryGet("span_event", out var ev) && !ev.IsNull
            ? $"{span}: {ev}"
            : r.Template()!;
        if (!_shapes.TryGetValue(raw, out var template))
        {
            _shapes[raw] = template = TemplateShape.Of(raw);
        }
        var a = stepKeys.Count > 0 ? Part(r, stepKeys[0]) : null;
        var b = stepKeys.Count > 1 ? Part(r, stepKeys[1]) : null;
        if (stepKeys.Count > 2)
        {
            // Rare: fold the remaining parts into the last one.
            b = string.Join("/", stepKeys.Skip(1).Select(k => Part(r, k)));
        }
        if (!_ids.TryGetValue((template, a, b), out var id))
        {
            id = _names.Count;
            _ids[(template, a, b)] = id;
            var parts = new List<string> { template };
            if (a is not null)
            {
                parts.Add(a);
            }
            if (b is not null)
            {
                parts.Add(b);
            }
            _names.Add(string.Join("/", parts));
        }
        return id;
    }

    private static string Part(Record r, string key) =>
        r.TryGet(key, out var v) && !v.IsNull ? v.ToString() : key == "threadName" ? r.Thread() ?? "no thread" : "";
}
