using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Loaders;

public sealed class JsonLinesLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-json-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Clef_escapes_are_undone_nested_values_kept_as_json_and_torn_lines_counted()
    {
        var path = Path.Combine(_dir, "app.clef");
        File.WriteAllText(path,
            "{\"@t\":\"2026-01-01T00:00:00.0000000Z\",\"@mt\":\"Hello {Name}\",\"Name\":\"World\",\"@@at\":\"x\",\"n\":7,\"d\":0.25,\"ok\":true,\"nil\":null,\"obj\":{\"a\":[1,2]},\"arr\":[1,\"b\"]}\n" +
            "\n" +
            "{\"@t\":\"2026-01-01T00:00:01.0000000Z\",\"@mt\":\"torn");

        var result = RecordLoader.Load(path);

        var r = Assert.Single(result.Records);
        Assert.Equal(LogFormat.JsonLines, result.Files[0].Format);
        Assert.Equal(1, result.Files[0].BadLines);
        Assert.Equal("x", r["@at"].AsString);
        Assert.False(r.Has("@@at"));
        Assert.Equal(7, r["n"].AsLong);
        Assert.Equal(0.25, r["d"].AsDouble);
        Assert.True(r["nil"].IsNull && r.Has("nil"));
        Assert.Equal("{\"a\":[1,2]}", r["obj"].AsString);
        Assert.Equal("[1,\"b\"]", r["arr"].AsString);
        Assert.Equal("Hello World", r.Message());
        Assert.Equal(path, r.Source);
        Assert.Equal("app.clef", r["logsource"].AsString);
    }

    [Fact]
    public void Keys_are_interned_across_records()
    {
        var path = Path.Combine(_dir, "a.jsonl");
        File.WriteAllText(path, "{\"task_id\":1}\n{\"task_id\":2}\n");
        var records = RecordLoader.Load(path).Records;
        Assert.Same(records[0].Keys.First(), records[1].Keys.First());
    }

    [Fact]
    public void Invalid_utf8_in_a_value_is_replaced_and_the_record_kept()
    {
        var path = Path.Combine(_dir, "mixed.jsonl");
        var bad = "{\"a\":\"x"u8.ToArray().Concat(new byte[] { 0xFF, 0xFE }).Concat("\"}\n"u8.ToArray());
        File.WriteAllBytes(path, [.. "{\"a\":1}\n"u8, .. bad, .. "{\"a\":2}\n"u8]);

        var result = RecordLoader.Load(path);

        Assert.Equal(3, result.Records.Count);
        Assert.Equal("x\uFFFD\uFFFD", result.Records[1]["a"].AsString);
        Assert.Equal(2, result.Records[2]["a"].AsLong);
        Assert.Equal(0, result.Files[0].BadLines);
    }
}
