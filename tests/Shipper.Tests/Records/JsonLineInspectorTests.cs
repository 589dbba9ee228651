using System.Text;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Tests.Records;

public sealed class JsonLineInspectorTests
{
    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":"x\udc00y"}""")]
    [InlineData("""{"a":"\ude00\ud83d"}""")]
    [InlineData("""{"\ud800":1}""")]
    [InlineData("""{"a":{"b":["\ud800"]}}""")]
    public void A_lone_surrogate_escape_is_no_record(string line) =>
        Assert.Equal(LineVerdict.InvalidUnicodeEscape, Inspect(line));

    [Theory]
    [InlineData("""{"a":"\ud83d\ude00"}""")]
    [InlineData("""{"a":"tab\tquote\"\u00e9"}""")]
    [InlineData("""{"a":"plain"}""")]
    public void Valid_escapes_are_records(string line) =>
        Assert.Equal(LineVerdict.Record, Inspect(line));

    [Theory]
    [InlineData("""{"@t":"yesterday"}""")]
    [InlineData("""{"@t":12345}""")]
    [InlineData("""{"@t":null}""")]
    [InlineData("""{"@t":{"s":1}}""")]
    [InlineData("""{"@t":"2026-13-01T00:00:00Z"}""")]
    [InlineData("""{"a":1,"@t":""}""")]
    public void A_time_that_is_no_timestamp_is_no_record(string line) =>
        Assert.Equal(LineVerdict.BadTimestamp, Inspect(line));

    [Theory]
    [InlineData("""{"@t":"2026-12-01T00:14:25.1045361Z","a":1}""", true)]
    [InlineData("""{"@t":"2026-12-01T00:14:25+02:00"}""", true)]
    [InlineData("""{"a":1}""", false)]
    [InlineData("""{"a":{"@t":"not a time"}}""", false)]
    public void A_timestamp_or_none_is_a_record_and_said_which(string line, bool expectedHasTime)
    {
        Assert.Equal(LineVerdict.Record, JsonLineInspector.Inspect(Encoding.UTF8.GetBytes(line), 1 << 20, new WideningFields([]), new bool[1], out _, out bool hasTime));
        Assert.Equal(expectedHasTime, hasTime);
    }

    private static LineVerdict Inspect(string line) =>
        JsonLineInspector.Inspect(Encoding.UTF8.GetBytes(line), 1 << 20, new WideningFields([]), new bool[1], out _, out _);
}
