using WideEvents.Shipper.Health;

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
    /// a partial last line is left for when it is complete.
    /// </summary>
    public int TakeLines(ReadOnlySpan<byte> block, long blockOffset, IntakeTarget target, RunBuilder output)
    {
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
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        // Editors and some Windows tools begin a UTF-8 file with a byte order mark; it is not part of the first record.
        if (offset == 0 && line.StartsWith(Utf8ByteOrderMark))
        {
            line = line[Utf8ByteOrderMark.Length..];
        }

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

    public void Quarantine(long offset, long length, LineVerdict verdict, ReadOnlySpan<byte> start, IntakeTarget target) =>
        quarantine.Add(target.Source, target.SourceId, target.Origin, offset, length, verdict, start);
}
