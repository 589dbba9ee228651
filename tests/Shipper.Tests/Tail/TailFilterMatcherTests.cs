using System.Text;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Tail;

namespace WideEvents.Shipper.Tests.Tail;

public sealed class TailFilterMatcherTests
{
    private static bool Matches(string json, params TailFilter[] filters) => TailFilterMatcher.Matches(Encoding.UTF8.GetBytes(json), filters);

    private static TailFilter Has(string key) => new() { Key = key };

    private static TailFilter Is(string key, string value) => new() { Key = key, Equals_ = value };

    [Fact]
    public void Values_compare_as_json_spells_them_strings_unquoted()
    {
        const string record = "{\"metric\":\"queue_length\",\"value\":12.50,\"ok\":true,\"gone\":null,\"task_id\":\"358\"}";
        Assert.True(Matches(record, Is("metric", "queue_length"), Is("value", "12.50"), Is("ok", "true"), Is("gone", "null"), Is("task_id", "358")));
        Assert.False(Matches(record, Is("value", "12.5")));
        Assert.False(Matches(record, Is("task_id", "\"358\"")));
    }

    [Fact]
    public void Every_filter_must_hold_and_presence_alone_is_enough_for_a_key_filter()
    {
        Assert.True(Matches("{\"a\":1,\"b\":{\"c\":2}}", Has("a"), Has("b")));
        Assert.False(Matches("{\"a\":1}", Has("a"), Has("b")));
        Assert.True(Matches("{\"a\":1}"));
    }

    [Fact]
    public void Keys_inside_nested_values_do_not_count()
    {
        Assert.False(Matches("{\"outer\":{\"task_id\":\"358\"},\"list\":[{\"task_id\":\"358\"}]}", Has("task_id")));
        Assert.False(Matches("{\"outer\":{\"a\":1}}", Is("outer", "{\"a\":1}")));
    }
}
