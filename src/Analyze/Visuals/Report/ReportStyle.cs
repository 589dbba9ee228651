namespace WideEvents.Analyze.Visuals.Report;

/// <summary>The report's inline stylesheet (the page fetches nothing).</summary>
internal static class ReportStyle
{
    public const string Css = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 0 16px 48px; color: #222; }
        h1 { font-size: 22px; margin: 20px 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; }
        .sub { color: #666; margin: 0 0 12px; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; }
        .card { border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
        .card b { display: block; font-size: 20px; }
        table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 6px 0; }
        th, td { border-bottom: 1px solid #eee; padding: 3px 6px; text-align: left; vertical-align: top; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.bottleneck td { background: #fde2e2; font-weight: 600; }
        .chart { max-width: 100%; height: auto; display: block; margin: 8px 0; }
        .chart .grid { stroke: #eee; } .chart .axis { stroke: #888; }
        .chart .tick, .chart .legend { font-size: 10px; fill: #444; } .chart .label { font-size: 11px; fill: #444; }
        .chart .chart-title { font-size: 12px; font-weight: 600; fill: #222; }
        details { margin: 4px 0; } summary { cursor: pointer; }
        .note { color: #666; font-size: 12px; }
        """;
}
