using System.Text;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Volume;

/// <summary>
/// Records and bytes per template (or source, or level): each record's bytes are what it takes
/// in its file (<see cref="RecordLines"/>; a Parsl entry with its traceback), or for a record
/// from a database its size as a JSON line, so the chatty or huge log line is found at once.
/// </summary>
internal static class VolumeCount
{
    public static readonly string[] Dimensions = ["template", "source", "level"];

    public static List<VolumeRow> Count(LoadResult loaded, IReadOnlyList<string> by)
    {
        var formats = loaded.Files.ToDictionary(f => f.Path, f => f.Format, StringComparer.Ordinal);
        var sizes = new Dictionary<string, List<(int Line, long Bytes)>>(StringComparer.Ordinal);
        var ordinal = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new Dictionary<string, VolumeRow>(StringComparer.Ordinal);
        var json = new StringWriter();
        using var writer = new RecordJsonWriter(json);
        foreach (var record in loaded.Records)
        {
            var n = ordinal[record.Source] = ordinal.GetValueOrDefault(record.Source) + 1;
            if (!sizes.TryGetValue(record.Source, out var lines))
            {
                lines = sizes[record.Source] = formats.TryGetValue(record.Source, out var format) ? RecordLines.Of(record.Source, format) : [];
            }
            long bytes = n <= lines.Count ? lines[n - 1].Bytes : JsonBytes(record, writer, json);
            var key = by.Select(d => Dimension(record, d)).ToArray();
            var id = string.Join('\u0001', key);
            if (!rows.TryGetValue(id, out var row))
            {
                rows[id] = row = new VolumeRow(key);
            }
            row.Add(bytes);
        }
        return [.. rows.Values.OrderByDescending(r => r.Bytes).ThenByDescending(r => r.Records).ThenBy(r => string.Join('\u0001', r.Key), StringComparer.Ordinal)];
    }

    private static string Dimension(Record record, string dimension) => dimension switch
    {
        "source" => record.Source,
        "level" => record.Level()?.ToString() ?? "(none)",
        _ => record.Template() ?? "(none)",
    };

    private static long JsonBytes(Record record, RecordJsonWriter writer, StringWriter buffer)
    {
        buffer.GetStringBuilder().Clear();
        writer.Write(record);
        return Encoding.UTF8.GetByteCount(buffer.GetStringBuilder().ToString().TrimEnd('\n', '\r')) + 1;
    }
}
