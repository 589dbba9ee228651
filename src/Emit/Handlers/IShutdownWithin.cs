namespace WideEvents.Emit.Handlers;

/// <summary>A writer whose closing can wait on its destination (acknowledgements), bounded by what is left of the handler's shutdown budget.</summary>
internal interface IShutdownWithin
{
    ValueTask DisposeAsync(TimeSpan budget);
}
