using System.Globalization;
using System.Text;

namespace WideEvents.Shipper.Sources.Host;

/// <summary>
/// One <c>/dev/kmsg</c> record: <c>PRIORITY,SEQUENCE,MICROSECONDS,FLAGS[,...];MESSAGE</c>, then
/// dictionary lines that start with a space (Documentation/ABI/testing/dev-kmsg). The time is
/// microseconds since boot.
/// </summary>
internal readonly record struct KernelMessage(int Priority, ulong Sequence, long BootMicroseconds, string Text)
{
    public static bool TryParse(ReadOnlySpan<byte> record, out KernelMessage message)
    {
        message = default;
        int semicolon = record.IndexOf((byte)';');
        if (semicolon < 0)
        {
            return false;
        }

        string[] prefix = Encoding.ASCII.GetString(record[..semicolon]).Split(',');
        if (prefix.Length < 3
            || !int.TryParse(prefix[0], NumberStyles.None, CultureInfo.InvariantCulture, out int priority)
            || !ulong.TryParse(prefix[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong sequence)
            || !long.TryParse(prefix[2], NumberStyles.None, CultureInfo.InvariantCulture, out long micros))
        {
            return false;
        }

        ReadOnlySpan<byte> text = record[(semicolon + 1)..];
        int newline = text.IndexOf((byte)'\n');
        message = new KernelMessage(priority, sequence, micros, Encoding.UTF8.GetString(newline >= 0 ? text[..newline] : text));
        return true;
    }

    /// <summary>The CLEF level of the syslog priority (absent, i.e. Information, for notice and info).</summary>
    public string? Level => (Priority & 7) switch
    {
        <= 2 => "Fatal",
        3 => "Error",
        4 => "Warning",
        7 => "Debug",
        _ => null,
    };
}
