using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Records;

public class RecordTests
{
    [Fact]
    public void Set_replaces_remove_deletes_and_the_source_is_kept()
    {
        var r = new Record("a.jsonl", 1);
        r.Set("x", 1);
        r.Set("y", "two");
        r.Set("x", 3);
        Assert.Equal(2, r.Count);
        Assert.Equal(3, r["x"].AsLong);
        Assert.True(r.Remove("x"));
        Assert.False(r.Has("x"));
        Assert.Equal("two", r["y"].AsString);
        Assert.Equal("a.jsonl", r.Source);
        Assert.Equal(["y"], r.Keys);
    }

    [Fact]
    public void The_cached_time_follows_changes_to_the_record()
    {
        var r = new Record("s");
        Assert.True(double.IsNaN(r.Time));
        r.Set("created", "100.5");
        Assert.Equal(100.5, r.Time);
        r.Set("@t", "1970-01-01T00:01:40.2500000Z");
        Assert.Equal(100.25, r.Time, 6);
    }
}
