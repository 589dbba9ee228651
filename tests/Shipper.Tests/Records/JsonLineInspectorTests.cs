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

    private static LineVerdict Inspect(string line) =>
        JsonLineInspector.Inspect(Encoding.UTF8.GetBytes(line), 1 << 20, new WideningFields([]), new bool[1], out _);
}
