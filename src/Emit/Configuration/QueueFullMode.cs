namespace WideEvents.Emit;

/// <summary>What happens to a record when its handler's queue is full.</summary>
public enum QueueFullMode
{
    /// <summary>The new record is dropped and counted; the count is reported as a record later.</summary>
    DropNewest = 0,

    /// <summary>The caller waits until there is room. Use only where losing a record is worse than stalling.</summary>
    Block,
}
