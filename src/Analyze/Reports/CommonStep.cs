namespace WideEvents.Analyze.Reports;

/// <summary>One step of a common path: a template (with source and thread) and its offsets.</summary>
/// <param name="Key">The step key, <c>template/logsource/threadName</c>.</param>
/// <param name="Occurrence">1 for the first time the key occurs in an entity, 2 for the second, ...</param>
/// <param name="Count">Entities that have this step.</param>
/// <param name="Mean">Mean offset from the entity's first event, seconds.</param>
/// <param name="Median">Median offset.</param>
/// <param name="P95">95th percentile offset (linear interpolation).</param>
/// <param name="Gap">Mean offset minus the previous step's mean offset (0 for the first step).</param>
/// <param name="IsBottleneck">True for the step with the largest gap: the likely bottleneck.</param>
public sealed record CommonStep(string Key, int Occurrence, int Count, double Mean, double Median, double P95, double Gap, bool IsBottleneck);
