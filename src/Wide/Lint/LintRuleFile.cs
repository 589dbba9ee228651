using System.Text.Json;

namespace WideEvents.Cli.Lint;

/// <summary>
/// Reads lint rules from a rule file (docs/analyze.md): each <c>{"keys": [...], "implies": ...}</c>
/// is checked as "a record with all the keys has the implied ones too", and
/// <c>{"template": "...", "requires": [...]}</c> lists the keys every record of a template must
/// have. The other rules of the format (copy, rename, widen, normalize) rewrite records and are
/// not checks; they are counted in <see cref="Ignored"/>.
/// </summary>
internal sealed class LintRuleFile
{
    private LintRuleFile(List<LintRule> rules, int ignored)
    {
        Rules = rules;
        Ignored = ignored;
    }

    public IReadOnlyList<LintRule> Rules { get; }

    public int Ignored { get; }

    /// <exception cref="CommandException">The file is missing, not JSON, or a rule is malformed.</exception>
    public static LintRuleFile Load(string nameOrPath)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "Rules", nameOrPath + ".rules.json");
        var path = File.Exists(nameOrPath) ? nameOrPath : shipped;
        if (!File.Exists(path))
        {
            throw new CommandException($"no rule file {nameOrPath}");
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
            {
                throw new CommandException($"invalid rule file {nameOrPath}: expected an object with a \"rules\" array");
            }
            var list = new List<LintRule>();
            var ignored = 0;
            var i = 0;
            foreach (var rule in rules.EnumerateArray())
            {
                if (Parse(rule, nameOrPath, i++) is { } parsed)
                {
                    list.Add(parsed);
                }
                else
                {
                    ignored++;
                }
            }
            return new LintRuleFile(list, ignored);
        }
        catch (JsonException e)
        {
            throw new CommandException($"invalid rule file {nameOrPath}: {e.Message}");
        }
    }

    private static LintRule? Parse(JsonElement rule, string file, int index)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw new CommandException($"invalid rule file {file}: rule {index} is not a JSON object");
        }
        if (rule.TryGetProperty("implies", out var implies))
        {
            var keys = rule.TryGetProperty("keys", out var k) ? Strings(k, file, index) : throw new CommandException($"invalid rule file {file}: rule {index}: \"implies\" without \"keys\"");
            var implied = Strings(implies, file, index);
            return new LintRule(keys, null, implied, $"[{string.Join(", ", keys)}] => {string.Join(", ", implied)}");
        }
        if (rule.TryGetProperty("requires", out var requires))
        {
            var template = rule.TryGetProperty("template", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : throw new CommandException($"invalid rule file {file}: rule {index}: \"requires\" without a \"template\" string");
            var keys = Strings(requires, file, index);
            return new LintRule([], template, keys, $"template requires {string.Join(", ", keys)}");
        }
        return null;
    }

    private static List<string> Strings(JsonElement e, string file, int index) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array when e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String) && e.GetArrayLength() > 0 => [.. e.EnumerateArray().Select(x => x.GetString()!)],
        _ => throw new CommandException($"invalid rule file {file}: rule {index}: expected a key name or a non-empty array of key names"),
    };
}
