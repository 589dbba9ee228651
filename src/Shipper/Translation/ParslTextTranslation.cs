using System.Text;
using System.Text.RegularExpressions;
using WideEvents.Contracts.TextLogs;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Translation;

/// <summary>
/// Parsl text logs: a header line starts an entry, the lines after it (a traceback, a Config
/// repr) join its message, and the entry is shipped when the next header arrives, or when the
/// file has stopped growing. An entry still open is not consumed, so the checkpoint stays at its
/// start and a restarted shipper reads it whole. An entry longer than the longest line allowed is
/// shipped as far as that; lines before any entry are quarantined.
/// </summary>
internal sealed class ParslTextTranslation(LineIntake intake) : TextTranslation(intake)
{
    private readonly StringBuilder _message = new();

    public override int TakeLines(ReadOnlySpan<byte> block, long blockOffset, bool final, IntakeTarget target, RunBuilder output)
    {
        Match? header = null;
        int entryStart = 0;
        int entryBytes = 0;
        int at = 0;
        while (at < block.Length)
        {
            int newline = block[at..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            ReadOnlySpan<byte> raw = block.Slice(at, newline);
            int lineStart = at;
            at += newline + 1;
            string line = Decode(raw, blockOffset + lineStart);
            if (ParslTextLine.Header(line) is { } next)
            {
                Ship(header, blockOffset + entryStart, target, output);
                header = next;
                entryStart = lineStart;
                entryBytes = newline + 1;
                _message.Clear().Append(ParslTextLine.FirstMessageLine(next));
                continue;
            }

            if (header is not null && entryBytes + newline + 1 <= Intake.MaxLineBytes)
            {
                _message.Append('\n').Append(line);
                entryBytes += newline + 1;
                continue;
            }

            Ship(header, blockOffset + entryStart, target, output);
            header = null;
            if (line.Trim().Length > 0)
            {
                Quarantine(blockOffset + lineStart, raw, target);
            }
        }

        if (header is null || final && at == block.Length)
        {
            Ship(header, blockOffset + entryStart, target, output);
            return at;
        }

        return entryStart;
    }

    private void Ship(Match? header, long offset, IntakeTarget target, RunBuilder output)
    {
        if (header is null)
        {
            return;
        }

        Fields.Begin();
        ParslTextLine.Add(Fields, header, _message.ToString());
        Intake.TakeRecord(Fields.End(), offset, target, output);
    }
}
