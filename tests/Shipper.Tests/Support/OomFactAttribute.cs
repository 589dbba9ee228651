namespace WideEvents.Shipper.Tests.Support;

/// <summary>A test that makes a real OOM kill (<see cref="MemoryCgroup"/>); skipped, with the reason, where it cannot.</summary>
public sealed class OomFactAttribute : FactAttribute
{
    public OomFactAttribute()
    {
        if (MemoryCgroup.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
