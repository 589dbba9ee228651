namespace WideEvents.Analyze.Visuals.Report;

/// <summary>HTML that goes into a fragment as it is (made by a fragment or a chart).</summary>
/// <param name="Text">The HTML.</param>
internal sealed record Html(string Text)
{
    /// <summary>No HTML.</summary>
    public static Html Empty { get; } = new("");
}
