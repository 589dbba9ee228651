namespace WideEvents.Emit.Spans;

/// <summary>
/// Marks the async flow of Emit's own network calls (the gRPC handler's), so that activities
/// they cause (HttpClient's) are not written as records: shipping records would otherwise make
/// records about shipping them, without end.
/// </summary>
internal static class OwnCalls
{
    private static readonly AsyncLocal<bool> InOwnCall = new();

    public static bool Active => InOwnCall.Value;

    /// <summary>Runs <paramref name="start"/> marked; work it starts keeps the mark, the caller's flow does not.</summary>
    public static T Run<T>(Func<T> start)
    {
        var previous = InOwnCall.Value;
        InOwnCall.Value = true;
        try
        {
            return start();
        }
        finally
        {
            InOwnCall.Value = previous;
        }
    }
}
