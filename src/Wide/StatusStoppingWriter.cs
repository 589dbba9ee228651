using System.Text;

namespace WideEvents.Cli;

/// <summary>A writer that takes the <see cref="WorkStatus"/> spinner off the screen before it writes, so output and spinner never mix.</summary>
internal sealed class StatusStoppingWriter(TextWriter inner, WorkStatus status) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        status.Stop();
        inner.Write(value);
    }

    public override void Write(string? value)
    {
        status.Stop();
        inner.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        status.Stop();
        inner.Write(buffer, index, count);
    }

    public override void WriteLine(string? value)
    {
        status.Stop();
        inner.WriteLine(value);
    }

    public override void Flush() => inner.Flush();

    public override string ToString() => inner.ToString() ?? "";
}
