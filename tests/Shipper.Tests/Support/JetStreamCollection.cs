namespace WideEvents.Shipper.Tests.Support;

/// <summary>
/// The JetStream tests each run a 3-node cluster and two shippers through 200,000 records: run
/// alongside other tests, they would starve the timing-sensitive ones (flapping collector, kills).
/// They run alone, one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JetStreamCollection
{
    public const string Name = "JetStream";
}
