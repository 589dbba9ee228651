using System.Text.Json.Nodes;

namespace WideEvents.Emit.Tests.Support;

/// <summary>Reads what the SDK wrote, the way any JSON-lines consumer would.</summary>
public static class Records
{
    public static List<JsonObject> ReadDirectory(string directory, string pattern = "*.jsonl") =>
        Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal).SelectMany(ReadFile).ToList();

    public static List<JsonObject> ReadFile(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(Parse).ToList();

    public static JsonObject Parse(string line) =>
        JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException($"not a JSON object: {line}");

    /// <summary>Records other than the file headers Emit writes.</summary>
    public static List<JsonObject> WithoutHeaders(this IEnumerable<JsonObject> records) =>
        records.Where(r => !r.ContainsKey("file_uuid")).ToList();

    public static string? Str(this JsonObject record, string key) => record[key]?.GetValue<object>()?.ToString();
}
