using System.Text;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Tests.Support;

/// <summary>Runs of records for tests that work below the sources.</summary>
internal static class RecordRuns
{
    /// <summary>A run of one record.</summary>
    public static RecordRun One(string source, ulong sequence, string json) =>
        new(source, sequence, 1, Encoding.UTF8.GetBytes(json + "\n"));

    /// <summary>A run of consecutive records, one line each.</summary>
    public static RecordRun Of(string source, ulong first, params string[] jsons) =>
        new(source, first, jsons.Length, Encoding.UTF8.GetBytes(string.Concat(jsons.Select(j => j + "\n"))));

    /// <summary>The sequence of every record read, in order.</summary>
    public static IEnumerable<ulong> Sequences(this IEnumerable<BufferedRun> runs) =>
        runs.SelectMany(r => Enumerable.Range(0, r.Run.Count).Select(i => r.Run.FirstSequence + (ulong)i));
}
