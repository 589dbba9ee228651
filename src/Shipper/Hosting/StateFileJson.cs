using System.Text.Json.Serialization;
using WideEvents.Shipper.Sinks;
using WideEvents.Shipper.Sources;
using WideEvents.Shipper.Sources.Host;

namespace WideEvents.Shipper.Hosting;

/// <summary>
/// The shipper's own state files (checkpoints, the store's commit record, the kernel source's), serialised by
/// generated code: the store's record is rewritten at every commit, and reflection-based
/// serialisation cost its first use in every process tens of milliseconds of start-up.
/// The JSON is the same as before (property names as declared, not indented).
/// </summary>
[JsonSerializable(typeof(List<FileCheckpoint>))]
[JsonSerializable(typeof(Dictionary<string, StoreSourceState>))]
[JsonSerializable(typeof(KernelShippedState))]
internal sealed partial class StateFileJson : JsonSerializerContext;
