using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Records;

public class ValueTests
{
    [Fact]
    public void Integer_strings_and_integers_are_the_same_id()
    {
        Assert.Equal(Value.From(3).Canonical(), Value.From("03").Canonical());
        Assert.Equal(Value.From(3).Canonical(), Value.From(3.0).Canonical());
        Assert.NotEqual(Value.From("3a").Canonical(), Value.From(3).Canonical());
    }

    [Fact]
    public void Uuid_case_and_python_byte_reprs_are_normalised()
    {
        Assert.Equal(Value.From("44a1b621-4a00-4e80-ad76-addcf211b98d"), Value.From("44A1B621-4A00-4E80-AD76-ADDCF211B98D").Canonical());
        Assert.Equal(Value.From("d92990c14616"), Value.From("b'd92990c14616'").Canonical());
        Assert.Equal(Value.From(12), Value.From("b'12'").Canonical());
    }

    [Fact]
    public void Values_keep_their_kind_and_print_invariantly()
    {
        Assert.Equal(ValueKind.Long, Value.From(5L).Kind);
        Assert.Equal(ValueKind.Double, Value.From(0.5).Kind);
        Assert.Equal("0.5", Value.From(0.5).ToString());
        Assert.True(Value.From("1795555280.4886014").TryGetNumber(out var t));
        Assert.Equal(1795555280.4886014, t);
        Assert.True(Value.Null.IsNull);
        Assert.Equal(Value.Null, Value.From((string?)null));
    }
}
