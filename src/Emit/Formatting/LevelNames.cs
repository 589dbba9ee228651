using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// Levels spelled as Serilog spells them, because Serilog's CLEF reader rejects the MEL names
/// <c>Trace</c> and <c>Critical</c>. Information is the default and is not written.
/// </summary>
internal static class LevelNames
{
    private static readonly JsonEncodedText Verbose = JsonEncodedText.Encode("Verbose");
    private static readonly JsonEncodedText Debug = JsonEncodedText.Encode("Debug");
    private static readonly JsonEncodedText Warning = JsonEncodedText.Encode("Warning");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("Error");
    private static readonly JsonEncodedText Fatal = JsonEncodedText.Encode("Fatal");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryGet(LogLevel level, out JsonEncodedText name)
    {
        name = level switch
        {
            LogLevel.Trace => Verbose,
            LogLevel.Debug => Debug,
            LogLevel.Warning => Warning,
            LogLevel.Error => Error,
            LogLevel.Critical => Fatal,
            _ => default,
        };
        return level is not LogLevel.Information and not LogLevel.None;
    }
}
