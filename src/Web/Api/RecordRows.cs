using System.Globalization;
using WideEvents.Analyze.Records;

namespace WideEvents.Web.Api;

/// <summary>Records as rows for the browser: time, source, process, thread, message, and every property.</summary>
internal static class RecordRows
{
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "repr", "known_keys" };

    public static object Row(Record r) => new
    {
        time = double.IsNaN(r.Time) ? null : DateTime.UnixEpoch.AddSeconds(r.Time).ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        source = r.TryGet("logsource", out var s) && !s.IsNull ? s.ToString() : Path.GetFileName(r.Source),
        process = r.Process(),
        thread = r.Thread(),
        level = r.Level()?.ToString(),
        // Database rows have no message: show their columns instead, as the flow report does.
        message = Cut(r.Message() ?? string.Join(" ", r.Properties.Where(p => !p.Value.IsNull && !Hidden.Contains(p.Key) && p.Key is not ("logsource" or "run")).Take(8).Select(p => $"{p.Key}={p.Value}"))),
        fields = r.Properties.Where(p => !Hidden.Contains(p.Key) && !p.Value.IsNull).ToDictionary(p => p.Key, p => Cut(p.Value.ToString())),
    };

    private static string Cut(string s) => s.Length > 400 ? s[..400] + "…" : s;
}
