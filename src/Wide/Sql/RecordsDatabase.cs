using System.Data.Common;
using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;
using WideEvents.Analyze.Export;
using WideEvents.Analyze.Records;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Sql;

/// <summary>
/// An embedded, in-memory DuckDB with the records as the view <c>records</c>: they are written
/// once as Parquet to a temporary file (typed columns, see <see cref="ParquetExport"/>), which
/// DuckDB scans directly. Not JSON: DuckDB's JSON reader infers columns from a sample and drops
/// keys it did not see there.
/// </summary>
internal sealed class RecordsDatabase : IAsyncDisposable
{
    /// <summary>The view's name.</summary>
    public const string Table = "records";

    /// <summary>The column with each record's position in the input (0-based), for mapping rows back to records.</summary>
    public const string RowColumn = "wide_row";

    private readonly string _folder;
    private readonly DuckDBConnection _connection;

    private RecordsDatabase(string folder, DuckDBConnection connection)
    {
        _folder = folder;
        _connection = connection;
    }

    public static async Task<RecordsDatabase> OpenAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("wide-query-").FullName;
        try
        {
            var file = Path.Combine(folder, "records.parquet");
            await ParquetExport.WriteFileAsync(records, file, cancellationToken).ConfigureAwait(false);
            var connection = new DuckDBConnection("Data Source=:memory:");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var create = connection.CreateCommand())
            {
                // The file's rows are in input order, so file_row_number is the record's index.
                create.CommandText = $"CREATE VIEW {Table} AS SELECT * EXCLUDE (file_row_number), file_row_number AS {RowColumn} FROM read_parquet('{file.Replace("'", "''", StringComparison.Ordinal)}', file_row_number = true)";
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return new RecordsDatabase(folder, connection);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Runs <paramref name="sql"/> and returns its rows as a table (numbers, booleans, text, null).</summary>
    /// <exception cref="CommandException">DuckDB rejected the query (its message, exit code 2).</exception>
    public async Task<Output.Table> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var table = new Output.Table(names);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var cells = new object?[names.Length];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.IsDBNull(i) ? null : Cell(reader.GetValue(i));
                }
                table.Add(cells);
            }
            return table;
        }
        catch (DbException e)
        {
            throw new CommandException($"SQL: {e.Message.Trim()}", ExitCodes.Usage);
        }
    }

    /// <summary>The positions of the records for which <paramref name="condition"/> (an SQL boolean expression) holds, ascending.</summary>
    public async Task<List<int>> WhereAsync(string condition, CancellationToken cancellationToken)
    {
        var table = await QueryAsync($"SELECT {RowColumn} FROM {Table} WHERE ({condition}) ORDER BY {RowColumn}", cancellationToken).ConfigureAwait(false);
        return table.Rows.Select(r => checked((int)(long)r[0]!)).ToList();
    }

    /// <summary>Keeps in <paramref name="records"/> only those for which <paramref name="condition"/> holds, in their order.</summary>
    /// <exception cref="CommandException">DuckDB rejected the condition (exit code 2).</exception>
    public static async Task Filter(List<Record> records, string condition, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }
        List<int> kept;
        await using (var db = await OpenAsync(records, cancellationToken).ConfigureAwait(false))
        {
            kept = await db.WhereAsync(condition, cancellationToken).ConfigureAwait(false);
        }
        var i = 0;
        foreach (var row in kept)
        {
            records[i++] = records[row];
        }
        records.RemoveRange(i, records.Count - i);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_folder, recursive: true);
    }

    // Table cells are long, double, bool or text; DuckDB's wider types (HUGEINT from sum(),
    // DECIMAL from avg() of integers, unsigned) fold into those.
    private static object? Cell(object value) => value switch
    {
        long or double or bool or string => value,
        int i => (long)i,
        short s => (long)s,
        sbyte b => (long)b,
        byte b => (long)b,
        ushort u => (long)u,
        uint u => (long)u,
        ulong u when u <= long.MaxValue => (long)u,
        BigInteger b when b >= long.MinValue && b <= long.MaxValue => (long)b,
        float f => (double)f,
        decimal d => (double)d,
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
