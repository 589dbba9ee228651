namespace WideEvents.Emit.Spans;

/// <summary>
/// A <c>using</c> block's Dispose can tell that an exception is leaving it, but not which one;
/// the first-chance handler remembers the last exception thrown on the span's flow, so the end
/// record can name its type. Whether the span failed is decided at Dispose, not here: an
/// exception caught inside the span does not mark it. The handler's cost to the process is one
/// async-local read per exception thrown.
/// </summary>
internal static class SpanExceptionTracker
{
    private static int s_installed;

    public static void EnsureInstalled()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 0)
        {
            AppDomain.CurrentDomain.FirstChanceException += static (_, e) => LexicalSpan.Current?.NoteThrown(e.Exception);
        }
    }
}
