using DuckDB.NET.Data;

namespace WideEvents.Analyze.Benchmarks;

/// <summary>DuckDB over the Parquet export: what a user who outgrew wide's in-memory analysis runs instead.</summary>
internal static class DuckDbQuery
{
    /// <summary>Runs <paramref name="sql"/> in an in-memory DuckDB and returns how many rows it gave.</summary>
    public static int Run(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
        }
        return rows;
    }
}
