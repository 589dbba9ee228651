using System.Text;
using WideEvents.Contracts.TextLogs;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Translation;

namespace WideEvents.Shipper.Records;

/// <summary>Turns the complete lines of a block into widened, sequenced records in runs, quarantining the bad ones.</summary>
internal sealed class LineIntake(int maxLineBytes, QuarantineFile quarantine, ShipperMetrics metrics)
{
    private bool[] _present = new bool[8];

    public static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>
    /// Takes every complete line of <paramref name="block"/> (which starts at byte
    /// <paramref name="blockOffset"/> of its stream) and returns how many bytes that consumed:
    /// a partial last line is left for when it is complete. Text formats are translated
    /// (<see cref="TextTranslation"/>); <paramref name="final"/> says the stream has stopped growing.
    /// </summary>
    public int TakeLines(ReadOnlySpan<byte> block, long blockOffset, IntakeTarget target, RunBuilder output, bool final = false)
    {
        if (target.Format == FileFormat.Auto && !Recognise(block, blockOffset, target))
        {
            return 0;
        }

        if (target.Format is FileFormat.ParslText or FileFormat.WorkQueueTransactions)
        {
            target.Translation ??= TextTranslation.For(target.Format, this);
            return target.Translation.TakeLines(block, blockOffset, final, target, output);
        }

        int consumed = 0;
        while (consumed < block.Length)
        {
            int newline = block[consumed..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            Take(block.Slice(consumed, newline), blockOffset + consumed, target, output);
            consumed += newline + 1;
        }

        return consumed;
    }

    /// <summary>Takes one line (without its newline).</summary>
    public void Take(ReadOnlySpan<byte> line, long offset, IntakeTarget target, RunBuilder output)
    {
        if (target.Format != FileFormat.Json)
        {
            // An unterminated last line of a text log (or of a file never recognised): as a whole block.
            TakeLines([.. line, (byte)'\n'], offset, target, output, final: true);
            return;
        }

        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        // Editors and some Windows tools begin a UTF-8 file with a byte order mark; it is not part of the first record.
        if (offset == 0 && line.StartsWith(Utf8ByteOrderMark))
        {
            line = line[Utf8ByteOrderMark.Length..];
        }

        TakeRecord(line, offset, target, output);
    }

    /// <summary>Takes one line that should be a JSON record: widened and sequenced, or quarantined.</summary>
    public void TakeRecord(ReadOnlySpan<byte> line, long offset, IntakeTarget target, RunBuilder output)
    {
        if (_present.Length < target.Fields.Count)
        {
            _present = new bool[target.Fields.Count];
        }

        LineVerdict verdict = JsonLineInspector.Inspect(line, MaxLineBytes, target.Fields, _present, out bool hasProperties, out bool hasTime);
        switch (verdict)
        {
            case LineVerdict.Blank:
                return;
            case LineVerdict.Record:
                output.Begin(target.SourceId, target.NextSequence++);
                int bytes = target.Fields.WriteTo(output.Writer, line, _present, hasProperties);
                output.End();
                metrics.RecordsIn.Increment();
                metrics.BytesIn.Add(bytes);
                if (!hasTime)
                {
                    metrics.RecordsWithoutTime.Increment();
                }

                return;
            default:
                Quarantine(offset, line.Length, verdict, line, target);
                return;
        }
    }

    /// <summary>
    /// Decides an <see cref="FileFormat.Auto"/> target's format from its first complete non-blank
    /// line, with the recognisers the analysis loaders use; false while there is no such line.
    /// </summary>
    private static bool Recognise(ReadOnlySpan<byte> block, long blockOffset, IntakeTarget target)
    {
        int at = 0;
        while (at < block.Length)
        {
            int newline = block[at..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return false;
            }

            ReadOnlySpan<byte> raw = block.Slice(at, newline);
            if (blockOffset + at == 0 && raw.StartsWith(Utf8ByteOrderMark))
            {
                raw = raw[Utf8ByteOrderMark.Length..];
            }

            at += newline + 1;
            string line = Encoding.UTF8.GetString(raw.Length > 4096 ? raw[..4096] : raw).TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            target.Format = WorkQueueTransactionLine.LooksLikeTransactions(line) ? FileFormat.WorkQueueTransactions
                : ParslTextLine.LooksLikeParslText(line) ? FileFormat.ParslText
                : FileFormat.Json;
            return true;
        }

        return false;
    }

    public void Quarantine(long offset, long length, LineVerdict verdict, ReadOnlySpan<byte> start, IntakeTarget target) =>
        quarantine.Add(target.Source, target.SourceId, target.Origin, offset, length, verdict, start);
}
