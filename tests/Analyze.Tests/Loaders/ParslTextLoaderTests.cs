using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Loaders;

public class ParslTextLoaderTests
{
    private static readonly string Run = Path.Combine(RealLogs.Dir("nf-core-cellpainting-htex-parsl-2025.05.12"), "runinfo", "000");

    [Fact]
    public void Parsl_log_lines_give_time_level_process_thread_logger_and_multi_line_messages()
    {
        var records = RecordLoader.Load(Path.Combine(Run, "parsl.log")).Records;

        var first = records[0];
        Assert.Equal(1777394882.822396, first.Time, 6);
        Assert.Equal(Severity.Information, first.Level());
        Assert.Equal("75", first.Process());
        Assert.Equal("MainThread", first.Thread());
        Assert.Equal("parsl.dataflow.dflow", first["name"].AsString);
        Assert.StartsWith("Starting DataFlowKernel with config\nConfig(", first.Message(), StringComparison.Ordinal);
        Assert.All(records, r => Assert.False(double.IsNaN(r.Time)));
    }

    [Fact]
    public void Interchange_manager_and_worker_formats_are_recognised()
    {
        var records = RecordLoader.Load(Path.Combine(Run, "htex_default_for_cytotable")).Records;

        var interchange = records.First(r => r["logsource"].AsString == "interchange log");
        Assert.Equal("interchange", interchange["name"].AsString);
        Assert.Equal("94", interchange.Process());
        Assert.Equal("Connected to client", records.First(r => r["lineno"].AsLong == 127).Message());
        var worker = records.First(r => r["logsource"].AsString == "Pool worker log" && r["worker"].AsString == "0");
        Assert.Equal("Worker 0 started", worker.Message());
        Assert.Equal("054565ab9a60", worker["manager"].AsString);
        Assert.Contains(records, r => r["logsource"].AsString == "Pool manager log" && r.Message()!.Contains("\n  Python version", StringComparison.Ordinal));
    }
}
