namespace WideEvents.Emit.Spans;

/// <summary>
/// A <c>using</c> block's Dispose cannot see the exception leaving it, so the span learns of
/// exceptions as they are thrown: the first-chance handler runs on the throwing flow, where
/// the current span is the one the exception starts in. An exception that is caught and
/// handled inside the span still marks it failed unless the code calls
/// <see cref="LexicalSpan.Succeed"/>; <see cref="SpanLoggerExtensions.InSpan{T}(Microsoft.Extensions.Logging.ILogger, string, Func{T})"/>
/// is exact.
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
