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

    [Fact]
    public void Lines_longer_than_the_read_buffer_and_across_its_ends_load_whole_after_a_bom_and_with_crlf()
    {
        // The loader reads through a 1 MiB buffer: a 3 MiB line, and thousands of short lines
        // that straddle buffer ends, must come out whole and in order.
        var path = Path.Combine(_dir, "long.jsonl");
        var big = new string('x', 3 << 20);
        using (var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            for (var i = 0; i < 30_000; i++)
            {
                w.Write($"{{\"i\":{i},\"pad\":\"{new string('p', i % 97)}\"}}\r\n");
                if (i == 12_345)
                {
                    w.Write($"{{\"i\":-1,\"big\":\"{big}\"}}\n");
                }
            }
            w.Write("{\"i\":30000}");   // no newline at the end
        }

        var result = RecordLoader.Load(path);

        Assert.Equal(30_002, result.Records.Count);
        Assert.Equal(0, result.Files[0].BadLines);
        Assert.Equal(0, result.Records[0]["i"].AsLong);
        Assert.Equal(big, result.Records[12_346]["big"].AsString);
        var ids = result.Records.Where(r => r["i"].AsLong >= 0).Select(r => r["i"].AsLong).ToList();
        Assert.Equal(Enumerable.Range(0, 30_001).Select(i => (long)i), ids);
        Assert.Equal(new string('p', 96), result.Records.First(r => r["i"].AsLong == 96)["pad"].AsString);
    }

    [Fact]
    public void A_file_read_in_chunks_in_parallel_gives_the_records_of_one_pass_in_order()
    {
        // Chunks of a few hundred bytes end inside lines, on newlines and inside a line longer than a
        // chunk; a BOM, CRLF, blank and torn lines and a last line without a newline are all there.
        var path = Path.Combine(_dir, "chunks.jsonl");
        var lines = new System.Text.StringBuilder();
        for (var i = 0; i < 2_000; i++)
        {
            lines.Append(i % 500 == 7 ? $"{{\"i\":{i},\"long\":\"{new string('x', 3_000)}\"}}\r\n" : $"{{\"i\":{i},\"t\":\"{i * 0.5}\",\"s\":\"v{i % 7}\"}}\n");
            if (i % 300 == 0)
            {
                lines.Append("\n{\"torn\n");
            }
        }
        lines.Append("{\"i\":2000}");
        File.WriteAllText(path, lines.ToString(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var whole = new JsonLinesLoader().Load(path, out var wholeBad);
        foreach (var chunk in new long[] { 97, 256, 1_000, 4_096 })
        {
            var parts = new JsonLinesLoader(chunk).Load(path, out var bad);

            Assert.Equal(wholeBad, bad);
            Assert.Equal(whole.Count, parts.Count);
            for (var r = 0; r < whole.Count; r++)
            {
                Assert.Equal(whole[r].Properties, parts[r].Properties);
            }
        }
        Assert.Equal(2_001, whole.Count);
        Assert.Equal(7, wholeBad);
        Assert.Equal(Enumerable.Range(0, 2_001).Select(i => (long)i), whole.Select(r => r["i"].AsLong));
    }
}
