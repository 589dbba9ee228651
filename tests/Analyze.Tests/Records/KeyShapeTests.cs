using System.Runtime.CompilerServices;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Records;

/// <summary>The memory layout that lets millions of records fit: shared key lists and 16-byte values.</summary>
public class KeyShapeTests
{
    [Fact]
    public void Records_with_the_same_keys_in_the_same_order_share_one_key_list_and_part_when_one_widens()
    {
        var a = new Record("s");
        var b = new Record("s");
        foreach (var r in new[] { a, b })
        {
            r.Set("x", 1);
            r.Set("y", "two");
        }
        Assert.Same(a.Shape, b.Shape);

        b.Set("z", 3.5);
        Assert.NotSame(a.Shape, b.Shape);
        Assert.Equal(["x", "y"], a.Keys);
        Assert.Equal(["x", "y", "z"], b.Keys);
        Assert.False(a.Has("z"));
        Assert.Equal(3.5, b["z"].AsDouble);

        Assert.True(b.Remove("x"));
        Assert.Equal(["y", "z"], b.Keys);
        Assert.Equal("two", b["y"].AsString);
        Assert.Equal(1, a["x"].AsLong);
        var c = b.Clone();
        c.Set("y", "changed");
        Assert.Equal("two", b["y"].AsString);
        Assert.Same(b.Shape, c.Shape);
    }

    [Fact]
    public void A_record_with_many_keys_finds_each_of_them()
    {
        var r = new Record("s");
        for (var i = 0; i < 40; i++)
        {
            r.Set($"key{i}", i);
        }
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(i, r[$"key{i}"].AsLong);
        }
        Assert.False(r.Has("key40"));
        Assert.True(r.Remove("key7"));
        Assert.False(r.Has("key7"));
        Assert.Equal(39, r[$"key39"].AsLong);
    }

    [Fact]
    public void A_value_is_16_bytes_and_keeps_its_kind()
    {
        Assert.Equal(16, Unsafe.SizeOf<Value>());
        Assert.Equal(ValueKind.Null, default(Value).Kind);
        Assert.Equal(ValueKind.String, Value.From("3").Kind);
        Assert.Equal(ValueKind.Long, Value.From(3L).Kind);
        Assert.Equal(ValueKind.Double, Value.From(3.0).Kind);
        Assert.Equal(ValueKind.Bool, Value.From(false).Kind);
        // Same bits, different kinds: never equal.
        Assert.NotEqual(Value.From(0L), Value.From(false));
        Assert.NotEqual(Value.From(0L), Value.From(0.0));
        Assert.NotEqual(Value.From(0L), Value.Null);
        Assert.Equal(Value.From(new string('a', 3)), Value.From("aaa"));
    }

    [Fact]
    public void Lines_of_a_file_with_the_same_keys_share_their_key_list()
    {
        var records = RecordLoader.Load(RealLogs.Dir("parsl-benc-observability-run-diamond") + "/runinfo/000/parsl.jsonlog").Records;

        var shapes = records.Select(r => r.Shape).Distinct().Count();
        Assert.True(records.Count > 500, $"{records.Count} records");
        Assert.True(shapes * 20 < records.Count, $"{shapes} key lists for {records.Count} records");
    }
}
