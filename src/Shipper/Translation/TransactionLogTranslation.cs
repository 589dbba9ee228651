using WideEvents.Contracts.TextLogs;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Translation;

/// <summary>
/// Work Queue and TaskVine transaction logs, one record per line. A manager is TaskVine from the
/// first of its lines that shows it (a TaskVine log's first line, <c>MANAGER pid START</c>, does);
/// a shipper restarted in the middle of a TaskVine log calls its records Work Queue until such a line.
/// </summary>
internal sealed class TransactionLogTranslation(LineIntake intake) : TextTranslation(intake)
{
    private readonly HashSet<string> _taskVine = new(StringComparer.Ordinal);

    public override int TakeLines(ReadOnlySpan<byte> block, long blockOffset, bool final, IntakeTarget target, RunBuilder output)
    {
        int at = 0;
        while (at < block.Length)
        {
            int newline = block[at..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            ReadOnlySpan<byte> raw = block.Slice(at, newline);
            long offset = blockOffset + at;
            at += newline + 1;
            Fields.Begin();
            switch (WorkQueueTransactionLine.Parse(Decode(raw, offset), Fields, out string manager, out bool showsTaskVine))
            {
                case TransactionLineKind.Bad:
                    Quarantine(offset, raw, target);
                    continue;
                case TransactionLineKind.Skipped:
                    continue;
            }

            if (showsTaskVine)
            {
                _taskVine.Add(manager);
            }

            WorkQueueTransactionLine.AddSystem(Fields, _taskVine.Contains(manager));
            Intake.TakeRecord(Fields.End(), offset, target, output);
        }

        return at;
    }
}
