using Microsoft.Data.Sqlite;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Parsl's monitoring.db: each row of the known tables becomes a record with a <c>table</c> key.
/// <c>SELECT *</c> rather than a column list so databases from older schemas (missing the 2024
/// psutil columns, for example) load with those keys simply absent. Identity columns are renamed to
/// the names the Parsl JSON logs use, so rules join the database to the logs without a relabel.
/// </summary>
internal sealed class MonitoringDbLoader : IFileLoader
{
    private static readonly string[] Tables = ["workflow", "task", "try", "status", "resource", "node", "block"];

    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["run_id"] = "parsl_dfk",
        ["task_id"] = "parsl_task_id",
        ["try_id"] = "parsl_try_id",
        ["task_status_name"] = "parsl_task_status",
        ["task_func_name"] = "parsl_app_name",
        ["task_executor"] = "parsl_executor",
        ["executor_label"] = "parsl_executor",
    };

    public List<Record> Load(string path, out int badLines)
    {
        badLines = 0;
        var records = new List<Record>();
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(cs.ToString());
        connection.Open();
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                present.Add(reader.GetString(0));
            }
        }
        foreach (var table in Tables.Where(present.Contains))
        {
            ReadTable(connection, table, path, records);
        }
        return records;
    }

    private static void ReadTable(SqliteConnection connection, string table, string path, List<Record> records)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        using var reader = command.ExecuteReader();
        var names = new string[reader.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            var n = reader.GetName(i);
            names[i] = KeyInterner.Intern(Renames.GetValueOrDefault(n, n));
        }
        var source = path + "#" + table;
        while (reader.Read())
        {
            var r = new Record(source, names.Length + 1);
            r.Set("table", table);
            for (var i = 0; i < names.Length; i++)
            {
                r.Set(names[i], Read(reader, i));
            }
            if (table == "workflow")
            {
                AddWorkflowEvents(r, records);
                continue;
            }
            // Task and try rows have no timestamp column, but say when they began: without it
            // they read "(no time)" and sort last in a flow.
            var began = table switch { "task" => "task_time_invoked", "try" => "task_try_time_launched", _ => null };
            if (began is not null && !r.Has("timestamp") && r.TryGet(began, out var t) && !t.IsNull)
            {
                r.Set("timestamp", t);
            }
            records.Add(r);
        }
    }

    // A workflow row holds two events; like the prototype, one record per non-null time.
    private static void AddWorkflowEvents(Record row, List<Record> records)
    {
        foreach (var (column, ev) in new[] { ("time_began", "began"), ("time_completed", "completed") })
        {
            if (row.TryGet(column, out var t) && !t.IsNull)
            {
                var r = row.Clone();
                r.Set("timestamp", t);
                r.Set("workflow_event", ev);
                records.Add(r);
            }
        }
    }

    private static Value Read(SqliteDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return Value.Null;
        }
        return reader.GetValue(i) switch
        {
            long l => Value.From(l),
            double d => Value.From(d),
            string s => Value.From(s),
            byte[] b => Value.From(Convert.ToHexString(b)),
            var o => Value.From(Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}
