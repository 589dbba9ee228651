using System.CommandLine;
using WideEvents.Cli.Output;
using WideEvents.Cli.Sql;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide query</c>: SQL (DuckDB, embedded) over the loaded records.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var sql = new Option<string>("--query", "-q")
        {
            Description = $"The SQL (DuckDB's dialect) to run; the records, after rules, are the table '{RecordsDatabase.Table}' with a column per key",
            Required = true,
        };
        var command = new Command("query", $"Run SQL over the loaded records (table '{RecordsDatabase.Table}': a typed column per key, wide_source, wide_row) and print the result (--json/--csv for machines)");
        input.AddTo(command);
        command.Options.Add(sql);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            var cancel = CancellationToken.None;
            var table = Run(loaded, parse.GetValue(sql)!, cancel).GetAwaiter().GetResult();
            if (loaded.Output == OutputFormat.Text)
            {
                // Booleans as SQL writes them: the table's text form marks true with "yes" and false with nothing.
                var text = new Table([.. table.Columns]);
                foreach (var row in table.Rows)
                {
                    text.Add(row.Select(c => c is bool b ? (b ? "true" : "false") : c).ToArray());
                }
                table = text;
            }
            table.Write(parse.InvocationConfiguration.Output, loaded.Output);
            return table.Rows.Count == 0 ? ExitCodes.NothingFound : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<Table> Run(LoadedInput loaded, string sql, CancellationToken cancellationToken)
    {
        await using var db = await RecordsDatabase.OpenAsync(loaded.Records, cancellationToken).ConfigureAwait(false);
        return await db.QueryAsync(sql, cancellationToken).ConfigureAwait(false);
    }
}
