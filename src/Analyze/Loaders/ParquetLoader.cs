using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using WideEvents.Analyze.Export;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Parquet written by <see cref="ParquetExport"/>: one record per row, a property per non-null
/// column, the source from <see cref="ParquetExport.SourceColumn"/>, numeric-text columns back to
/// their strings and <c>@t</c> back to ISO 8601 text. Other Parquet files with flat columns of
/// numbers, booleans, strings and timestamps read the same way, with the file as source.
/// </summary>
internal sealed class ParquetLoader : IFileLoader
{
    public List<Record> Load(string path, out int badLines)
    {
        badLines = 0;
        return LoadAsync(path).GetAwaiter().GetResult();
    }

    private static async Task<List<Record>> LoadAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields().Where(f => !f.IsArray).ToArray();
        var meta = reader.CustomMetadata;
        var text = meta.TryGetValue(ParquetExport.TextColumnsKey, out var t) ? JsonSerializer.Deserialize<string[]>(t)!.ToHashSet(StringComparer.Ordinal) : [];
        var sourceIndex = Array.FindIndex(fields, f => f.Name == ParquetExport.SourceColumn);
        var shapeIndex = Array.FindIndex(fields, f => f.Name == ParquetExport.ShapeColumn);
        // Ours: the columns after the source and shape are keys 0.. of wide.keys, and each row's
        // shape lists its keys in order. Another writer's: a property per non-null column.
        var ours = sourceIndex == 0 && shapeIndex == 1 && meta.ContainsKey(ParquetExport.KeysKey) && meta.ContainsKey(ParquetExport.ShapesKey);
        var keys = ours
            ? JsonSerializer.Deserialize<string[]>(meta[ParquetExport.KeysKey])!.Select(KeyInterner.Intern).ToArray()
            : fields.Select(f => KeyInterner.Intern(f.Name)).ToArray();
        var shapeKeys = ours ? JsonSerializer.Deserialize<int[][]>(meta[ParquetExport.ShapesKey])! : [];
        var shapes = Array.ConvertAll(shapeKeys, list => KeyShape.Of(Array.ConvertAll(list, k => keys[k]), null));
        var firstColumn = ours ? 2 : 0;
        var records = new List<Record>(checked((int)reader.Metadata!.NumRows));
        var store = new RecordStore(path, Math.Max(16, records.Capacity));
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            // columns[k]: the values of key k (ours) or of field k (another writer's).
            var columns = new Value[]?[ours ? keys.Length : fields.Length];
            string?[]? sources = null;
            int[]? shapeOf = null;
            for (var c = 0; c < fields.Length; c++)
            {
                if (c == sourceIndex)
                {
                    sources = await ReadStrings(group, fields[c], rows).ConfigureAwait(false);
                }
                else if (ours && c == shapeIndex)
                {
                    shapeOf = new int[rows];
                    await group.ReadAsync<int>(fields[c], shapeOf.AsMemory()).ConfigureAwait(false);
                }
                else
                {
                    var key = ours ? keys[c - firstColumn] : keys[c];
                    columns[ours ? c - firstColumn : c] = await ReadColumn(group, fields[c], rows, text.Contains(key)).ConfigureAwait(false);
                }
            }
            var rowKeys = new string[keys.Length];
            var rowValues = new Value[keys.Length];
            var shape = default(KeyShape);
            for (var row = 0; row < rows; row++)
            {
                var source = sources?[row] ?? path;
                if (shapeOf is not null)
                {
                    var list = shapeKeys[shapeOf[row]];
                    for (var i = 0; i < list.Length; i++)
                    {
                        rowValues[i] = columns[list[i]] is { } column ? column[row] : Value.Null;
                    }
                    records.Add(new Record(store, store.AddRow(source, shapes[shapeOf[row]], rowValues.AsSpan(0, list.Length))));
                    continue;
                }
                var n = 0;
                for (var c = 0; c < columns.Length; c++)
                {
                    if (c != sourceIndex && columns[c] is { } column && !column[row].IsNull)
                    {
                        rowKeys[n] = keys[c];
                        rowValues[n++] = column[row];
                    }
                }
                shape = KeyShape.Of(rowKeys.AsSpan(0, n), shape);
                records.Add(new Record(store, store.AddRow(source, shape, rowValues.AsSpan(0, n))));
            }
        }
        return records;
    }

    private static async Task<Value[]?> ReadColumn(ParquetRowGroupReader group, DataField field, int rows, bool fromText)
    {
        var values = new Value[rows];
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var strings = await ReadStrings(group, field, rows).ConfigureAwait(false);
            for (var i = 0; i < rows; i++)
            {
                if (strings[i] is { } s)
                {
                    values[i] = Value.From(s);
                }
            }
        }
        else if (type == typeof(long))
        {
            var a = new long?[rows];
            await group.ReadAsync<long>(field, a.AsMemory()).ConfigureAwait(false);
            for (var i = 0; i < rows; i++)
            {
                if (a[i] is { } l)
                {
                    values[i] = fromText ? Value.From(l.ToString(CultureInfo.InvariantCulture)) : Value.From(l);
                }
            }
        }
        else if (type == typeof(int))
        {
            var a = new int?[rows];
            await group.ReadAsync<int>(field, a.AsMemory()).ConfigureAwait(false);
            for (var i = 0; i < rows; i++)
            {
                if (a[i] is { } l)
                {
                    values[i] = Value.From((long)l);
                }
            }
        }
        else if (type == typeof(double))
        {
            var a = new double?[rows];
            await group.ReadAsync<double>(field, a.AsMemory()).ConfigureAwait(false);
            for (var i = 0; i < rows; i++)
            {
                if (a[i] is { } d)
                {
                    values[i] = fromText ? Value.From(d.ToString("R", CultureInfo.InvariantCulture)) : Value.From(d);
                }
            }
        }
        else if (type == typeof(bool))
        {
            var a = new bool?[rows];
            await group.ReadAsync<bool>(field, a.AsMemory()).ConfigureAwait(false);
            for (var i = 0; i < rows; i++)
            {
                if (a[i] is { } b)
                {
                    values[i] = Value.From(b);
                }
            }
        }
        else if (type == typeof(DateTime))
        {
            var a = new DateTime?[rows];
            await group.ReadAsync<DateTime>(field, a.AsMemory()).ConfigureAwait(false);
            for (var i = 0; i < rows; i++)
            {
                if (a[i] is { } t)
                {
                    values[i] = Value.From(DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                }
            }
        }
        else
        {
            return null;   // nested or exotic columns: not a flat record property
        }
        return values;
    }

    // The raw values (non-null only) placed by their definition levels, decoded straight from the
    // column's characters: the same strings recur down a column (levels, thread names, sources),
    // and equal ones are shared instead of allocated per row.
    private static async Task<string?[]> ReadStrings(ParquetRowGroupReader group, DataField field, int rows)
    {
        var raw = new ReadOnlyMemory<char>[rows];
        var levels = new int[rows];
        await group.ReadRawAsync<ReadOnlyMemory<char>>(field, raw.AsMemory(), levels.AsMemory(), null).ConfigureAwait(false);
        var shared = new HashSet<string>(StringComparer.Ordinal);
        var lookup = shared.GetAlternateLookup<ReadOnlySpan<char>>();
        var strings = new string?[rows];
        var max = field.MaxDefinitionLevel;
        var next = 0;
        for (var i = 0; i < rows; i++)
        {
            if (max > 0 && levels[i] < max)
            {
                continue;
            }
            var span = raw[next++].Span;
            if (span.Length > 128)
            {
                strings[i] = span.ToString();
            }
            else if (!lookup.TryGetValue(span, out strings[i]))
            {
                strings[i] = span.ToString();
                shared.Add(strings[i]!);
            }
        }
        return strings;
    }
}
