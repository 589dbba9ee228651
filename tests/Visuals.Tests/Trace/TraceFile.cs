using System.Text.Json;

namespace WideEvents.Visuals.Tests.Trace;

/// <summary>A parsed trace and the structural checks Perfetto's JSON importer relies on.</summary>
internal sealed class TraceFile
{
    private const double Epsilon = 0.002;

    public TraceFile(byte[] json)
    {
        Root = JsonDocument.Parse(json).RootElement.Clone();
        Events = Root.GetProperty("traceEvents").EnumerateArray().ToList();
    }

    public JsonElement Root { get; }

    public List<JsonElement> Events { get; }

    public IEnumerable<JsonElement> Phase(string ph) => Events.Where(e => e.GetProperty("ph").GetString() == ph);

    public string ProcessName(int pid) => Phase("M")
        .First(e => e.GetProperty("name").GetString() == "process_name" && e.GetProperty("pid").GetInt32() == pid)
        .GetProperty("args").GetProperty("name").GetString()!;

    /// <summary>Every X has ts and dur ≥ 0; on each (pid, tid) slices nest or are disjoint; every flow id has one s and one f, each inside a slice of its track.</summary>
    public void AssertValid()
    {
        var slices = Phase("X").Select(e =>
        {
            Assert.True(e.TryGetProperty("ts", out var ts) && ts.ValueKind == JsonValueKind.Number, e.ToString());
            var dur = e.GetProperty("dur").GetDouble();
            Assert.True(dur >= 0, $"negative dur: {e}");
            return (Pid: e.GetProperty("pid").GetInt32(), Tid: e.GetProperty("tid").GetInt32(), Start: ts.GetDouble(), End: ts.GetDouble() + dur, Name: e.GetProperty("name").GetString());
        }).ToList();
        foreach (var track in slices.GroupBy(s => (s.Pid, s.Tid)))
        {
            var open = new Stack<(double Start, double End, string? Name)>();
            foreach (var s in track.OrderBy(s => s.Start).ThenByDescending(s => s.End))
            {
                while (open.Count > 0 && open.Peek().End <= s.Start + Epsilon)
                {
                    open.Pop();
                }
                if (open.Count > 0)
                {
                    Assert.True(s.End <= open.Peek().End + Epsilon, $"slice {s.Name} [{s.Start}, {s.End}] overlaps {open.Peek().Name} [{open.Peek().Start}, {open.Peek().End}] partly on track {track.Key}");
                }
                open.Push((s.Start, s.End, s.Name));
            }
        }
        var flows = Phase("s").Concat(Phase("f")).GroupBy(e => e.GetProperty("id").GetInt64()).ToList();
        foreach (var flow in flows)
        {
            Assert.Equal(["f", "s"], flow.Select(e => e.GetProperty("ph").GetString()).Order(StringComparer.Ordinal));
            foreach (var e in flow)
            {
                var (pid, tid, ts) = (e.GetProperty("pid").GetInt32(), e.GetProperty("tid").GetInt32(), e.GetProperty("ts").GetDouble());
                Assert.Contains(slices, s => s.Pid == pid && s.Tid == tid && s.Start <= ts && ts <= s.End);
            }
        }
        foreach (var c in Phase("C"))
        {
            Assert.NotEmpty(c.GetProperty("args").EnumerateObject());
            Assert.All(c.GetProperty("args").EnumerateObject(), a => Assert.Equal(JsonValueKind.Number, a.Value.ValueKind));
        }
    }
}
