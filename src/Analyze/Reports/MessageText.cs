using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>A record's message, rendered at most once however many rules look at it.</summary>
internal struct MessageText
{
    private string? _text;
    private bool _read;

    public string? Of(Record r)
    {
        if (!_read)
        {
            _text = r.Message();
            _read = true;
        }
        return _text;
    }
}
