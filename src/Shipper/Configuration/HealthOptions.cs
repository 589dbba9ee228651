namespace WideEvents.Shipper.Configuration;

/// <summary>Periodic health metrics.</summary>
internal sealed class HealthOptions
{
    /// <summary>Seconds between reports (metric records logged and <c>status.json</c> rewritten). Default 10.</summary>
    public double IntervalSeconds { get; set; } = 10;
}
