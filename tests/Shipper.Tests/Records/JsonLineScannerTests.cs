using System.Text;
using System.Text.Unicode;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Tests.Records;

/// <summary>
/// The scanner may only accept what the full reader accepts, with the same findings: checked on
/// well-formed records (which it must accept, or it is never the fast path) and on every one-byte
/// change, insertion and deletion of them.
/// </summary>
public sealed class JsonLineScannerTests
{
    private static readonly WideningFields Fields = new([new("host", "h"), new("service", "s"), new("@t", "t")]);

    public static TheoryData<string> Records() =>
    [
        """{"@t":"2026-12-01T00:14:25.1045361Z","@mt":"Task {task_id} changed from {from} to {to}","@l":"Debug","task_id":17,"from":"pending","to":"launched","span_id":"01a23ce9-911f-7273-bedb-7f4df9774a00","host":"vm","pid":7905}""",
        """{"@t":"2026-12-01T00:14:25+02:00","n":-0.5e-3,"m":0,"k":1E+9,"z":-0,"big":12345678901234567890123}""",
        """ { "a" : [ 1 , 2.25 , true , false , null , "x" , { "b" : [ ] } , { } ] , "service" : "farm" } """,
        """{"msg":"quote \" backslash \\ slash \/ tab \t newline \n cr \r bs \b ff \f","nested":{"esc\"aped":{"deep":[[[["x"]]]]}}}""",
        """{"unicode":"héllo wörld ✓ 😀","empty":"","ws":"  "}""",
        """{}""",
        """{"a":{}}""",
        """{"x":[{"y":[{"z":[]}]}],"host":"node-1","@x":"System.Exception: boom\n   at Foo.Bar()"}""",
        // Long strings and numbers (past any vector width), nesting, whitespace runs, a trailing tab.
        """{"@t":"2026-12-01T00:14:25Z","a_long_key_that_crosses_the_first_block_boundary_of_the_line_x":"and a value that crosses the second one, with ünïcödé",   "n":[12345678901234567890.5e-7,true,false,null,{"o":{"p":[[],{}]}}],"t":"no tab here","host":"h"  ,"z":-0}""",
        """{"s":"0123456789012345678901234567890123456789012345678901234567890","t":1234567890123456789012345678901234567890123456789012345678901234567,"u":true}	""",
    ];

