using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>Records sharing the (canonical) values of some keys.</summary>
/// <param name="Key">The shared values, in key order.</param>
/// <param name="Records">The records, in input order.</param>
public sealed record RecordGroup(IReadOnlyList<Value> Key, List<Record> Records);
