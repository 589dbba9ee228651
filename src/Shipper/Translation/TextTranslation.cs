using System.Text;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Translation;

/// <summary>
/// Turns the lines of a text log into JSON records as they are tailed, with the parsers the
/// analysis loaders use (<c>WideEvents.Contracts.TextLogs</c>), so shipping a log live and loading
/// it later give the same records. One per file: it may remember what earlier lines said.
/// </summary>
internal abstract class TextTranslation(LineIntake intake)
{
    protected JsonTextFields Fields { get; } = new();

    protected LineIntake Intake { get; } = intake;

    public static TextTranslation For(FileFormat format, LineIntake intake) => format switch
    {
        FileFormat.ParslText => new ParslTextTranslation(intake),
        FileFormat.WorkQueueTransactions => new TransactionLogTranslation(intake),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a translated format"),
    };

    /// <summary>
    /// Translates the complete lines of <paramref name="block"/> (which starts at byte
    /// <paramref name="blockOffset"/> of its file) and returns the bytes consumed: what is not
    /// consumed (a partial line, an entry that may still grow) is given again with the next block.
    /// <paramref name="final"/> says the file has stopped growing: an entry that could still grow is complete.
    /// </summary>
    public abstract int TakeLines(ReadOnlySpan<byte> block, long blockOffset, bool final, IntakeTarget target, RunBuilder output);

    /// <summary>A line as text: without its carriage return, and at offset 0 without a byte order mark (invalid UTF-8 becomes U+FFFD, as the loaders read it).</summary>
    protected static string Decode(ReadOnlySpan<byte> line, long offset)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (offset == 0 && line.StartsWith(LineIntake.Utf8ByteOrderMark))
        {
            line = line[LineIntake.Utf8ByteOrderMark.Length..];
        }

        return Encoding.UTF8.GetString(line);
    }

    protected void Quarantine(long offset, ReadOnlySpan<byte> line, IntakeTarget target) =>
        Intake.Quarantine(offset, line.Length, LineVerdict.NotInFormat, line, target);
}
