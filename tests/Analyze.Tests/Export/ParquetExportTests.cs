using System.Globalization;
using DuckDB.NET.Data;
using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Export;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Tests.Support;

namespace WideEvents.Analyze.Tests.Export;

/// <summary><c>wide export</c> and <c>wide query</c> on the diamond run, read back by DuckDB and by <c>wide</c> itself.</summary>
public sealed class ParquetExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-parquet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<Record> DiamondAfterRules()
    {
        var records = RecordLoader.Load(RealLogs.Diamond).Records;
        RuleSet.Load(RealLogs.ParslRules).Apply(records);
        return records;
    }

    [Fact]
    public void Wide_export_of_the_diamond_run_is_read_by_duckdb_with_every_record_and_every_value()
    {
        var file = Path.Combine(_dir, "x.parquet");
        var (code, output, error) = Wide.Run("export", RealLogs.Diamond, "-o", file);
        Assert.True(code == 0, error);
        var records = DiamondAfterRules();
        Assert.Contains($"wrote {records.Count} records", output, StringComparison.Ordinal);

        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT * FROM read_parquet('{file}') ";
        using var reader = command.ExecuteReader();
        var column = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => i, StringComparer.Ordinal);
        var row = 0;
        var compared = 0;
        while (reader.Read())
        {
            var r = records[row++];
            Assert.Equal(r.Source, reader.GetString(column[ParquetExport.SourceColumn]));
            foreach (var (key, value) in r.Properties)
            {
                if (value.IsNull)
                {
                    continue;
                }
                // SQL folds case: funcName and funcname are columns funcName and funcname_2.
                var cell = reader.GetValue(column.TryGetValue(key, out var at) ? at : column[key + "_2"]);
                Assert.True(Same(value, cell), $"row {row - 1} {key}: wrote {value} ({value.Kind}), DuckDB read {cell} ({cell.GetType().Name})");
                compared++;
            }
            // A key the record lacks is null in its row.
            var absent = column.Keys.Where(k => k is not (ParquetExport.SourceColumn or ParquetExport.ShapeColumn) && !r.Has(k) && !(k.EndsWith("_2", StringComparison.Ordinal) && r.Has(k[..^2]))).ToList();
            Assert.All(absent, k => Assert.True(reader.IsDBNull(column[k]), $"row {row - 1} {k}"));
        }
        Assert.Equal(records.Count, row);
        Assert.True(compared > records.Count * 10, $"{compared} values compared");
    }

    // Numeric strings are written as numbers, CLEF @t as a timestamp; the rest as they were.
    private static bool Same(Value wrote, object read) => (wrote.Kind, read) switch
    {
        (ValueKind.Long, long l) => wrote.AsLong == l,
        (ValueKind.Long, double d) => wrote.AsLong == d,
        (ValueKind.Double, double d) => wrote.AsDouble.Equals(d),
        (ValueKind.Bool, bool b) => wrote.AsBool == b,
        (ValueKind.String, string s) => wrote.AsString == s,
        (ValueKind.String, long l) => long.Parse(wrote.AsString!, CultureInfo.InvariantCulture) == l,
        (ValueKind.String, double d) => double.Parse(wrote.AsString!, CultureInfo.InvariantCulture).Equals(d),
        (ValueKind.String, DateTime t) => ColumnPlan.TryTimestamp(wrote.AsString!, out var u) && u == t,
        _ => false,
    };

    [Fact]
    public void Query_counts_seventeen_distinct_tasks_in_the_diamond_run()
    {
        var (code, output, error) = Wide.Run("query", RealLogs.Diamond, "-q", "select count(distinct task_id) from records");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("17", lines[1].Trim());
    }

    [Fact]
    public void Query_json_and_csv_give_the_rows_with_typed_values_and_a_bad_query_is_a_usage_error()
    {
        const string sql = "select logsource, count(*) as n, count(*) > 0 as timed from records where logsource is not null group by logsource order by n desc, logsource";
        var (code, json, _) = Wide.Run("query", RealLogs.Diamond, "-q", sql, "--json");
        var (ccode, csv, _) = Wide.Run("query", RealLogs.Diamond, "-q", sql, "--csv");
        var records = DiamondAfterRules();

        Assert.Equal(0, code);
        Assert.Equal(0, ccode);
        var rows = json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var expected = records.Where(r => r.Has("logsource")).GroupBy(r => r["logsource"].ToString()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(expected[r.GetProperty("logsource").GetString()!], r.GetProperty("n").GetInt64()));
        Assert.All(rows, r => Assert.Equal(System.Text.Json.JsonValueKind.True, r.GetProperty("timed").ValueKind));
        var csvLines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("logsource,n,timed", csvLines[0].TrimEnd('\r'));
        Assert.Equal(expected.Count + 1, csvLines.Length);

        var (bad, _, badError) = Wide.Run("query", RealLogs.Diamond, "-q", "select no_such_column from records");
        Assert.Equal(WideEvents.Cli.ExitCodes.Usage, bad);
        Assert.Contains("no_such_column", badError, StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_reads_the_parquet_it_wrote_and_gives_the_same_common_path_and_flow()
    {
        var file = Path.Combine(_dir, "diamond.parquet");
        Assert.Equal(0, Wide.Run("export", RealLogs.Diamond, "-o", file).Code);

        var original = Wide.Run("common", RealLogs.Diamond);
        var fromParquet = Wide.Run("common", file);
        Assert.Equal(0, fromParquet.Code);
        Assert.Equal(original.Out, fromParquet.Out);
        var flow = Wide.Run("flow", RealLogs.Diamond, "--entity", "parsl_task_id=16");
        var flowFromParquet = Wide.Run("flow", file, "--entity", "parsl_task_id=16");
        Assert.Equal(flow.Out, flowFromParquet.Out);
        Assert.Contains("1 files", Wide.Run("load", file).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numeric_text_comes_back_as_the_same_text_and_numbers_as_numbers()
    {
        var records = new List<Record>();
        foreach (var (created, id) in new[] { ("1795555280.4886014", "7"), ("1795555280.5", "12") })
        {
            var r = new Record("a.jsonlog");
            r.Set("created", created);
            r.Set("id", id);
            r.Set("n", 3L);
            r.Set("ok", true);
            r.Set("@t", "2026-12-03T14:34:35.123456Z");
            r.Set("msg", "0042");
            records.Add(r);
        }
        var file = Path.Combine(_dir, "text.parquet");
        await ParquetExport.WriteFileAsync(records, file);

        var back = RecordLoader.Load(file).Records;

        Assert.Equal(2, back.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("a.jsonlog", back[i].Source);
            foreach (var key in new[] { "created", "id", "n", "ok", "msg" })
            {
                Assert.Equal(records[i][key], back[i][key]);
            }
            Assert.Equal(records[i].Time, back[i].Time, 6);
        }
    }

    [Fact]
    public void Export_to_a_folder_writes_one_hive_partition_per_run_that_duckdb_reads_whole()
    {
        var folder = Path.Combine(_dir, "runs") + Path.DirectorySeparatorChar;
        var (code, output, error) = Wide.Run("export", RealLogs.Diamond, RealLogs.Uniform, "-o", folder);
        Assert.True(code == 0, error);
        var total = RecordLoader.Load(RealLogs.Diamond, RealLogs.Uniform).Records.Count;

        var partitions = Directory.GetDirectories(folder).Select(Path.GetFileName).ToList();
        Assert.Contains($"in {partitions.Count} run partition(s)", output, StringComparison.Ordinal);
        Assert.True(partitions.Count >= 2, string.Join(", ", partitions));
        Assert.All(partitions, p => Assert.StartsWith(ParquetExport.RunPartition + "=", p, StringComparison.Ordinal));
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT count(*), count(DISTINCT {ParquetExport.RunPartition}) FROM read_parquet('{folder}*/*.parquet', hive_partitioning = true)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(total, reader.GetInt64(0));
        Assert.Equal(partitions.Count, reader.GetInt64(1));
        // And wide reads the folder back whole.
        Assert.Equal(total, RecordLoader.Load(folder).Records.Count);
    }

    [Fact]
    public void Where_keeps_the_records_an_sql_condition_holds_for_on_any_command()
    {
        var merged = Path.Combine(_dir, "interchange.jsonl");
        var (code, _, error) = Wide.Run("load", RealLogs.Diamond, "--where", "logsource = 'interchange log' and created > 0", "-o", merged);
        var expected = DiamondAfterRules().Count(r => r["logsource"].AsString == "interchange log" && r.Has("created"));

        Assert.True(code == 0, error);
        Assert.True(expected > 100, $"{expected} interchange records");
        Assert.Contains($"--where: {expected:N0} of ", error, StringComparison.Ordinal);
        var lines = File.ReadAllLines(merged);
        Assert.Equal(expected, lines.Length);
        Assert.All(lines, l => Assert.Contains("\"logsource\":\"interchange log\"", l, StringComparison.Ordinal));

        var flow = Wide.Run("flow", RealLogs.Diamond, "--entity", "parsl_task_id=16", "--where", "logsource = 'Pool worker log'", "--csv");
        Assert.Equal(0, flow.Code);
        var rows = flow.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("Pool worker log", r, StringComparison.Ordinal));

        var (bad, _, badError) = Wide.Run("common", RealLogs.Diamond, "--where", "no_such_key = 1");
        Assert.Equal(WideEvents.Cli.ExitCodes.Usage, bad);
        Assert.Contains("no_such_key", badError, StringComparison.Ordinal);
    }
}
