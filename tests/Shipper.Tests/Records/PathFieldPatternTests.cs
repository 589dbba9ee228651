using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Tests.Records;

public sealed class PathFieldPatternTests
{
    [Fact]
    public void Named_parts_of_the_path_become_fields_matched_from_the_end()
    {
        var pattern = new PathFieldPattern("runinfo/{run}/{component}.jsonl");
        Assert.Equal(
            [KeyValuePair.Create("run", "000"), KeyValuePair.Create("component", "worker.3")],
            pattern.Extract("/home/u/runinfo/000/worker.3.jsonl"));
    }

    [Fact]
    public void A_path_that_does_not_match_yields_nothing()
    {
        var pattern = new PathFieldPattern("runinfo/{run}/{component}.jsonl");
        Assert.Empty(pattern.Extract("/home/u/other/000/worker.jsonl"));
        Assert.Empty(pattern.Extract("/home/u/runinfo/000/x/worker.jsonl"));
    }

    [Fact]
    public void Double_star_crosses_directories()
    {
        var pattern = new PathFieldPattern("logs/**/{name}.log");
        Assert.Equal([KeyValuePair.Create("name", "app")], pattern.Extract("logs/a/b/app.log"));
    }
}
