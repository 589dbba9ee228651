namespace WideEvents.Analyze.Reports;

internal static class Statistics
{
    public static double Mean(IReadOnlyList<double> values)
    {
        // Summed in input order, as Python's sum() does, so means match the prototype's digits.
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }
        return values.Count == 0 ? double.NaN : sum / values.Count;
    }

    /// <summary>Linear interpolation between closest ranks (numpy's default).</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return PercentileOfSorted(sorted, p);
    }

    /// <summary>As <see cref="Percentile"/>, of values already in ascending order (sorted once for several percentiles).</summary>
    public static double PercentileOfSorted(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var pos = p / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
