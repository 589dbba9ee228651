namespace WideEvents.Shipper.Tests.Support;

/// <summary>A fact that needs Debian's nats-server; skipped, with the reason, when it is not installed.</summary>
public sealed class NatsServerFactAttribute : FactAttribute
{
    public NatsServerFactAttribute()
    {
        if (NatsCluster.ServerPath is null)
        {
            Skip = "nats-server is not installed (apt-get install nats-server; .ci/run installs it)";
        }
    }
}
