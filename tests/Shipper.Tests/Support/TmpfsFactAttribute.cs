namespace WideEvents.Shipper.Tests.Support;

/// <summary>A test that fills a real small volume (<see cref="SmallVolume"/>); skipped, with the reason, where none can be mounted.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (SmallVolume.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
