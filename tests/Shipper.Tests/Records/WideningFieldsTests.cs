using System.Text;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Tests.Records;

public sealed class WideningFieldsTests
{
    private static string Widen(string json, params (string Key, string Value)[] fields)
    {
        var widening = new WideningFields(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));
        bool[] present = new bool[widening.Count];
        Assert.Equal(LineVerdict.Record, JsonLineInspector.Inspect(Encoding.UTF8.GetBytes(json), 1 << 20, widening, present, out bool hasProperties, out _));
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        int written = widening.WriteTo(output, Encoding.UTF8.GetBytes(json), present, hasProperties);
        Assert.Equal(output.WrittenCount, written);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void Absent_fields_are_added_and_present_ones_left_as_the_record_has_them()
    {
        Assert.Equal("{\"host\":\"mine\",\"n\":{\"host\":1},\"run_dir\":\"/r\"}", Widen("{\"host\":\"mine\",\"n\":{\"host\":1}}", ("host", "h1"), ("run_dir", "/r")));
    }

    [Fact]
    public void A_key_written_with_escapes_counts_as_present_and_a_repeated_field_keeps_its_first_value()
    {
        Assert.Equal("{\"\\u0068ost\":\"mine\",\"run\":\"1\"}", Widen("{\"\\u0068ost\":\"mine\"}", ("host", "h1"), ("run", "1"), ("run", "2")));
    }

    [Fact]
    public void An_empty_object_gets_no_leading_comma_and_values_are_escaped()
    {
        Assert.Equal("{\"q\":\"say \\\"hi\\\"\\n\"}", Widen("{ } ", ("q", "say \"hi\"\n")));
    }

    [Theory]
    [InlineData("[1]", "NotJsonObject")]
    [InlineData("{\"a\":1} {\"b\":2}", "NotJsonObject")]
    [InlineData("{\"a\":1", "NotJsonObject")]
    [InlineData("   ", "Blank")]
    [InlineData("{\"a\":1}  ", "Record")]
    public void Lines_are_judged(string line, string expected)
    {
        Assert.Equal(Enum.Parse<LineVerdict>(expected), JsonLineInspector.Inspect(Encoding.UTF8.GetBytes(line), 1 << 20, WideningFields.None, [], out _, out _));
    }

    [Fact]
    public void Invalid_utf8_and_oversize_lines_are_named_as_such()
    {
        Assert.Equal(LineVerdict.InvalidUtf8, JsonLineInspector.Inspect([.. "{\"a\":\""u8, 0xC3, .. "\"}"u8], 100, WideningFields.None, [], out _, out _));
        Assert.Equal(LineVerdict.Oversize, JsonLineInspector.Inspect("{\"a\":\"0123456789\"}"u8, 10, WideningFields.None, [], out _, out _));
    }
}
