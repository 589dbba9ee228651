using System.Globalization;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Export;

/// <summary>
/// Writes records as Parquet that DuckDB, pandas/pyarrow and Spark read without WideEvents: one
/// column per key, typed (64-bit integers, doubles, booleans, strings, <c>@t</c> as a UTC
/// timestamp), nulls where a record lacks the key, and the record's source in
/// <see cref="SourceColumn"/>. Columns of numeric strings become numbers; the file's metadata
/// names them so <see cref="Loaders.RecordLoader"/> gives back the original strings.
/// </summary>
public static class ParquetExport
{
    /// <summary>The column holding each record's <see cref="Record.Source"/>.</summary>
    public const string SourceColumn = "wide_source";

    /// <summary>
    /// The column numbering each row's list of keys in order (see the file's <c>wide.shapes</c>
    /// metadata), so <c>wide</c> reads back each record with its keys in their order, including
    /// keys whose value was null.
    /// </summary>
    public const string ShapeColumn = "wide_shape";

    /// <summary>The hive partition key of <see cref="WriteDirectoryAsync"/>'s folders.</summary>
    public const string RunPartition = "wide_run";

    /// <summary>Rows per row group: big enough for column statistics and scans to pay, small enough to write in bounded memory.</summary>
    public const int RowGroupRows = 1_000_000;

    internal const string TextColumnsKey = "wide.numeric_text_columns";
    internal const string KeysKey = "wide.keys";
    internal const string ShapesKey = "wide.shapes";

    /// <summary>Writes every record to one Parquet file.</summary>
    /// <returns>The number of rows written.</returns>
    public static async Task<long> WriteFileAsync(IReadOnlyList<Record> records, string path, CancellationToken cancellationToken = default)
    {
        var columns = ColumnPlan.For(records);
        await WriteAsync(records, columns, path, cancellationToken).ConfigureAwait(false);
        return records.Count;
    }

