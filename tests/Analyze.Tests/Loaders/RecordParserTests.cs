using System.Text;
using WideEvents.Analyze.Loaders;

namespace WideEvents.Analyze.Tests.Loaders;

public class RecordParserTests
{
    [Fact]
    public void A_line_parsed_alone_is_the_record_the_file_loader_reads()
    {
        var path = Path.Combine(RealLogs.Diamond, "runinfo", "000", "htex_Local", "interchange.jsonlog");
        var fromFile = RecordLoader.Load([path], new LoadOptions { WidenFromPath = false, Deduplicate = false }).Records;
        var parser = new RecordParser();

        var fromLines = File.ReadLines(path).Where(l => l.Length > 0).Select(l => parser.Parse(Encoding.UTF8.GetBytes(l), path)).ToList();

        Assert.Equal(fromFile.Count, fromLines.Count);
        for (var i = 0; i < fromFile.Count; i++)
        {
            Assert.Equal(fromFile[i].Properties, fromLines[i]!.Properties);
        }
        Assert.Null(parser.Parse("not json"u8, "x"));
        Assert.Null(parser.Parse(""u8, "x"));
        Assert.Equal("@x", Assert.Single(parser.Parse("""{"@@x":1}"""u8, "x")!.Properties).Key);
    }
}
