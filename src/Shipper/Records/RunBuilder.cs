using System.Buffers;

namespace WideEvents.Shipper.Records;

/// <summary>
/// Collects accepted records into <see cref="RecordRun"/>s: records are written straight into one
/// growing block of JSON lines, and a run is cut when the source changes, a sequence is skipped or
/// the block reaches <see cref="MaxRunBytes"/> (small enough to stay out of the large-object heap
/// and within any message limit).
/// </summary>
internal sealed class RunBuilder
{
    public const int MaxRunBytes = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _lines = new(MaxRunBytes + 1024);
    private readonly List<RecordRun> _runs = [];
    private string? _sourceId;
    private ulong _firstSequence;
    private int _count;

    /// <summary>Where the next record's bytes go, between <see cref="Begin"/> and <see cref="End"/>.</summary>
    public IBufferWriter<byte> Writer => _lines;

    public bool IsEmpty => _runs.Count == 0 && _count == 0;

    /// <summary>Starts a record of <paramref name="sourceId"/> with <paramref name="sequence"/>; write its bytes to <see cref="Writer"/>.</summary>
    public void Begin(string sourceId, ulong sequence)
    {
        if (_count > 0 && (_sourceId != sourceId || sequence != _firstSequence + (ulong)_count || _lines.WrittenCount >= MaxRunBytes))
        {
            Cut();
        }

        if (_count == 0)
        {
            _sourceId = sourceId;
            _firstSequence = sequence;
        }
    }

    /// <summary>Ends the record begun last.</summary>
    public void End()
    {
        _lines.GetSpan(1)[0] = (byte)'\n';
        _lines.Advance(1);
        _count++;
    }

    /// <summary>Adds a whole run made elsewhere (after cutting the open one, to keep the order).</summary>
    public void Add(RecordRun run)
    {
        CutOpenRun();
        _runs.Add(run);
    }

    /// <summary>Hands over every run added since the last take, the open one cut; the builder starts empty again.</summary>
    public List<RecordRun> Take()
    {
        CutOpenRun();
        List<RecordRun> runs = [.. _runs];
        _runs.Clear();
        return runs;
    }

    /// <summary>Forgets what was added and not taken (a source that failed half-way reads it again).</summary>
    public void Clear()
    {
        _runs.Clear();
        _lines.ResetWrittenCount();
        _count = 0;
    }

    private void CutOpenRun()
    {
        if (_count > 0)
        {
            Cut();
        }
    }

    private void Cut()
    {
        _runs.Add(new RecordRun(_sourceId!, _firstSequence, _count, _lines.WrittenSpan.ToArray()));
        _lines.ResetWrittenCount();
        _count = 0;
    }
}