    [Theory]
    [MemberData(nameof(Records))]
    public void A_well_formed_record_is_accepted_with_the_readers_findings(string text)
    {
        byte[] line = Encoding.UTF8.GetBytes(text);
        var present = new bool[Fields.Count];
        Assert.True(JsonLineScanner.TryAccept(line, Fields, present, out bool hasProperties, out bool hasTime));
        AssertReaderAgrees(line, present, hasProperties, hasTime);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void No_change_of_one_byte_is_accepted_unless_the_reader_accepts_it(string text)
    {
        byte[] original = Encoding.UTF8.GetBytes(text);
        byte[] replacements = "\"\\{}[],: 0-.eE+xtu\t/"u8.ToArray().Append((byte)1).Append((byte)0x7f).ToArray();
        int accepted = 0;
        foreach (byte[] line in Mutations(original, replacements))
        {
            if (!Utf8.IsValid(line))
            {
                continue;
            }

            var present = new bool[Fields.Count];
            if (JsonLineScanner.TryAccept(line, Fields, present, out bool hasProperties, out bool hasTime))
            {
                accepted++;
                AssertReaderAgrees(line, present, hasProperties, hasTime);
            }
        }

        // Some changes keep a record (a letter in a string): the check above did run.
        Assert.True(accepted > 0);
    }

    [Theory]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{"a":[1,]}""")]
    [InlineData("""{"a":01}""")]
    [InlineData("""{"a":1.}""")]
    [InlineData("""{"a":.5}""")]
    [InlineData("""{"a":-}""")]
    [InlineData("""{"a":1e}""")]
    [InlineData("""{"a":tru}""")]
    [InlineData("""{"a":nullx}""")]
    [InlineData("""{"a" 1}""")]
    [InlineData("""{"a":1}}""")]
    [InlineData("""{"a":1} x""")]
    [InlineData("""{"a":[1}""")]
    [InlineData("""{"a":{"b":1]}""")]
    [InlineData("""{a:1}""")]
    [InlineData("""{"a":'x'}""")]
    [InlineData("""{"a":"\x"}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"a":1 /* c */}""")]
    public void Malformed_json_is_left_to_the_reader(string text)
    {
        byte[] line = Encoding.UTF8.GetBytes(text);
        Assert.False(JsonLineScanner.TryAccept(line, Fields, new bool[Fields.Count], out _, out _));
        Assert.NotEqual(LineVerdict.Record, JsonLineInspector.InspectWithReader(line, Fields, new bool[Fields.Count], out _, out _));
    }

    [Theory]
    [InlineData("""{"a":"\u00e9"}""")]
    [InlineData("""{"\u0040t":"yesterday"}""")]
    [InlineData("""{"@t":"yesterday"}""")]
    [InlineData("""{"@t":1}""")]
    public void Escapes_the_reader_must_decode_and_bad_times_are_left_to_it(string text) =>
        Assert.False(JsonLineScanner.TryAccept(Encoding.UTF8.GetBytes(text), Fields, new bool[Fields.Count], out _, out _));

    [Theory]
    [InlineData("2026-12-01T00:14:25.1045361Z")]
    [InlineData("2026-12-01T00:14:25Z")]
    [InlineData("2026-12-01T00:14:25.1Z")]
    [InlineData("2024-02-29T23:59:59.9999999Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-00-01T00:00:00Z")]
    [InlineData("2026-04-31T00:00:00Z")]
    [InlineData("2026-12-01T24:00:00Z")]
    [InlineData("2026-12-01T00:60:00Z")]
    [InlineData("2026-12-01T00:00:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-12-01T00:14:25.Z")]
    [InlineData("2026-12-01T00:14:25.12345678Z")]
    [InlineData("2026-12-01T00:14:25.1x45361Z")]
    [InlineData("2026-12-01 00:14:25Z")]
    [InlineData("2026-12-01T00:14:25+01:00")]
    [InlineData("2026-12-01T00:14:25")]
    [InlineData("+026-12-01T00:14:25Z")]
    public void A_time_is_accepted_exactly_when_the_reader_accepts_it(string time)
    {
        byte[] line = Encoding.UTF8.GetBytes("{\"@t\":\"" + time + "\",\"a\":1}");
        var present = new bool[Fields.Count];
        bool accepted = JsonLineScanner.TryAccept(line, Fields, present, out bool hasProperties, out bool hasTime);
        bool readerAccepts = JsonLineInspector.InspectWithReader(line, Fields, new bool[Fields.Count], out _, out _) == LineVerdict.Record;
        Assert.Equal(readerAccepts, accepted);
        if (accepted)
        {
            AssertReaderAgrees(line, present, hasProperties, hasTime);
        }
    }

    [Fact]
    public void Nesting_past_the_readers_limit_is_left_to_it()
    {
        string deep = "{\"a\":" + new string('[', 64) + new string(']', 64) + "}";
        Assert.False(JsonLineScanner.TryAccept(Encoding.UTF8.GetBytes(deep), Fields, new bool[Fields.Count], out _, out _));
    }

    private static void AssertReaderAgrees(byte[] line, bool[] present, bool hasProperties, bool hasTime)
    {
        var expected = new bool[Fields.Count];
        Assert.Equal(LineVerdict.Record, JsonLineInspector.InspectWithReader(line, Fields, expected, out bool readerHasProperties, out bool readerHasTime));
        Assert.Equal(expected, present);
        Assert.Equal(readerHasProperties, hasProperties);
        Assert.Equal(readerHasTime, hasTime);
    }

    private static IEnumerable<byte[]> Mutations(byte[] original, byte[] replacements)
    {
        for (int i = 0; i < original.Length; i++)
        {
            yield return [.. original[..i], .. original[(i + 1)..]];
            foreach (byte b in replacements)
            {
                byte[] changed = (byte[])original.Clone();
                changed[i] = b;
                yield return changed;
                yield return [.. original[..i], b, .. original[i..]];
            }
        }
    }
}
