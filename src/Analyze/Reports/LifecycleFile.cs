using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WideEvents.Analyze.Reports;

/// <summary>Reads the lifecycle file format (docs/analyze.md) and the lifecycles built into the library.</summary>
internal static class LifecycleFile
{
    // Order matters: a record is given to the first lifecycle that reads a state from it.
    private static readonly string[] BuiltInNames = ["taskvine", "workqueue", "taskfarm", "parsl"];

    public static IReadOnlyList<Lifecycle> BuiltIn { get; } = BuiltInNames.Select(LoadBuiltIn).ToList();

    private static Lifecycle LoadBuiltIn(string name)
    {
        using var stream = typeof(LifecycleFile).Assembly.GetManifestResourceStream($"lifecycle/{name}.lifecycle.json")
            ?? throw new InvalidOperationException($"built-in lifecycle {name} missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), name);
    }

    public static Lifecycle Parse(string json, string origin)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = doc.RootElement;
            var name = root.GetProperty("name").GetString() ?? throw new InvalidDataException("\"name\" must be a string");
            var ranks = new List<(string, int)>();
            var rank = 0;
            foreach (var step in root.GetProperty("states").EnumerateArray())
            {
                foreach (var s in step.ValueKind == JsonValueKind.Array ? step.EnumerateArray() : Enumerable.Repeat(step, 1))
                {
                    ranks.Add((s.GetString()!, rank));
                }
                rank++;
            }
            var final = Strings(root, "final");
            var restarts = root.TryGetProperty("restarts", out var r)
                ? r.EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetString()!)).ToList()
                : [];
            var map = root.TryGetProperty("map", out var m)
                ? m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
                : [];
            var fromMessage = root.TryGetProperty("entity_from_message", out var em) ? new Regex(em.GetString()!, RegexOptions.CultureInvariant) : null;
            var events = root.GetProperty("events").EnumerateArray().Select(Event).ToList();
            return new Lifecycle(name, ranks, final, restarts)
            {
                Entity = Strings(root, "entity"),
                Scope = root.TryGetProperty("scope", out _) ? Strings(root, "scope") : ["@run"],
                StateMap = map,
                EntityFromMessage = fromMessage,
                Events = events,
                Failures = Strings(root, "failures").ToHashSet(StringComparer.Ordinal),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // The reader's own words ("The given key was not present in the dictionary") do not say
            // which field is wrong; the file's required fields and their types do.
            var what = e switch
            {
                KeyNotFoundException => "a required field is missing (\"name\", \"states\" and \"events\" are)",
                InvalidOperationException or IndexOutOfRangeException => "a field has the wrong type (\"states\" and \"events\" are lists, \"name\" a string)",
                _ => e.Message,
            };
            throw new InvalidDataException($"{origin}: not a valid lifecycle file: {what}", e);
        }
    }

    private static StateEventRule Event(JsonElement e)
    {
        string? Text(string k) => e.TryGetProperty(k, out var v) ? v.GetString() : null;
        var key = Text("key");
        var message = Text("message");
        if ((key is null) == (message is null))
        {
            throw new InvalidDataException($"an event needs exactly one of \"key\" or \"message\": {e.GetRawText()}");
        }
        var regex = message is null ? null : new Regex(message, RegexOptions.CultureInvariant);
        if (regex is not null && Text("state") is null && regex.GroupNumberFromName("state") < 0)
        {
            throw new InvalidDataException($"a message event needs a \"state\" or a (?<state>...) group: {e.GetRawText()}");
        }
        var where = e.TryGetProperty("where", out var w)
            ? w.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList()
            : [];
        return new StateEventRule(key, regex, Text("contains"), Text("state"), where);
    }

    private static List<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var a) ? a.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
}
