using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;
using WideEvents.Analyze.Visuals;
using WideEvents.Analyze.Visuals.States;
using WideEvents.Analyze.Visuals.Svg;
using WideEvents.Web.Data;

namespace WideEvents.Web.Api;

/// <summary>The JSON API the page calls. Every list takes the same filters: <c>f=key=value</c> (repeated) and <c>q=text</c>.</summary>
internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RecordStore store)
    {
        app.MapGet("/api/summary", () => Summary(store.Snapshot()));
        app.MapGet("/api/hierarchy", () => store.Snapshot().Trees);
        app.MapGet("/api/records", (HttpRequest request) => Records(store.Snapshot(), Filter(request), Int(request, "offset", 0), Math.Clamp(Int(request, "limit", 100), 1, 1000)));
        app.MapGet("/api/entities", (HttpRequest request) => Entities(store.Snapshot(), Filter(request), request.Query["search"].ToString().Trim(), request.Query["group"].ToString(), Int(request, "offset", 0), Math.Clamp(Int(request, "limit", 200), 1, 1000)));
        app.MapGet("/api/flow", (HttpRequest request) => Flow(store.Snapshot(), request.Query["id"].ToString(), Filter(request)));
        app.MapGet("/api/charts", (HttpRequest request) => Charts(store, Filter(request)));
        app.MapGet("/api/difference", (HttpRequest request) => DifferenceOf(store.Snapshot(), request));
        app.MapGet("/api/live", (HttpRequest request) => Live(store, Int(request, "since", 0)));
    }

    private static RecordFilter Filter(HttpRequest request) => RecordFilter.Parse(request.Query["f"], request.Query["q"]);

    private static int Int(HttpRequest request, string name, int fallback) =>
        int.TryParse(request.Query[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private static (double Origin, double End) Span(Snapshot s) => s.Span;

    private static object Summary(Snapshot s)
    {
        var (origin, end) = Span(s);
        var keys = s.Records.SelectMany(r => r.Keys).GroupBy(k => k, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Take(300).Select(g => g.Key).ToList();
        return new
        {
            version = s.Version,
            records = s.Records.Length,
            sources = s.Records.Select(r => r.Source).Distinct(StringComparer.Ordinal).Count(),
            entities = s.Entities.Count,
            start = s.Records.Length == 0 ? null : Utc(origin),
            seconds = end - origin,
            metrics = WideEvents.Analyze.Visuals.Svg.Charts.MetricNames(s.Records),
            keys,
        };
    }

    private static object Records(Snapshot s, RecordFilter filter, int offset, int limit)
    {
        var matching = filter.IsEmpty ? s.Records : s.Records.Where(filter.Matches).ToArray();
        var ordered = matching.OrderBy(r => double.IsNaN(r.Time) ? double.MaxValue : r.Time).Skip(Math.Max(0, offset)).Take(limit);
        return new { total = matching.Length, offset, rows = ordered.Select(RecordRows.Row).ToList() };
    }

    private static List<EntityStateHistory> Matching(Snapshot s, RecordFilter filter) =>
        filter.IsEmpty ? [.. s.Entities] : s.Entities.Where(h => s.RecordsOf(h).Any(filter.Matches)).ToList();

    /// <summary>
    /// The entities the filters match, slowest first, one window at a time (<c>offset</c>, <c>limit</c>)
    /// so the page can show 60,000 of them; <c>search</c> keeps those whose name contains it, <c>group</c>
    /// those in one group; <c>groups</c> counts every group of the searched entities.
    /// </summary>
    private static object Entities(Snapshot s, RecordFilter filter, string search, string group, int offset, int limit)
    {
        var (origin, _) = Span(s);
        var searched = Matching(s, filter).Where(h => search.Length == 0
            || h.ShortLabel.Contains(search, StringComparison.OrdinalIgnoreCase)
            || h.Entity.Contains(search, StringComparison.OrdinalIgnoreCase)).ToList();
        var groups = searched.GroupBy(Group, StringComparer.Ordinal)
            .Select(g => new { name = g.Key, count = g.Count() })
            .OrderByDescending(g => g.count).ThenBy(g => g.name, StringComparer.Ordinal).ToList();
        var list = group.Length == 0 ? searched : searched.Where(h => Group(h) == group).ToList();
        return new
        {
            total = list.Count,
            all = s.Entities.Count,
            offset,
            groups,
            rows = list.OrderByDescending(h => h.Duration).ThenBy(h => h.Entity, StringComparer.Ordinal).Skip(Math.Max(0, offset)).Take(limit).Select(h => new
            {
                id = Snapshot.Id(h),
                label = h.ShortLabel,
                lifecycle = h.Lifecycle,
                group = Group(h),
                start = Math.Round(h.Start - origin, 6),
                duration = Math.Round(h.Duration, 6),
                state = h.FinalState,
                open = h.Intervals[^1].IsOpen,
                states = h.Intervals.Select(i => new { state = i.State, start = Math.Round(i.Start - origin, 6), seconds = Math.Round(i.Duration, 6) }),
            }).ToList(),
        };
    }

    // Entities are grouped by how they ended (or the state they are still in), per lifecycle when there are several.
    private static string Group(EntityStateHistory h) => h.FinalState + (h.Intervals[^1].IsOpen ? " (still)" : "");

    private static IResult Flow(Snapshot s, string id, RecordFilter filter)
    {
        EntitySpec spec;
        var entity = s.Entities.FirstOrDefault(h => Snapshot.Id(h) == id);
        if (entity is { Keys.Count: > 0 })
        {
            spec = new EntitySpec(entity.Keys.Select(k => new KeyValuePair<string, Value>(k.Key, Value.From(k.Value))).ToList());
        }
        else if (filter.Pairs.Count > 0)
        {
            spec = new EntitySpec(filter.Pairs);
        }
        else
        {
            return Results.NotFound(new { error = "no such entity" });
        }
        var lines = FlowReport.Build(s.Records, spec);
        return Results.Json(new
        {
            entity = spec.ToString(),
            count = lines.Count,
            lines = lines.Take(2000).Select(l => new
            {
                // The lifeline's rows: one per process, named by component, process name, pid and host, not by the file it was read from.
                lane = ProcessIdentity.Key(l.Record),
                laneLabel = ProcessIdentity.Label(l.Record),
                offset = double.IsNaN(l.Offset) ? (double?)null : Math.Round(l.Offset, 6),
                source = l.Source,
                process = l.Process,
                thread = l.Thread,
                message = l.Message is { Length: > 400 } m ? m[..400] + "…" : l.Message,
            }),
        });
    }

    private static object Charts(RecordStore store, RecordFilter filter)
    {
        var s = store.Snapshot();
        var (origin, end) = Span(s);
        var charts = new List<object>();
        if (filter.IsEmpty)
        {
            // The streaming fold: kept up to date record by record, so live updates cost one sweep.
            var (timelines, metrics) = store.Fold(f => (f.Lifecycles.Select(l => l.Timeline()).ToList(),
                f.Metrics.Select(m => (Name: m.Key, Samples: m.Value.Values.Sum(v => v.Count), Series: m.Value
                    .Where(x => x.Value.Count > 0)
                    .Select(x => new MetricSeries(x.Key, x.Value.OrderBy(p => p.Time).ToList(), 0, []))
                    .OrderBy(x => x.Name, StringComparer.Ordinal).ToList())).ToList()));
            charts.AddRange(timelines.Where(t => t.Points.Count > 0).Select(t => Chart("states", WideEvents.Analyze.Visuals.Svg.Charts.States(t, origin, end))));
            foreach (var (name, _, series) in metrics.Where(m => m.Series.Count > 0).OrderByDescending(m => m.Samples).ThenBy(m => m.Name, StringComparer.Ordinal).Take(12))
            {
                charts.Add(Chart("metric", WideEvents.Analyze.Visuals.Svg.Charts.Metric(name, series, origin, end)));
            }
            return new { version = s.Version, charts };
        }
        var entities = Matching(s, filter);
        var entityRecords = entities.SelectMany(s.RecordsOf).Distinct().ToList();
        foreach (var t in StateReport.Build(entityRecords, store.Lifecycles).Where(t => t.Points.Count > 0))
        {
            charts.Add(Chart("states", WideEvents.Analyze.Visuals.Svg.Charts.States(t, origin, end)));
        }
        var matching = s.Records.Where(filter.Matches).ToList();
        foreach (var name in WideEvents.Analyze.Visuals.Svg.Charts.MetricNames(matching).Take(12))
        {
            var series = MetricReport.Build(matching, name);
            if (series.Count > 0)
            {
                charts.Add(Chart("metric", WideEvents.Analyze.Visuals.Svg.Charts.Metric(name, series, origin, end)));
            }
        }
        return new { version = s.Version, charts };
    }

    private static object Chart(string kind, ChartImage chart) => new { kind, series = chart.SeriesCount, svg = chart.Svg };

    private static object DifferenceOf(Snapshot s, HttpRequest request)
    {
        HashSet<string> selected;
        HashSet<string>? selectedBy = null;
        string description;
        if (request.Query.ContainsKey("final"))
        {
            var states = request.Query["final"].OfType<string>().SelectMany(v => v.Split(',')).ToHashSet(StringComparer.Ordinal);
            selectedBy = states;
            selected = s.Entities.Where(h => states.Contains(h.FinalState)).Select(Snapshot.Id).ToHashSet(StringComparer.Ordinal);
            description = $"the entities that ended {string.Join(" or ", states.Order(StringComparer.Ordinal))} ({selected.Count})";
        }
        else if (request.Query.ContainsKey("id"))
        {
            selected = request.Query["id"].OfType<string>().ToHashSet(StringComparer.Ordinal);
            description = $"{selected.Count} selected entities";
        }
        else
        {
            var percent = Math.Clamp(Int(request, "slowest", 5), 1, 99);
            var n = Math.Max(1, (int)Math.Ceiling(s.Entities.Count * percent / 100.0));
            selected = s.Entities.OrderByDescending(h => h.Duration).Take(n).Select(Snapshot.Id).ToHashSet(StringComparer.Ordinal);
            description = $"the slowest {percent}% ({n} entities)";
        }
        var fields = Data.Difference.Rank(s, selected, selectedBy);
        var known = s.Entities.Select(Snapshot.Id).ToHashSet(StringComparer.Ordinal);
        var chosen = selected.Count(known.Contains);
        return new
        {
            selection = description,
            selected = chosen,
            rest = s.Entities.Count - chosen,
            prior = Data.Difference.PriorEntities,
            fields = fields.Select(f => new
            {
                field = f.Field,
                score = Math.Round(f.Score, 4),
                distance = Math.Round(f.Distance, 4),
                values = f.Values.Select(v => new
                {
                    value = v.Value,
                    selected = Math.Round(v.Selected, 4),
                    rest = Math.Round(v.Rest, 4),
                    selectedEntities = v.SelectedEntities,
                    restEntities = v.RestEntities,
                }),
            }),
        };
    }

    private static object Live(RecordStore store, long since)
    {
        var version = store.Version;
        var fresh = since < version ? store.Since(since, 50) : [];
        var fold = store.Fold(f => new
        {
            records = f.Records,
            perSource = f.PerSource.OrderByDescending(p => p.Value).Take(20).ToDictionary(p => p.Key, p => p.Value),
            states = f.Lifecycles.Select(l => new
            {
                lifecycle = l.Lifecycle.Name,
                entities = l.Entities,
                counts = l.Lifecycle.States.Select((st, i) => (st, i)).Where(x => l.Counts[x.i] != 0).ToDictionary(x => x.st, x => l.Counts[x.i]),
            }).ToList(),
        });
        return new { version, status = store.LiveStatus, fold, fresh = fresh.Select(RecordRows.Row).ToList() };
    }

    private static string Utc(double epoch) => DateTime.UnixEpoch.AddSeconds(epoch).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
