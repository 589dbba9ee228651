using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Reports;

internal static class Make
{
    public static Record Record(double created, params (string Key, Value Value)[] props)
    {
        var r = new Record("synthetic");
        r.Set("created", created);
        foreach (var (k, v) in props)
        {
            r.Set(k, v);
        }
        return r;
    }
}
