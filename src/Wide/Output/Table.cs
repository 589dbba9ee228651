using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WideEvents.Cli.Output;

/// <summary>
/// Rows of results written as aligned text, CSV or JSON lines. Cells are strings, numbers,
/// booleans or null; doubles are written round-trippable in CSV and JSON.
/// </summary>
public sealed class Table
{
    private readonly List<object?[]> _rows = [];

    /// <summary>A table with these column names.</summary>
    public Table(params string[] columns) => Columns = columns;

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>Adds a row; it must have one cell per column.</summary>
    public void Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"expected {Columns.Count} cells, got {cells.Length}", nameof(cells));
        }
        _rows.Add(cells);
    }

    /// <summary>Writes the table in <paramref name="format"/>.</summary>
    public void Write(TextWriter output, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json: WriteJson(output); break;
            case OutputFormat.Csv: WriteCsv(output); break;
            default: WriteText(output); break;
        }
    }

    /// <summary>Aligned columns, numbers right-aligned, the last column unpadded.</summary>
    public void WriteText(TextWriter output)
    {
        var cells = _rows.Select(r => r.Select(Text).ToArray()).ToList();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        var numeric = Columns.Select((_, i) => _rows.Count > 0 && _rows.All(r => r[i] is null or double or int or long)).ToArray();
        void Line(IReadOnlyList<string> row)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < row.Count; i++)
            {
                var last = i == row.Count - 1;
                sb.Append(numeric[i] ? row[i].PadLeft(widths[i]) : last ? row[i] : row[i].PadRight(widths[i]));
                if (!last)
                {
                    sb.Append("  ");
                }
            }
            output.WriteLine(sb.ToString().TrimEnd());
        }
        Line(Columns);
        foreach (var row in cells)
        {
            Line(row);
        }
    }

    private void WriteCsv(TextWriter output)
    {
        output.WriteLine(string.Join(",", Columns.Select(Quote)));
        foreach (var row in _rows)
        {
            output.WriteLine(string.Join(",", row.Select(c => Quote(Invariant(c)))));
        }
    }

    private void WriteJson(TextWriter output)
    {
        foreach (var row in _rows)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                for (var i = 0; i < Columns.Count; i++)
                {
                    w.WritePropertyName(Columns[i]);
                    switch (row[i])
                    {
                        case null: w.WriteNullValue(); break;
                        case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
                        case double: w.WriteNullValue(); break;
                        case int n: w.WriteNumberValue(n); break;
                        case long l: w.WriteNumberValue(l); break;
                        case bool b: w.WriteBooleanValue(b); break;
                        default: w.WriteStringValue(row[i]!.ToString()); break;
                    }
                }
                w.WriteEndObject();
            }
            output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    private static string Text(object? cell) => cell switch
    {
        null => "",
        double d when double.IsNaN(d) => "-",
        double d => d.ToString("F6", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "",
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Invariant(object? cell) => cell switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
