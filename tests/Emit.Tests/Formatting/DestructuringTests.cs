using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Formatting;

/// <summary><c>{@X}</c>: the object's public properties as flat dotted keys, as the record contract allows no nesting.</summary>
public sealed class DestructuringTests
{
    [Fact]
    public void An_object_marked_with_at_becomes_one_dotted_key_per_public_property()
    {
        using var logging = new FileLogging();
        logging.Logger().LogInformation("Position {@Pos} of {Ship}", new Position(25.5, 134, new Fix("gps", 3)), "Enterprise");

        var record = Assert.Single(logging.Complete());
        Assert.Equal(25.5, record["Pos.Lat"]!.GetValue<double>());
        Assert.Equal(134, record["Pos.Long"]!.GetValue<long>());
        Assert.Equal("gps", record.Str("Pos.Source.Kind"));
        Assert.Equal(3, record["Pos.Source.Satellites"]!.GetValue<long>());
        Assert.False(record.ContainsKey("Pos"));
        Assert.Equal("Enterprise", record.Str("Ship"));
        Assert.Equal("Position {@Pos} of {Ship}", record.Str("@mt"));
        Assert.DoesNotContain(record, p => p.Value is JsonObject or JsonArray);
    }

    [Fact]
    public void Without_the_operator_the_object_is_its_ToString_as_before()
    {
        using var logging = new FileLogging();
        logging.Logger().LogInformation("Position {Pos}", new Position(1, 2, new Fix("gps", 3)));

        var record = Assert.Single(logging.Complete());
        Assert.Equal(new Position(1, 2, new Fix("gps", 3)).ToString(), record.Str("Pos"));
        Assert.False(record.ContainsKey("Pos.Lat"));
    }

    [Fact]
    public void Scalars_strings_and_collections_marked_with_at_are_written_whole()
    {
        using var logging = new FileLogging();
        logging.Logger().LogInformation("{@Name} {@Count} {@Items}", "ann", 7, new[] { 1, 2 });

        var record = Assert.Single(logging.Complete());
        Assert.Equal("ann", record.Str("Name"));
        Assert.Equal(7, record["Count"]!.GetValue<long>());
        Assert.Equal("1, 2", record.Str("Items"));
    }

    [Fact]
    public void An_anonymous_object_and_a_LoggerMessage_Define_call_site_are_taken_apart_too()
    {
        var define = LoggerMessage.Define<object>(LogLevel.Information, new EventId(5, "Moved"), "Moved to {@Where}");
        using var logging = new FileLogging();
        var logger = logging.Logger();
        logger.LogInformation("Order {@Order}", new { Id = 42, Customer = "ann" });
        define(logger, new { X = 1, Y = 2 }, null);

        var records = logging.Complete();
        Assert.Equal(42, records[0]["Order.Id"]!.GetValue<long>());
        Assert.Equal("ann", records[0].Str("Order.Customer"));
        Assert.Equal(1, records[1]["Where.X"]!.GetValue<long>());
        Assert.Equal(2, records[1]["Where.Y"]!.GetValue<long>());
    }

    [Fact]
    public void A_getter_that_throws_is_reported_in_its_key_and_the_rest_is_written()
    {
        using var logging = new FileLogging();
        logging.Logger().LogInformation("{@Thing}", new Throwing());

        var record = Assert.Single(logging.Complete());
        Assert.Equal("fine", record.Str("Thing.Fine"));
        Assert.Contains("InvalidOperationException", record.Str("Thing.Broken"));
    }

    private sealed record Fix(string Kind, int Satellites);

    private sealed record Position(double Lat, int Long, Fix Source);

    private sealed class Throwing
    {
        public string Fine => "fine";

        public string Broken => throw new InvalidOperationException("no");
    }
}
