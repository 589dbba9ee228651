namespace WideEvents.Shipper.Sinks;

/// <summary>The receiver closed a Push call before acknowledging everything sent on it.</summary>
internal sealed class IncompleteDeliveryException : Exception
{
    public IncompleteDeliveryException()
        : base("The receiver ended the call before acknowledging every record.")
    {
    }

    public IncompleteDeliveryException(string message)
        : base(message)
    {
    }

    public IncompleteDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
