using WideEvents.Analyze.Records;

namespace WideEvents.Cli.Kills;

/// <summary>An OOM kill joined to the killed process's records and its last task.</summary>
/// <param name="Kill">The kernel's record of the kill.</param>
/// <param name="Records">How many records of the process (same pid and host, up to the kill) were found.</param>
/// <param name="LastRecord">The process's last record before the kill, or null.</param>
/// <param name="Task">The last task key and value among them, or null.</param>
internal sealed record KilledProcess(Record Kill, int Records, Record? LastRecord, KeyValuePair<string, Value>? Task);