    /// <summary>
    /// Writes one file per run under <paramref name="directory"/>, hive style
    /// (<c>wide_run=RUN/part-0.parquet</c>; records of no known run under
    /// <c>wide_run=__HIVE_DEFAULT_PARTITION__</c>). Every file has the same columns, so readers need
    /// no schema merging.
    /// </summary>
    /// <returns>The files written, in run order.</returns>
    public static async Task<IReadOnlyList<string>> WriteDirectoryAsync(IReadOnlyList<Record> records, string directory, CancellationToken cancellationToken = default)
    {
        var columns = ColumnPlan.For(records);
        var runs = new Dictionary<string, List<Record>>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            var run = PartitionName(RunScope.Of(r));
            if (!runs.TryGetValue(run, out var list))
            {
                runs[run] = list = [];
            }
            list.Add(r);
        }
        var written = new List<string>();
        foreach (var (run, list) in runs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var dir = Path.Combine(directory, $"{RunPartition}={run}");
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, "part-0.parquet");
            await WriteAsync(list, columns, path, cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }
        return written;
    }

    // Hive folder names: the run's own text where it is safe in a path on every system, so a run
    // directory (/data/runinfo/000) or a UUID stays readable.
    internal static string PartitionName(string? run)
    {
        if (string.IsNullOrEmpty(run))
        {
            return "__HIVE_DEFAULT_PARTITION__";
        }
        var b = new StringBuilder(run.Length);
        foreach (var c in run.Trim('/', '\\'))
        {
            b.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_');
        }
        return b.Length == 0 ? "__HIVE_DEFAULT_PARTITION__" : b.ToString();
    }

    private static async Task WriteAsync(IReadOnlyList<Record> records, List<ColumnSpec> columns, string path, CancellationToken cancellationToken)
    {
        var fields = new List<DataField> { new DataField<string>(SourceColumn, nullable: false), new DataField<int>(ShapeColumn, nullable: false) };
        fields.AddRange(columns.Select(Field));
        var schema = new ParquetSchema(fields);
        // Every key, the columns' first (key i is column i) then keys that were only ever null.
        var keys = columns.Select(c => c.Key).ToList();
        var keyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            keyIndex[keys[i]] = i;
        }
        // Records of one file share a handful of key lists: each is numbered and mapped to keys once.
        var shapeIds = new Dictionary<KeyShape, int>(ReferenceEqualityComparer.Instance);
        var shapes = new List<int[]>();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var start = 0; start < records.Count || start == 0; start += RowGroupRows)
        {
            var rows = Math.Min(RowGroupRows, records.Count - start);
            var group = new ColumnBuffers(columns, rows);
            var sources = new string[rows];
            var shapeOf = new int[rows];
            for (var row = 0; row < rows; row++)
            {
                var r = records[start + row];
                sources[row] = r.Source;
                if (!shapeIds.TryGetValue(r.Shape, out var id))
                {
                    shapeIds[r.Shape] = id = shapes.Count;
                    shapes.Add(Array.ConvertAll(r.Shape.Keys, k =>
                    {
                        if (!keyIndex.TryGetValue(k, out var at))
                        {
                            keyIndex[k] = at = keys.Count;
                            keys.Add(k);
                        }
                        return at;
                    }));
                }
                shapeOf[row] = id;
                var map = shapes[id];
                var values = r.ValuesSpan;
                for (var i = 0; i < map.Length; i++)
                {
                    if (map[i] < columns.Count && !values[i].IsNull)
                    {
                        group.Set(map[i], row, values[i]);
                    }
                }
            }
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync(fields[0], sources).ConfigureAwait(false);
            await rowGroup.WriteAsync<int>(fields[1], shapeOf.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var c = 0; c < columns.Count; c++)
            {
                await group.WriteAsync(rowGroup, fields[c + 2], c, cancellationToken).ConfigureAwait(false);
            }
            if (records.Count == 0)
            {
                break;
            }
        }
        // Written into the footer when the writer closes, so it can list what the row groups met.
        writer.CustomMetadata = new Dictionary<string, string>
        {
            [TextColumnsKey] = JsonSerializer.Serialize(columns.Where(c => c.FromText).Select(c => c.Key).ToArray()),
            [KeysKey] = JsonSerializer.Serialize(keys),
            [ShapesKey] = JsonSerializer.Serialize(shapes),
        };
    }

    private static DataField Field(ColumnSpec c) => c.Type switch
    {
        ColumnType.Long => new DataField<long?>(c.Name),
        ColumnType.Double => new DataField<double?>(c.Name),
        ColumnType.Bool => new DataField<bool?>(c.Name),
        ColumnType.Timestamp => new DateTimeDataField(c.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true),
        _ => new DataField<string>(c.Name, nullable: true),
    };

    /// <summary>One row group's values, a typed array per column.</summary>
    private sealed class ColumnBuffers
    {
        private readonly List<ColumnSpec> _columns;
        private readonly Array[] _arrays;

        public ColumnBuffers(List<ColumnSpec> columns, int rows)
        {
            _columns = columns;
            _arrays = columns.Select(c => c.Type switch
            {
                ColumnType.Long => (Array)new long?[rows],
                ColumnType.Double => new double?[rows],
                ColumnType.Bool => new bool?[rows],
                ColumnType.Timestamp => new DateTime?[rows],
                _ => new string?[rows],
            }).ToArray();
        }

        public void Set(int column, int row, Value v)
        {
            var spec = _columns[column];
            switch (spec.Type)
            {
                case ColumnType.Long:
                    ((long?[])_arrays[column])[row] = v.Kind == ValueKind.Long ? v.AsLong
                        : ColumnPlan.IsLongText(v.AsString ?? "", out var l) ? l : null;
                    break;
                case ColumnType.Double:
                    ((double?[])_arrays[column])[row] = v.Kind == ValueKind.Double ? v.AsDouble
                        : v.Kind == ValueKind.Long ? v.AsLong
                        : double.TryParse(v.AsString, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
                    break;
                case ColumnType.Bool:
                    ((bool?[])_arrays[column])[row] = v.AsBool;
                    break;
                case ColumnType.Timestamp:
                    ((DateTime?[])_arrays[column])[row] = ColumnPlan.TryTimestamp(v.AsString ?? "", out var t) ? t : null;
                    break;
                default:
                    ((string?[])_arrays[column])[row] = v.ToString();
                    break;
            }
        }

        public async Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, int column, CancellationToken cancellationToken)
        {
            switch (_arrays[column])
            {
                case long?[] a: await rowGroup.WriteAsync<long>(field, a.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false); break;
                case double?[] a: await rowGroup.WriteAsync<double>(field, a.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false); break;
                case bool?[] a: await rowGroup.WriteAsync<bool>(field, a.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false); break;
                case DateTime?[] a: await rowGroup.WriteAsync<DateTime>(field, a.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false); break;
                case string?[] a: await rowGroup.WriteAsync(field, a!).ConfigureAwait(false); break;
            }
        }
    }
}
