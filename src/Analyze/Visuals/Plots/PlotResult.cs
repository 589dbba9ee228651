namespace WideEvents.Analyze.Visuals.Plots;

/// <summary>What was drawn.</summary>
/// <param name="Path">The file written.</param>
/// <param name="Series">Series (lines, bar groups) drawn.</param>
/// <param name="Description">One line about the content, for the command line.</param>
public sealed record PlotResult(string Path, int Series, string Description);
