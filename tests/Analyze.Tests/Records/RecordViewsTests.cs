using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Records;

public class RecordViewsTests
{
    private static Record Make(params (string Key, Value Value)[] props)
    {
        var r = new Record("test");
        foreach (var (k, v) in props)
        {
            r.Set(k, v);
        }
        return r;
    }

    [Fact]
    public void Time_is_read_from_each_scheme()
    {
        Assert.Equal(1.5, Make(("created", 1.5)).Time(), 9);
        Assert.Equal(1795555280.4886014, Make(("created", "1795555280.4886014")).Time());
        Assert.Equal(1.0, Make(("@t", "1970-01-01T00:00:01.0000000Z")).Time(), 9);
        Assert.Equal(86400.5, Make(("timestamp", "1970-01-02 00:00:00.500000")).Time(), 6);
        Assert.Equal(1795555395.692096, Make(("time", 1795555395692096L)).Time(), 6);
    }

    [Fact]
    public void Levels_are_ordered_across_naming_schemes()
    {
        Assert.Equal(Severity.Information, Make(("@t", "2020-01-01T00:00:00Z")).Level());
        Assert.Equal(Severity.Warning, Make(("@l", "Warning")).Level());
        Assert.Equal(Severity.Warning, Make(("levelname", "WARNING")).Level());
        Assert.Equal(Severity.Trace, Make(("levelno", "1")).Level());
        Assert.Equal(Severity.Fatal, Make(("levelname", "CRITICAL")).Level());
        Assert.True(Make(("@l", "Error")).Level() > Make(("levelname", "INFO")).Level());
        Assert.Null(Make(("x", 1)).Level());
    }

    [Fact]
    public void Message_prefers_the_rendered_text_then_renders_the_template()
    {
        Assert.Equal("Task 0: done", Make(("msg", "Task %s: done"), ("formatted", "Task 0: done")).Message());
        Assert.Equal("Task %s: done", Make(("msg", "Task %s: done"), ("formatted", "Task 0: done")).Template());
        Assert.Equal("Task 358 took 1.5 s {x}", Make(("@mt", "Task {task_id} took {elapsed:F1} s {{x}}"), ("task_id", 358), ("elapsed", 1.5)).Message());
        Assert.Equal("Missing {nope}", Make(("@mt", "Missing {nope}")).Message());
    }
}
