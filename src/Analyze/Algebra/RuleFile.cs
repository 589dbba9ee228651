using System.Text.Json;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>Reads the JSON rule-file format documented in docs/analyze.md.</summary>
internal static class RuleFile
{
    public static RuleSet Parse(string json, string origin)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{origin}: not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{origin}: expected an object with a \"rules\" array");
            }
            string? description = root.TryGetProperty("description", out var d) ? d.GetString() : null;
            var list = new List<IRule>();
            var i = 0;
            foreach (var rule in rules.EnumerateArray())
            {
                try
                {
                    list.AddRange(ParseRule(rule));
                }
                catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or ArgumentException)
                {
                    throw new InvalidDataException($"{origin}: rule {i}: {e.Message} in {rule.GetRawText()}", e);
                }
                i++;
            }
            return new RuleSet(list, description);
        }
    }

    private static IEnumerable<IRule> ParseRule(JsonElement rule)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("a rule is a JSON object");
        }
        var where = rule.TryGetProperty("where", out var w) ? Strings(w) : null;
        if (rule.TryGetProperty("implies", out var implies))
        {
            var keys = Strings(Required(rule, "keys"));
            return Strings(implies).Select(r => (IRule)new ImplicationRule(keys, r));
        }
        if (rule.TryGetProperty("copy", out var copy))
        {
            return [new RelabelRule(copy.GetString()!, Required(rule, "to").GetString()!, true, where)];
        }
        if (rule.TryGetProperty("rename", out var rename))
        {
            return [new RelabelRule(rename.GetString()!, Required(rule, "to").GetString()!, false, where)];
        }
        if (rule.TryGetProperty("widen", out var widen))
        {
            return [new WidenRule(widen.GetString()!, ToValue(Required(rule, "value")), where)];
        }
        if (rule.TryGetProperty("normalize", out var normalize))
        {
            return Strings(normalize).Select(k => (IRule)RewriteRule.Normalize(k));
        }
        throw new ArgumentException("unknown rule; expected one of implies, copy, rename, widen, normalize");
    }

    private static JsonElement Required(JsonElement rule, string name) =>
        rule.TryGetProperty(name, out var e) ? e : throw new ArgumentException($"missing \"{name}\"");

    private static List<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().Select(x => x.GetString() ?? throw new ArgumentException("null key")).ToList(),
        _ => throw new ArgumentException("expected a key name or an array of key names"),
    };

    private static Value ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => Value.From(e.GetString()),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? Value.From(l) : Value.From(e.GetDouble()),
        JsonValueKind.True => Value.From(true),
        JsonValueKind.False => Value.From(false),
        JsonValueKind.Null => Value.Null,
        _ => throw new ArgumentException("a widened value must be a string, number, boolean or null"),
    };
}
