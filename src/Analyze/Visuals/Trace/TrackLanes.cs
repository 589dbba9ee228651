namespace WideEvents.Analyze.Visuals.Trace;

/// <summary>
/// Splits slices over as few lanes as possible so that each lane is valid for Perfetto: slices on
/// one lane either nest or do not touch. A slice that overlaps another only partly goes to a new
/// lane (a separate thread track) instead of being dropped to Perfetto's overflow track.
/// </summary>
internal static class TrackLanes
{
    /// <summary>Lane index per slice, in the order given.</summary>
    /// <param name="intervals">The slices.</param>
    /// <param name="allowNesting">False: one slice at a time per lane (for flow ends, which bind to the deepest open slice).</param>
    public static int[] Assign(IReadOnlyList<Interval> intervals, bool allowNesting)
    {
        var lanes = new int[intervals.Count];
        var stacks = new List<Stack<Interval>>();
        var order = Enumerable.Range(0, intervals.Count)
            .OrderBy(i => intervals[i].Start).ThenByDescending(i => intervals[i].End).ToArray();
        foreach (var i in order)
        {
            var iv = intervals[i];
            var placed = -1;
            for (var lane = 0; lane < stacks.Count && placed < 0; lane++)
            {
                var stack = stacks[lane];
                // Slices are taken in start order, so one that ended before this start is closed for good.
                while (stack.Count > 0 && stack.Peek().End <= iv.Start)
                {
                    stack.Pop();
                }
                if (stack.Count == 0 || allowNesting && stack.Peek().Start <= iv.Start && iv.End <= stack.Peek().End)
                {
                    placed = lane;
                }
            }
            if (placed < 0)
            {
                stacks.Add(new Stack<Interval>());
                placed = stacks.Count - 1;
            }
            stacks[placed].Push(iv);
            lanes[i] = placed;
        }
        return lanes;
    }
}
