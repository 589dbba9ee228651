using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Spans;

public sealed class LexicalSpanTests
{
    [Fact]
    public void A_span_writes_start_and_end_records_and_marks_records_inside_it()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();
        using (logger.BeginSpan("gather dependencies"))
        {
            logger.LogInformation("waiting for {Count} dependencies", 2);
            Thread.Sleep(20);
        }

        logger.LogInformation("after");

        var records = logging.Complete();
        var (start, inside, end, after) = (records[0], records[1], records[2], records[3]);
        var spanId = start.Str("span_id")!;
        Assert.Equal(7, Guid.Parse(spanId).Version);
        Assert.Equal("start", start.Str("span_event"));
        Assert.Equal("gather dependencies", start.Str("span_name"));
        Assert.False(start.ContainsKey("span_parent"));
        Assert.Equal(spanId, inside.Str("span_id"));
        Assert.Equal("end", end.Str("span_event"));
        Assert.Equal(spanId, end.Str("span_id"));
        Assert.Equal("ok", end.Str("outcome"));
        Assert.InRange(end["duration_s"]!.GetValue<double>(), 0.015, 10);
        Assert.False(after.ContainsKey("span_id"));
    }

    [Fact]
    public async Task Nested_spans_know_their_parent_through_the_async_flow()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();
        using (logger.BeginSpan("task"))
        {
            await Task.WhenAll(Child(logger, "a"), Child(logger, "b"));
        }

        var records = logging.Complete();
        var outer = records.First(r => r.Str("span_name") == "task").Str("span_id");
        var children = records.Where(r => r.Str("span_name") is "a" or "b").ToList();
        Assert.Equal(4, children.Count);
        Assert.All(children, r => Assert.Equal(outer, r.Str("span_parent")));
        var insideA = records.Single(r => r.Str("@mt") == "inside {Name}" && r.Str("Name") == "a");
        Assert.Equal(records.First(r => r.Str("span_name") == "a").Str("span_id"), insideA.Str("span_id"));

        static async Task Child(ILogger logger, string name)
        {
            using (logger.BeginSpan(name))
            {
                await Task.Yield();
                await Task.Delay(5);
                logger.LogInformation("inside {Name}", name);
            }
        }
    }

    [Fact]
    public void An_exception_leaving_a_span_is_its_outcome_and_is_not_swallowed()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();

        Assert.Throws<TimeoutException>(Run);

        var ends = logging.Complete().Where(r => r.Str("span_event") == "end").ToList();
        Assert.Equal(["inner", "outer"], ends.Select(r => r.Str("span_name")!).ToArray());
        Assert.All(ends, r => Assert.Equal("TimeoutException", r.Str("outcome")));

        void Run()
        {
            using (logger.BeginSpan("outer"))
            using (logger.BeginSpan("inner"))
            {
                throw new TimeoutException("no worker");
            }
        }
    }

    [Fact]
    public void An_exception_caught_inside_a_using_span_leaves_it_ok()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();

        using (logger.BeginSpan("parses with a fallback"))
        {
            try
            {
                _ = int.Parse("not a number", System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                // A library's own retry or fallback: not a failure of the span.
            }
        }

        var end = Assert.Single(logging.Complete(), r => r.Str("span_event") == "end");
        Assert.Equal("ok", end.Str("outcome"));
    }

    [Fact]
    public void InSpan_reports_exactly_whether_the_body_failed()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();

        var value = logger.InSpan("handled inside", () =>
        {
            try
            {
                throw new FormatException();
            }
            catch (FormatException)
            {
                return 3;
            }
        });
        Assert.Throws<ArgumentException>(() => logger.InSpan<int>("fails", () => throw new ArgumentException("bad")));

        Assert.Equal(3, value);
        var ends = logging.Complete().Where(r => r.Str("span_event") == "end").ToList();
        Assert.Equal("ok", ends[0].Str("outcome"));
        Assert.Equal("ArgumentException", ends[1].Str("outcome"));
    }

    [Fact]
    public void A_span_learned_late_is_tied_to_its_identity_by_one_record_with_both_keys()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();
        using (var span = logger.BeginSpan("decode message"))
        {
            logger.LogInformation("decoding {Bytes} bytes", 120);
            span.Tie("exec_task_id", 17);
        }

        var records = logging.Complete();
        var spanId = records[0].Str("span_id");
        var tie = Assert.Single(records, r => r.ContainsKey("exec_task_id"));
        Assert.Equal(spanId, tie.Str("span_id"));
        Assert.Equal(17, tie["exec_task_id"]!.GetValue<int>());
        Assert.All(records, r => Assert.Equal(spanId, r.Str("span_id")));
    }
}
