namespace WideEvents.Shipper.Buffer;

/// <summary>Finds how much of a segment survived a crash: the frames up to the first torn or corrupt one.</summary>
internal static class SegmentRecovery
{
    public static long ValidLength(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        long offset = 0;
        while (offset < data.Length)
        {
            int length = RunFrame.TryRead(data.AsSpan((int)offset), null, out _);
            if (length <= 0)
            {
                break;
            }

            offset += length;
        }

        return offset;
    }
}
